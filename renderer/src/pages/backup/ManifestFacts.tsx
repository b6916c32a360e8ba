import { useTranslation } from 'react-i18next';
import type { BackupManifestView } from '../../../../shared/api/methods/backup-methods';
import { FactCard, type Fact } from '../../components/FactList';
import { formatDateTime } from '../../format/date-time';
import { formatBytes } from './backup-rules';

/** What a verified backup holds, as the manifest (checked against the file itself) says. */
export function ManifestFacts({ manifest }: { manifest: BackupManifestView }) {
  const { t } = useTranslation();
  const facts: Fact[] = [
    { label: t('backup.restore.facts.createdAt'), value: formatDateTime(manifest.createdAt) },
    { label: t('backup.restore.facts.unit'), value: `${manifest.unitName}（${manifest.unitUscc}）` },
    {
      label: t('backup.restore.facts.device'),
      value: manifest.fromThisDevice ? t('backup.restore.facts.thisDevice') : t('backup.restore.facts.otherDevice', { tail: manifest.deviceId.slice(-8) }),
    },
    { label: t('backup.restore.facts.kind'), value: t(`backup.kind.${manifest.kind}`) },
    { label: t('backup.restore.facts.createdBy'), value: manifest.createdByName ?? t('backup.history.system') },
    { label: t('backup.restore.facts.documents'), value: manifest.totalDocuments.toLocaleString('zh-CN') },
    { label: t('backup.restore.facts.databaseSize'), value: formatBytes(manifest.databaseBytes) },
    { label: t('backup.restore.facts.fileSize'), value: formatBytes(manifest.fileBytes) },
    { label: t('backup.restore.facts.appVersion'), value: manifest.appVersion },
    { label: t('backup.restore.facts.sm3'), value: <span style={{ fontFamily: 'monospace', fontSize: '0.8125rem' }}>{manifest.databaseSm3}</span> },
  ];
  return <FactCard title={t('backup.restore.factsTitle')} facts={facts} />;
}

import BackupIcon from '@mui/icons-material/Backup';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { BackupProgress, BackupHistoryEntry } from '../../../../shared/api/methods/backup-methods';
import type { MethodResult } from '../../../../shared/api/contract';
import { FactCard, type Fact } from '../../components/FactList';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../format/date-time';
import { baseName } from './backup-rules';

type Status = MethodResult<'backup.status'>;

function LastBackup({ entry }: { entry: BackupHistoryEntry | null }) {
  const { t } = useTranslation();
  if (!entry) return <>{t('backup.status.never')}</>;
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
      <span>{formatDateTime(entry.startedAt)}</span>
      <StatusChip tone={entry.result === 'ok' ? 'ok' : 'bad'} label={t(`backup.result.${entry.result}`)} />
      <StatusChip tone="neutral" label={t(`backup.kind.${entry.kind}`)} />
      {entry.file ? <span title={entry.file}>{baseName(entry.file)}</span> : null}
    </Box>
  );
}

/** The progress of whatever job runs now (a backup, or a verification / restore), live. */
export function JobProgress({ progress }: { progress: BackupProgress | undefined }) {
  const { t } = useTranslation();
  if (!progress?.running || !progress.phase || !progress.operation) return null;
  const text = t('backup.progress', { phase: t(`backup.phase.${progress.phase}`), percent: progress.percent });
  return (
    <Box sx={{ mt: 1.5 }} role="status" aria-live="polite">
      <Typography variant="body2" sx={{ mb: 0.5 }}>
        {t(`backup.operation.${progress.operation}`)} · {text}
      </Typography>
      <LinearProgress variant="determinate" value={progress.percent} aria-label={text} />
    </Box>
  );
}

/** 备份状态 and 立即备份: last backup, next scheduled one, and the running job's progress. */
export function BackupStatusCard(props: { status: Status; progress: BackupProgress | undefined; now: number; onRun: () => void }) {
  const { status, progress, now, onRun } = props;
  const { t } = useTranslation();
  const { config } = status;
  const running = progress?.running ?? status.progress.running;
  const next =
    !config || !config.scheduleEnabled || status.nextScheduledAt === null
      ? t('backup.status.scheduleOff')
      : status.nextScheduledAt <= now
        ? t('backup.status.due')
        : formatDateTime(status.nextScheduledAt);
  const facts: Fact[] = [
    { label: t('backup.status.lastBackup'), value: <LastBackup entry={status.lastBackup} /> },
    { label: t('backup.status.lastSuccess'), value: status.lastSuccessAt ? formatDateTime(status.lastSuccessAt) : t('backup.status.never') },
    { label: t('backup.status.next'), value: next },
    ...(config
      ? [
          { label: t('backup.status.folder'), value: <span style={{ fontFamily: 'monospace' }}>{config.folder}</span> },
          { label: t('backup.status.keyId'), value: <span style={{ fontFamily: 'monospace' }}>{config.keyId}</span> },
        ]
      : []),
    { label: t('backup.status.dataDir'), value: <span style={{ fontFamily: 'monospace' }}>{status.dataDir}</span> },
  ];
  return (
    <FactCard title={t('backup.status.title')} facts={facts}>
      {config ? null : (
        <Alert severity="info" sx={{ mt: 1.5 }}>
          {t('backup.status.notConfigured')}
        </Alert>
      )}
      {status.lastBackup?.result === 'failed' && status.lastBackup.error ? (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {t('backup.status.lastFailed', { message: status.lastBackup.error.message })}
        </Alert>
      ) : null}
      <JobProgress progress={progress} />
      <Box sx={{ mt: 1.5 }}>
        <Button variant="contained" startIcon={<BackupIcon />} onClick={onRun} disabled={!config || running}>
          {t('backup.run.button')}
        </Button>
      </Box>
    </FactCard>
  );
}

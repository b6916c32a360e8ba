import Box from '@mui/material/Box';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodResult } from '../../../../shared/api/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useSubscription } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FactCard, type Fact } from '../../components/FactList';
import { PageHeading } from '../../components/PageHeading';
import { RoleChips } from '../../components/RoleChips';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../format/date-time';
import { ApprovalDashboardCard } from '../approval/ApprovalDashboardCard';
import { BudgetNoticesCard } from '../projects/BudgetNoticesCard';
import { ContractRemindersCard } from '../contracts/ContractRemindersCard';
import { MyRequestsCard } from '../payments/MyRequestsCard';
import { useSession } from '../../session/SessionProvider';

type SystemInfo = MethodResult<'system.info'>;

const SYNC_TONE = { notConfigured: 'neutral', idle: 'ok', syncing: 'busy', error: 'bad' } as const;

/**
 * 工作台: only real facts for now — the office, who is signed in, and this computer. Figures
 * and charts arrive with the capabilities that produce them, never as placeholders.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const client = useApi();
  const session = useSession();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  // The live topic keeps network and sync current after the one-off system.info answer.
  const { data: status } = useSubscription('system.status', {});

  useEffect(() => {
    let live = true;
    void client.call('system.info', {}).then((envelope) => {
      if (!live) return;
      if (envelope.ok) setInfo(envelope.value);
      else setError(envelope.error);
    });
    return () => {
      live = false;
    };
  }, [client]);

  const { unit, user } = session;
  const empty = t('common.empty');
  const unitFacts: Fact[] = [
    { label: t('dashboard.unitName'), value: unit.name },
    { label: t('dashboard.uscc'), value: <span style={{ fontFamily: 'monospace' }}>{unit.uscc}</span> },
    { label: t('dashboard.level'), value: t(`unitLevels.${unit.level}`) },
  ];
  const userFacts: Fact[] = [
    { label: t('dashboard.name'), value: user.name },
    { label: t('dashboard.login'), value: user.login },
    { label: t('dashboard.roles'), value: <RoleChips roles={user.roles} /> },
    { label: t('dashboard.lastLogin'), value: user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('dashboard.never') },
    { label: t('dashboard.idleTimeout'), value: t('dashboard.idleMinutes', { minutes: Math.round(session.idleTimeoutMs / 60_000) }) },
  ];
  const online = status?.online ?? info?.online;
  const sync = status?.sync ?? info?.sync;
  const systemFacts: Fact[] = [
    { label: t('dashboard.product'), value: info?.productName ?? empty },
    { label: t('dashboard.version'), value: info?.version ?? empty },
    {
      label: t('dashboard.runtime'),
      value: info ? (info.runtime === 'electron' ? t('dashboard.runtimeElectron') : t('dashboard.runtimeBrowser')) : empty,
    },
    { label: t('dashboard.deviceId'), value: <span style={{ fontFamily: 'monospace' }}>{info?.deviceId ?? empty}</span> },
    {
      label: t('dashboard.network'),
      value:
        online === undefined ? empty : (
          <StatusChip tone={online ? 'ok' : 'warn'} label={online ? t('dashboard.online') : t('dashboard.offline')} />
        ),
    },
    {
      label: t('dashboard.sync'),
      value: sync === undefined ? empty : <StatusChip tone={SYNC_TONE[sync]} label={t(`dashboard.syncState.${sync}`)} />,
    },
  ];

  return (
    <>
      <PageHeading title={t('dashboard.title')} />
      <ErrorAlert error={error} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))', mt: error ? 2 : 0 }}>
        <BudgetNoticesCard />
        <ContractRemindersCard />
        <ApprovalDashboardCard />
        <MyRequestsCard />
        <FactCard title={t('dashboard.unitCard')} facts={unitFacts} />
        <FactCard title={t('dashboard.userCard')} facts={userFacts} />
        <FactCard title={t('dashboard.systemCard')} facts={systemFacts} />
      </Box>
    </>
  );
}

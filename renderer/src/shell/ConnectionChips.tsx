import Stack from '@mui/material/Stack';
import { useTranslation } from 'react-i18next';
import { useConnectionState, useSubscription } from '../api/api-context';
import type { ConnectionStatus } from '../api/connection-state';
import { StatusChip, type StatusTone } from '../components/StatusChip';
import { formatDateTime } from '../format/date-time';

const CONNECTION_TONE: Record<ConnectionStatus, StatusTone> = {
  connecting: 'busy',
  online: 'ok',
  offline: 'bad',
  rejected: 'bad',
};

const SYNC_TONE = { notConfigured: 'neutral', idle: 'ok', syncing: 'busy', error: 'bad' } as const;

/**
 * Three facts an officer needs before trusting what the screen shows: is this page connected to
 * the local core, is the computer online, and is sync with the province working.
 */
export function ConnectionChips() {
  const { t } = useTranslation();
  const connection = useConnectionState();
  const { data: status } = useSubscription('system.status', {});
  const lastSync = status?.lastSyncAt ? t('system.lastSync', { time: formatDateTime(status.lastSyncAt) }) : t('system.neverSynced');
  return (
    <Stack direction="row" spacing={0.75} sx={{ bgcolor: 'background.paper', borderRadius: 4, px: 0.75, py: 0.5 }}>
      <StatusChip tone={CONNECTION_TONE[connection.status]} label={t(`connection.chip.${connection.status}`)} />
      {status ? (
        <>
          <StatusChip tone={status.online ? 'ok' : 'warn'} label={status.online ? t('system.network.online') : t('system.network.offline')} />
          <StatusChip tone={SYNC_TONE[status.sync]} label={t(`system.sync.${status.sync}`)} title={lastSync} />
        </>
      ) : null}
    </Stack>
  );
}

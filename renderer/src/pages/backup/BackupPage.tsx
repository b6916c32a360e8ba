import LinearProgress from '@mui/material/LinearProgress';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupHistoryEntry } from '../../../../shared/api/methods/backup-methods';
import type { MethodResult } from '../../../../shared/api/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useSubscription } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { BackupConfigForm } from './BackupConfigForm';
import { BackupHistoryTable } from './BackupHistoryTable';
import { BackupStatusCard } from './BackupStatusCard';
import { PendingRestoreAlert } from './PendingRestoreAlert';
import { RestorePanel } from './RestorePanel';
import { baseName } from './backup-rules';

type Status = MethodResult<'backup.status'>;

/**
 * 系统管理 → 备份 (administrators): status and 立即备份 with live progress, the settings, the
 * history, and verify / restore of a file. Status and history are read again whenever a job
 * ends — also the unattended daily one, whose progress arrives on the same topic.
 */
export function BackupPage() {
  const { t } = useTranslation();
  const client = useApi();
  const { data: progress } = useSubscription('backup.progress', {});
  const [status, setStatus] = useState<Status | null>(null);
  const [history, setHistory] = useState<BackupHistoryEntry[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [runError, setRunError] = useState<ErrorBody | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  const refresh = useCallback(async () => {
    const [s, h] = await Promise.all([client.call('backup.status', {}), client.call('backup.history', { limit: 100 })]);
    if (s.ok) setStatus(s.value);
    else setError(s.error);
    if (h.ok) setHistory(h.value);
  }, [client]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && progress && !progress.running) void refresh();
    wasRunning.current = progress?.running ?? false;
  }, [progress, refresh]);

  const run = async () => {
    setRunError(null);
    const answer = await client.call('backup.run', {});
    if (answer.ok) setToast(t('backup.run.done', { file: baseName(answer.value.file ?? '') }));
    else setRunError(answer.error);
    await refresh();
  };

  const cancelRestore = async () => {
    setCancelling(true);
    const answer = await client.call('backup.cancelRestore', {});
    setCancelling(false);
    if (answer.ok) setToast(t('backup.pending.cancelled'));
    else setRunError(answer.error);
    await refresh();
  };

  return (
    <>
      <PageHeading title={t('backup.title')} subtitle={t('backup.subtitle')} />
      <ErrorAlert error={error} />
      {status === null ? (
        error ? null : (
          <>
            <LinearProgress aria-label={t('backup.loading')} />
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {t('backup.loading')}
            </Typography>
          </>
        )
      ) : (
        <Stack spacing={2}>
          {status.pendingRestore ? (
            <PendingRestoreAlert pending={status.pendingRestore} runtime={status.runtime} busy={cancelling} onCancel={() => void cancelRestore()} />
          ) : null}
          <ErrorAlert error={runError} />
          <BackupStatusCard status={status} progress={progress} now={Date.now()} onRun={() => void run()} />
          <BackupConfigForm
            key={status.config?.configuredAt ?? 'new'}
            config={status.config}
            onSaved={() => {
              setToast(t('backup.config.saved'));
              void refresh();
            }}
          />
          <BackupHistoryTable entries={history} />
          <RestorePanel dataDir={status.dataDir} progress={progress} onStaged={() => void refresh()} />
        </Stack>
      )}
      <Snackbar
        open={toast !== null}
        autoHideDuration={5000}
        onClose={() => setToast(null)}
        message={toast}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      />
    </>
  );
}

import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { PendingRestoreView } from '../../../../shared/api/methods/backup-methods';
import { formatDateTime } from '../../format/date-time';

/**
 * A verified restore waits for the next start of the core. The page says so plainly, and how to
 * restart in the mode this is running in — it never pretends the restore happened already.
 */
export function PendingRestoreAlert(props: { pending: PendingRestoreView; runtime: 'electron' | 'browser'; busy: boolean; onCancel: () => void }) {
  const { pending, runtime, busy, onCancel } = props;
  const { t } = useTranslation();
  return (
    <Alert
      severity="warning"
      role="alert"
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" size="small" onClick={onCancel} disabled={busy}>
          {t('backup.pending.cancel')}
        </Button>
      }
    >
      <AlertTitle>{t('backup.pending.title')}</AlertTitle>
      <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
        {t('backup.pending.body', {
          file: pending.sourceFile,
          createdAt: formatDateTime(pending.backupCreatedAt),
          documents: pending.totalDocuments,
          by: pending.stagedByName ?? t('backup.history.system'),
          stagedAt: formatDateTime(pending.stagedAt),
        })}
      </Typography>
      <Typography variant="body2" sx={{ mt: 1, fontWeight: 600 }}>
        {runtime === 'electron' ? t('backup.pending.electron') : t('backup.pending.browser')}
      </Typography>
    </Alert>
  );
}

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupManifestView, BackupProgress } from '../../../../shared/api/methods/backup-methods';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from './BackupStatusCard';

interface Props {
  file: string;
  dataDir: string;
  /** the result of an earlier 校验 of this same file, if there was one */
  verified: BackupManifestView | null;
  progress: BackupProgress | undefined;
  busy: boolean;
  error: ErrorBody | null;
  onClose: () => void;
  onConfirm: () => void;
}

/**
 * Says exactly what a restore does before anything happens (DOMAIN.md: every destructive action
 * confirms with what exactly will happen), and needs an explicit acknowledgement before the
 * button that starts it is enabled. Cancel stays available until the call runs.
 */
export function RestoreConfirmDialog({ file, dataDir, verified, progress, busy, error, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  const [acknowledged, setAcknowledged] = useState(false);
  const titleId = useId();
  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('backup.restore.confirm.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5}>
          <ErrorAlert error={error} />
          <Typography variant="body2" sx={{ wordBreak: 'break-all', fontWeight: 600 }}>
            {t('backup.restore.confirm.file', { file })}
          </Typography>
          <Typography variant="body2">{t('backup.restore.confirm.what')}</Typography>
          <ol style={{ margin: 0, paddingLeft: '1.5em' }}>
            <li>
              <Typography variant="body2">{t('backup.restore.confirm.step1')}</Typography>
            </li>
            <li>
              <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
                {t('backup.restore.confirm.step2', { dataDir })}
              </Typography>
            </li>
            <li>
              <Typography variant="body2">{t('backup.restore.confirm.step3')}</Typography>
            </li>
          </ol>
          {verified && !verified.fromThisDevice ? (
            <Alert severity="warning">{t('backup.restore.confirm.otherDevice', { unit: verified.unitName, tail: verified.deviceId.slice(-8) })}</Alert>
          ) : null}
          <FormControlLabel
            control={<Checkbox checked={acknowledged} onChange={(event) => setAcknowledged(event.target.checked)} disabled={busy} />}
            label={t('backup.restore.confirm.acknowledge')}
          />
          <JobProgress progress={progress} />
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" color="error" onClick={onConfirm} disabled={busy || !acknowledged}>
          {t('backup.restore.confirm.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

import RestoreIcon from '@mui/icons-material/Restore';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupManifestView, BackupProgress } from '../../../../shared/api/methods/backup-methods';
import type { MethodResult } from '../../../../shared/api/contract';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useForm } from '../../forms/use-form';
import { BackupTextField } from './BackupTextField';
import { JobProgress } from './BackupStatusCard';
import { ManifestFacts } from './ManifestFacts';
import { RestoreConfirmDialog } from './RestoreConfirmDialog';
import { checkRequired } from './backup-rules';

type Field = 'file' | 'passphrase';
const FIELD_PATHS: Record<Field, string> = { file: 'file', passphrase: 'passphrase' };
const INITIAL: Record<Field, string> = { file: '', passphrase: '' };

interface Props {
  dataDir: string;
  progress: BackupProgress | undefined;
  onStaged: (result: MethodResult<'backup.restore'>) => void;
}

/**
 * 校验与恢复: a file path and its passphrase. 校验 proves the file without touching anything;
 * 恢复… explains what will happen, then verifies again and stages the restore for the next start.
 */
export function RestorePanel({ dataDir, progress, onStaged }: Props) {
  const { t } = useTranslation();
  const client = useApi();
  const form = useForm(INITIAL, FIELD_PATHS);
  const [verified, setVerified] = useState<{ file: string; manifest: BackupManifestView } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const v = form.values;
  const rules = { file: checkRequired(v.file, 'backup.rules.fileRequired'), passphrase: checkRequired(v.passphrase, 'backup.rules.passphraseRequired') };
  const valid = rules.file.length === 0 && rules.passphrase.length === 0;
  const busyHere = form.busy || (progress?.running === true && progress.operation !== 'backup');

  const verify = (event?: FormEvent) => {
    event?.preventDefault();
    setVerified(null);
    void form.submit(valid, () => client.call('backup.verify', { file: v.file, passphrase: v.passphrase }), (manifest) => setVerified({ file: v.file, manifest }));
  };

  const openConfirm = () => {
    // the same checks as a submit, so an empty field is marked instead of a dialog opening
    if (!valid) return void form.submit(false, () => Promise.reject(new Error('unreachable')), () => undefined);
    setConfirming(true);
  };

  const restore = () =>
    void form.submit(
      true,
      () => client.call('backup.restore', { file: v.file, passphrase: v.passphrase, confirm: true }),
      (result) => {
        setConfirming(false);
        form.reset();
        setVerified(null);
        onStaged(result);
      },
    );

  const shown = verified && verified.file === v.file ? verified.manifest : null;
  return (
    <Paper variant="outlined" component="section" sx={{ p: 2 }} aria-labelledby="backup-restore-title">
      <Typography id="backup-restore-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {t('backup.restore.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('backup.restore.intro')}
      </Typography>
      <form noValidate onSubmit={verify}>
        <Stack spacing={1}>
          {confirming ? null : <ErrorAlert error={form.generalError} />}
          <BackupTextField form={form} field="file" label={t('backup.restore.file')} rules={rules.file} hint={t('backup.restore.fileHint')} />
          <BackupTextField form={form} field="passphrase" type="password" autoComplete="off" label={t('backup.restore.passphrase')} rules={rules.passphrase} />
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="outlined" startIcon={<VerifiedUserIcon />} disabled={busyHere}>
              {t('backup.restore.verify')}
            </Button>
            <Button variant="outlined" color="error" startIcon={<RestoreIcon />} onClick={openConfirm} disabled={busyHere}>
              {t('backup.restore.restore')}
            </Button>
          </Stack>
          {confirming ? null : <JobProgress progress={progress?.operation === 'backup' ? undefined : progress} />}
        </Stack>
      </form>
      {shown ? (
        <Stack spacing={1} sx={{ mt: 2 }}>
          <Alert severity="success">{t('backup.restore.verified')}</Alert>
          <ManifestFacts manifest={shown} />
        </Stack>
      ) : null}
      {confirming ? (
        <RestoreConfirmDialog
          file={v.file}
          dataDir={dataDir}
          verified={shown}
          progress={progress?.operation === 'restore' ? progress : undefined}
          busy={form.busy}
          error={form.serverError}
          onClose={() => setConfirming(false)}
          onConfirm={restore}
        />
      ) : null}
    </Paper>
  );
}

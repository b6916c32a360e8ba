import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_KEEP_DEFAULT, BACKUP_TIME_DEFAULT, type BackupConfigView } from '../../../../shared/api/methods/backup-methods';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useForm } from '../../forms/use-form';
import { usePasswordPolicy } from '../../forms/use-password-policy';
import { BackupTextField } from './BackupTextField';
import { checkFolder, checkKeep, checkPassphrase, checkPassphraseConfirm, checkTimeOfDay, parseKeep } from './backup-rules';

type Field = 'folder' | 'passphrase' | 'passphraseConfirm' | 'timeOfDay' | 'keep' | 'scheduleEnabled';
const FIELD_PATHS: Record<Field, string> = {
  folder: 'folder',
  passphrase: 'passphrase',
  passphraseConfirm: 'passphraseConfirm',
  timeOfDay: 'timeOfDay',
  keep: 'keep',
  scheduleEnabled: 'scheduleEnabled',
};

function initialValues(config: BackupConfigView | null): Record<Field, string> {
  return {
    folder: config?.folder ?? '',
    passphrase: '',
    passphraseConfirm: '',
    timeOfDay: config?.timeOfDay ?? BACKUP_TIME_DEFAULT,
    keep: String(config?.keep ?? BACKUP_KEEP_DEFAULT),
    scheduleEnabled: '',
  };
}

/**
 * 备份设置: folder, passphrase (set once; left empty later it stays), daily time and how many
 * backups to keep. The core checks the folder exists and is writable and names the field it
 * refuses.
 */
export function BackupConfigForm({ config, onSaved }: { config: BackupConfigView | null; onSaved: (view: BackupConfigView) => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const policy = usePasswordPolicy();
  const form = useForm(initialValues(config), FIELD_PATHS);
  const [scheduleEnabled, setScheduleEnabled] = useState(config?.scheduleEnabled ?? true);
  const v = form.values;
  const firstTime = config === null;
  const rules = {
    folder: checkFolder(v.folder),
    passphrase: firstTime && v.passphrase === '' ? [{ key: 'backup.rules.passphraseRequired' as const }] : checkPassphrase(v.passphrase, policy),
    passphraseConfirm: checkPassphraseConfirm(v.passphrase, v.passphraseConfirm),
    timeOfDay: checkTimeOfDay(v.timeOfDay),
    keep: checkKeep(v.keep),
  };
  const valid = Object.values(rules).every((list) => list.length === 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(
      valid,
      () =>
        client.call('backup.configure', {
          folder: v.folder,
          passphrase: v.passphrase,
          passphraseConfirm: v.passphraseConfirm,
          scheduleEnabled,
          timeOfDay: v.timeOfDay,
          keep: parseKeep(v.keep) ?? 0,
        }),
      (view) => {
        form.reset({ ...initialValues(view) });
        onSaved(view);
      },
    );
  };

  return (
    <Paper variant="outlined" component="section" sx={{ p: 2 }} aria-labelledby="backup-config-title">
      <Typography id="backup-config-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1.5 }}>
        {t('backup.config.title')}
      </Typography>
      <form noValidate onSubmit={submit}>
        <Stack spacing={1}>
          <ErrorAlert error={form.generalError} />
          <BackupTextField form={form} field="folder" label={t('backup.config.folder')} rules={rules.folder} hint={t('backup.config.folderHint')} />
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <BackupTextField
              form={form}
              field="passphrase"
              type="password"
              autoComplete="new-password"
              label={t('backup.config.passphrase')}
              rules={rules.passphrase}
              hint={firstTime ? t('backup.config.passphraseHintFirst') : t('backup.config.passphraseHintKeep', { keyId: config.keyId })}
              sx={{ width: '100%' }}
            />
            <BackupTextField
              form={form}
              field="passphraseConfirm"
              type="password"
              autoComplete="new-password"
              label={t('backup.config.passphraseConfirm')}
              rules={rules.passphraseConfirm}
              sx={{ width: '100%' }}
            />
          </Stack>
          <FormControlLabel
            control={<Switch checked={scheduleEnabled} onChange={(event) => setScheduleEnabled(event.target.checked)} />}
            label={t('backup.config.schedule')}
          />
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <BackupTextField form={form} field="timeOfDay" label={t('backup.config.timeOfDay')} rules={rules.timeOfDay} hint={t('backup.config.timeHint')} sx={{ width: { xs: '100%', md: 380 }, flexShrink: 0 }} />
            <BackupTextField form={form} field="keep" type="number" label={t('backup.config.keep')} rules={rules.keep} hint={t('backup.config.keepHint')} sx={{ width: '100%' }} />
          </Stack>
          <div>
            <Button type="submit" variant="contained" disabled={form.busy}>
              {t('backup.config.save')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

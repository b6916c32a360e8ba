import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { CenteredPanel } from '../../components/CenteredPanel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { checkConfirm, checkPassword, checkRequired } from '../../forms/field-rules';
import { useForm } from '../../forms/use-form';
import { usePasswordPolicy } from '../../forms/use-password-policy';

type Field = 'recoveryCode' | 'login' | 'newPassword' | 'newPasswordConfirm';
const FIELD_PATHS: Record<Field, string> = {
  recoveryCode: 'recoveryCode',
  login: 'login',
  newPassword: 'newPassword',
  newPasswordConfirm: 'newPasswordConfirm',
};

/** Every administrator password lost: the recovery code from first run sets a new one. */
export function RecoverAdminPanel({ onDone, onCancel }: { onDone: (login: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const policy = usePasswordPolicy();
  const form = useForm<Field>({ recoveryCode: '', login: '', newPassword: '', newPasswordConfirm: '' }, FIELD_PATHS);
  const v = form.values;
  const rules = {
    recoveryCode: checkRequired(v.recoveryCode),
    login: checkRequired(v.login),
    newPassword: checkPassword(v.newPassword, policy, v.login),
    newPasswordConfirm: checkConfirm(v.newPassword, v.newPasswordConfirm),
  };
  const valid = !rules.recoveryCode && !rules.login && rules.newPassword.length === 0 && !rules.newPasswordConfirm;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(valid, () => client.call('auth.recoverAdmin', { ...v }), () => onDone(v.login.trim()));
  };

  return (
    <CenteredPanel title={t('recoverAdmin.title')}>
      <Alert severity="info" sx={{ mb: 2 }}>
        {t('recoverAdmin.intro')}
      </Alert>
      <Box component="form" noValidate onSubmit={onSubmit}>
        <Stack spacing={1}>
          <ErrorAlert error={form.generalError} />
          <FormTextField form={form} field="recoveryCode" label={t('recoverAdmin.recoveryCode')} rules={rules.recoveryCode} autoFocus autoComplete="off" />
          <FormTextField form={form} field="login" label={t('recoverAdmin.login')} rules={rules.login} autoComplete="username" />
          <FormTextField form={form} field="newPassword" type="password" label={t('recoverAdmin.newPassword')} rules={rules.newPassword} autoComplete="new-password" />
          <FormTextField
            form={form}
            field="newPasswordConfirm"
            type="password"
            label={t('recoverAdmin.newPasswordConfirm')}
            rules={rules.newPasswordConfirm}
            autoComplete="new-password"
          />
          <Button type="submit" variant="contained" size="large" disabled={form.busy}>
            {t('recoverAdmin.submit')}
          </Button>
          <Button onClick={onCancel}>{t('recoverAdmin.cancel')}</Button>
        </Stack>
      </Box>
    </CenteredPanel>
  );
}

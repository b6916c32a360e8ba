import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { CenteredPanel } from '../../components/CenteredPanel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { checkConfirm, checkPassword, checkRequired } from '../../forms/field-rules';
import { useForm } from '../../forms/use-form';
import { usePasswordPolicy } from '../../forms/use-password-policy';
import { useSession, useSessionControl } from '../../session/SessionProvider';

type Field = 'currentPassword' | 'newPassword' | 'newPasswordConfirm';
const FIELD_PATHS: Record<Field, string> = {
  currentPassword: 'currentPassword',
  newPassword: 'newPassword',
  newPasswordConfirm: 'newPasswordConfirm',
};
const INITIAL: Record<Field, string> = { currentPassword: '', newPassword: '', newPasswordConfirm: '' };

/** The forced password change after a first sign-in or a reset: nothing else is reachable first. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const client = useApi();
  const session = useSession();
  const { passwordChanged, signOut } = useSessionControl();
  const policy = usePasswordPolicy();
  const form = useForm(INITIAL, FIELD_PATHS);
  const v = form.values;
  const rules = {
    currentPassword: checkRequired(v.currentPassword),
    newPassword: checkPassword(v.newPassword, policy, session.user.login),
    newPasswordConfirm: checkConfirm(v.newPassword, v.newPasswordConfirm),
  };
  const valid = !rules.currentPassword && rules.newPassword.length === 0 && !rules.newPasswordConfirm;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(valid, () => client.call('auth.changePassword', { ...v }), () => void passwordChanged());
  };

  return (
    <CenteredPanel title={t('changePassword.title')}>
      <Typography sx={{ mb: 1 }}>{t('changePassword.user', { name: session.user.name, login: session.user.login })}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('changePassword.intro')}
      </Typography>
      <Box component="form" noValidate onSubmit={onSubmit}>
        <Stack spacing={1}>
          <ErrorAlert error={form.generalError} />
          <FormTextField form={form} field="currentPassword" type="password" label={t('changePassword.current')} rules={rules.currentPassword} autoComplete="current-password" autoFocus />
          <FormTextField
            form={form}
            field="newPassword"
            type="password"
            label={t('changePassword.new')}
            rules={rules.newPassword}
            hint={t('password.hint', { min: policy.minLength, classes: policy.minClasses })}
            autoComplete="new-password"
          />
          <FormTextField form={form} field="newPasswordConfirm" type="password" label={t('changePassword.confirm')} rules={rules.newPasswordConfirm} autoComplete="new-password" />
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
            <Button onClick={() => void signOut()} disabled={form.busy}>
              {t('shell.logout')}
            </Button>
            <Button type="submit" variant="contained" disabled={form.busy}>
              {t('changePassword.submit')}
            </Button>
          </Stack>
        </Stack>
      </Box>
    </CenteredPanel>
  );
}

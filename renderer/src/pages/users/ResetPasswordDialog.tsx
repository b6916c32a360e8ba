import Alert from '@mui/material/Alert';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/api/common-schemas';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';
import { FormTextField } from '../../components/FormTextField';
import { checkConfirm, checkPassword } from '../../forms/field-rules';
import { useForm } from '../../forms/use-form';
import { usePasswordPolicy } from '../../forms/use-password-policy';

type Field = 'password' | 'passwordConfirm';
const FIELD_PATHS: Record<Field, string> = { password: 'password', passwordConfirm: 'passwordConfirm' };

/** 重置密码: the administrator sets a new one; the user must change it at the next sign-in. */
export function ResetPasswordDialog({ user, onClose, onDone }: { user: UserView; onClose: () => void; onDone: (user: UserView) => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const policy = usePasswordPolicy();
  const form = useForm({ password: '', passwordConfirm: '' }, FIELD_PATHS);
  const v = form.values;
  const rules = { password: checkPassword(v.password, policy, user.login), passwordConfirm: checkConfirm(v.password, v.passwordConfirm) };

  const submit = () =>
    void form.submit(
      rules.password.length === 0 && !rules.passwordConfirm,
      () => client.call('users.resetPassword', { userId: user.id, password: v.password, passwordConfirm: v.passwordConfirm }),
      onDone,
    );

  return (
    <FormDialog
      title={t('users.resetDialog.title', { name: user.name, login: user.login })}
      submitLabel={t('users.resetDialog.submit')}
      busy={form.busy}
      error={form.generalError}
      onClose={onClose}
      onSubmit={submit}
    >
      <Alert severity="info">{t('users.resetDialog.consequence')}</Alert>
      <FormTextField
        form={form}
        field="password"
        type="password"
        label={t('users.resetDialog.password')}
        rules={rules.password}
        hint={t('password.hint', { min: policy.minLength, classes: policy.minClasses })}
        autoFocus
        autoComplete="new-password"
      />
      <FormTextField form={form} field="passwordConfirm" type="password" label={t('users.resetDialog.passwordConfirm')} rules={rules.passwordConfirm} autoComplete="new-password" />
    </FormDialog>
  );
}

import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/api/common-schemas';
import type { Role } from '../../../../shared/domain/roles';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';
import { FormTextField } from '../../components/FormTextField';
import { RoleCheckboxes } from '../../components/RoleCheckboxes';
import { checkConfirm, checkLogin, checkPassword, checkPersonName } from '../../forms/field-rules';
import { useForm } from '../../forms/use-form';
import { usePasswordPolicy } from '../../forms/use-password-policy';

type Field = 'login' | 'name' | 'password' | 'passwordConfirm' | 'roles';
const FIELD_PATHS: Record<Field, string> = {
  login: 'login',
  name: 'name',
  password: 'password',
  passwordConfirm: 'passwordConfirm',
  roles: 'roles',
};
const INITIAL: Record<Field, string> = { login: '', name: '', password: '', passwordConfirm: '', roles: '' };

/** 新建用户: the new user must change the initial password at first sign-in (the core sets that). */
export function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (user: UserView) => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const policy = usePasswordPolicy();
  const form = useForm(INITIAL, FIELD_PATHS);
  const [roles, setRoles] = useState<Role[]>([]);
  const v = form.values;
  const rules = {
    login: checkLogin(v.login),
    name: checkPersonName(v.name),
    password: checkPassword(v.password, policy, v.login),
    passwordConfirm: checkConfirm(v.password, v.passwordConfirm),
  };
  const rolesRule = roles.length === 0 ? t('rules.roles.required') : null;
  const valid = !rules.login && !rules.name && rules.password.length === 0 && !rules.passwordConfirm && !rolesRule;

  const submit = () =>
    void form.submit(
      valid,
      () => client.call('users.create', { login: v.login, name: v.name, roles, password: v.password, passwordConfirm: v.passwordConfirm }),
      onCreated,
    );

  return (
    <FormDialog
      title={t('users.createDialog.title')}
      submitLabel={t('users.createDialog.submit')}
      busy={form.busy}
      error={form.generalError}
      onClose={onClose}
      onSubmit={submit}
    >
      <Typography variant="body2" color="text.secondary">
        {t('users.createDialog.intro')}
      </Typography>
      <FormTextField form={form} field="login" label={t('users.createDialog.login')} rules={rules.login} autoFocus autoComplete="off" maxLength={32} />
      <FormTextField form={form} field="name" label={t('users.createDialog.name')} rules={rules.name} autoComplete="off" maxLength={40} />
      <RoleCheckboxes
        legend={t('users.createDialog.roles')}
        value={roles}
        onChange={(next) => {
          setRoles(next);
          // Marks the field touched and clears a core complaint about roles.
          form.setValue('roles', next.join(','));
        }}
        error={form.serverMessage('roles') ?? (form.showRules('roles') ? rolesRule : null)}
      />
      <FormTextField
        form={form}
        field="password"
        type="password"
        label={t('users.createDialog.password')}
        rules={rules.password}
        hint={t('password.hint', { min: policy.minLength, classes: policy.minClasses })}
        autoComplete="new-password"
      />
      <FormTextField form={form} field="passwordConfirm" type="password" label={t('users.createDialog.passwordConfirm')} rules={rules.passwordConfirm} autoComplete="new-password" />
    </FormDialog>
  );
}

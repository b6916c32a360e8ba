import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/api/common-schemas';
import type { Role } from '../../../../shared/domain/roles';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';
import { RoleCheckboxes } from '../../components/RoleCheckboxes';
import { useForm } from '../../forms/use-form';

const FIELD_PATHS = { roles: 'roles' };

/** 修改角色: separation-of-duty conflicts and "last administrator" come back from the core on `roles`. */
export function RolesDialog({ user, onClose, onSaved }: { user: UserView; onClose: () => void; onSaved: (user: UserView) => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const form = useForm({ roles: '' }, FIELD_PATHS);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const rolesRule = roles.length === 0 ? t('rules.roles.required') : null;

  const submit = () => void form.submit(rolesRule === null, () => client.call('users.setRoles', { userId: user.id, roles }), onSaved);

  return (
    <FormDialog
      title={t('users.rolesDialog.title', { name: user.name, login: user.login })}
      submitLabel={t('users.rolesDialog.submit')}
      busy={form.busy}
      error={form.generalError}
      onClose={onClose}
      onSubmit={submit}
    >
      <RoleCheckboxes
        legend={t('users.rolesDialog.roles')}
        value={roles}
        onChange={(next) => {
          setRoles(next);
          form.setValue('roles', next.join(','));
        }}
        error={form.serverMessage('roles') ?? (form.showRules('roles') ? rolesRule : null)}
      />
    </FormDialog>
  );
}

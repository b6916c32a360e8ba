import Alert from '@mui/material/Alert';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/api/common-schemas';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';
import { FormTextField } from '../../components/FormTextField';
import { checkReason } from '../../forms/field-rules';
import { useForm } from '../../forms/use-form';

const FIELD_PATHS = { reason: 'reason' };

/**
 * 停用 / 启用 with a recorded reason. The dialog says exactly what will happen before anything
 * does (DOMAIN.md: every destructive action confirms with its consequence).
 */
export function ReasonDialog(props: { mode: 'disable' | 'enable'; user: UserView; onClose: () => void; onDone: (user: UserView) => void }) {
  const { mode, user, onClose, onDone } = props;
  const { t } = useTranslation();
  const client = useApi();
  const form = useForm({ reason: '' }, FIELD_PATHS);
  const rule = checkReason(form.values.reason);
  const keys = mode === 'disable' ? ('users.disableDialog' as const) : ('users.enableDialog' as const);

  const submit = () =>
    void form.submit(
      rule === null,
      () =>
        mode === 'disable'
          ? client.call('users.disable', { userId: user.id, reason: form.values.reason })
          : client.call('users.enable', { userId: user.id, reason: form.values.reason }),
      onDone,
    );

  return (
    <FormDialog
      title={t(`${keys}.title`, { name: user.name, login: user.login })}
      submitLabel={t(`${keys}.submit`)}
      submitColor={mode === 'disable' ? 'error' : 'primary'}
      busy={form.busy}
      error={form.generalError}
      onClose={onClose}
      onSubmit={submit}
    >
      <Alert severity={mode === 'disable' ? 'warning' : 'info'}>{t(`${keys}.consequence`)}</Alert>
      <FormTextField form={form} field="reason" label={t(`${keys}.reason`)} rules={rule} autoFocus multiline maxLength={200} />
    </FormDialog>
  );
}

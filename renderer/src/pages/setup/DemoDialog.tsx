import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { MethodResult } from '../../../../shared/api/contract';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';
import { FormTextField } from '../../components/FormTextField';
import { checkConfirm, checkPassword } from '../../forms/field-rules';
import { useForm } from '../../forms/use-form';
import { usePasswordPolicy } from '../../forms/use-password-policy';

export type DemoCreated = MethodResult<'setup.createDemo'>;

const FIELD_PATHS = { password: 'password', passwordConfirm: 'passwordConfirm' };
const INITIAL = { password: '', passwordConfirm: '' };

/**
 * 使用体验数据: the person chooses the demo accounts' password (none ships). The demo
 * administrator is `admin`; the password rules are the policy's, checked as for any account.
 */
export function DemoDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (demo: DemoCreated) => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const policy = usePasswordPolicy();
  const form = useForm(INITIAL, FIELD_PATHS);
  const v = form.values;
  const rules = { password: checkPassword(v.password, policy, 'admin'), passwordConfirm: checkConfirm(v.password, v.passwordConfirm) };
  const valid = rules.password.length === 0 && !rules.passwordConfirm;
  const submit = () =>
    void form.submit(valid, () => client.call('setup.createDemo', { password: v.password, passwordConfirm: v.passwordConfirm }), onCreated);

  return (
    <FormDialog title={t('demo.dialogTitle')} submitLabel={t('demo.submit')} busy={form.busy} error={form.generalError} onClose={onClose} onSubmit={submit}>
      <Typography variant="body2">{t('demo.dialogIntro')}</Typography>
      <Alert severity="info">{t('demo.dialogPassword')}</Alert>
      <FormTextField
        form={form}
        field="password"
        type="password"
        label={t('demo.password')}
        rules={rules.password}
        hint={t('password.hint', { min: policy.minLength, classes: policy.minClasses })}
        autoComplete="new-password"
        autoFocus
      />
      <FormTextField form={form} field="passwordConfirm" type="password" label={t('demo.passwordConfirm')} rules={rules.passwordConfirm} autoComplete="new-password" />
      {form.busy ? (
        <>
          <Typography variant="body2" color="text.secondary" role="status">
            {t('demo.busy')}
          </Typography>
          <LinearProgress />
        </>
      ) : null}
    </FormDialog>
  );
}

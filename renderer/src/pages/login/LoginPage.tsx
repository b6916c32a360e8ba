import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { CenteredPanel } from '../../components/CenteredPanel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { checkRequired } from '../../forms/field-rules';
import { useForm } from '../../forms/use-form';
import type { Notice } from '../../session/session-phase';
import { useSessionControl } from '../../session/SessionProvider';
import { RecoverAdminPanel } from './RecoverAdminPanel';

type Field = 'login' | 'password';
const FIELD_PATHS: Record<Field, string> = { login: 'login', password: 'password' };

/**
 * 登录. Wrong password, lockout (with the remaining minutes the core's message carries) and a
 * disabled account are shown exactly as the core words them.
 */
export function LoginPage({ notice, presetLogin }: { notice: Notice | null; presetLogin: string }) {
  const { t } = useTranslation();
  const client = useApi();
  const { signedIn, unitName } = useSessionControl();
  const form = useForm({ login: presetLogin, password: '' }, FIELD_PATHS);
  const [recovering, setRecovering] = useState(false);
  const [recovered, setRecovered] = useState(false);
  const v = form.values;
  const rules = { login: v.login.trim() === '' ? ({ key: 'rules.login.required' } as const) : null, password: checkRequired(v.password) };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(
      !rules.login && !rules.password,
      () => client.call('auth.login', { login: v.login, password: v.password }),
      signedIn,
    );
  };

  // Once the user tries again, the earlier notice (e.g. "session expired") is no longer news.
  const showNotice = notice !== null && !form.submitted;

  if (recovering) {
    return (
      <RecoverAdminPanel
        onCancel={() => setRecovering(false)}
        onDone={(login) => {
          form.setValue('login', login);
          setRecovered(true);
          setRecovering(false);
        }}
      />
    );
  }

  return (
    <CenteredPanel title={t('login.title')}>
      {unitName ? (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t('login.unit', { name: unitName })}
        </Typography>
      ) : null}
      <Box component="form" noValidate onSubmit={onSubmit}>
        <Stack spacing={1}>
          {showNotice ? (
            <Alert severity={notice.tone} role="status">
              {notice.text}
            </Alert>
          ) : null}
          {recovered ? (
            <Alert severity="success" role="status">
              {t('recoverAdmin.done')}
            </Alert>
          ) : null}
          <ErrorAlert error={form.generalError} />
          <FormTextField form={form} field="login" label={t('login.login')} rules={rules.login} autoComplete="username" autoFocus={presetLogin === ''} />
          <FormTextField
            form={form}
            field="password"
            type="password"
            label={t('login.password')}
            rules={rules.password}
            autoComplete="current-password"
            autoFocus={presetLogin !== ''}
          />
          <Button type="submit" variant="contained" size="large" disabled={form.busy}>
            {t('login.submit')}
          </Button>
          <Button size="small" onClick={() => setRecovering(true)}>
            {t('recoverAdmin.link')}
          </Button>
        </Stack>
      </Box>
    </CenteredPanel>
  );
}

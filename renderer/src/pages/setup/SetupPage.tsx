import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_LEVELS, type UnitLevel } from '../../../../shared/domain/unit';
import { useApi } from '../../api/api-context';
import { CenteredPanel } from '../../components/CenteredPanel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { checkConfirm, checkLogin, checkPassword, checkPersonName, checkUnitName, checkUscc } from '../../forms/field-rules';
import { useForm } from '../../forms/use-form';
import { usePasswordPolicy } from '../../forms/use-password-policy';
import { useSessionControl } from '../../session/SessionProvider';
import { DemoAccountsPanel } from './DemoAccountsPanel';
import type { DemoCreated } from './DemoDialog';
import { DemoOffer } from './DemoOffer';
import { DemoRemovalPending } from './DemoRemovalPending';
import { RecoveryCodePanel } from './RecoveryCodePanel';

type Field = 'unitName' | 'uscc' | 'level' | 'login' | 'name' | 'password' | 'passwordConfirm';

/** Where the core reports each field in `error.field` (the params path of setup.initialize). */
const FIELD_PATHS: Record<Field, string> = {
  unitName: 'unit.name',
  uscc: 'unit.uscc',
  level: 'unit.level',
  login: 'admin.login',
  name: 'admin.name',
  password: 'admin.password',
  passwordConfirm: 'admin.passwordConfirm',
};

const INITIAL: Record<Field, string> = {
  unitName: '',
  uscc: '',
  // County finance offices are the main users; the list is one keystroke away for others.
  level: 'county',
  login: '',
  name: '',
  password: '',
  passwordConfirm: '',
};

/** The order the brief and offices use: county first. */
const LEVEL_ORDER: readonly UnitLevel[] = ['county', 'city', 'province'];

function isUnitLevel(value: string): value is UnitLevel {
  return (UNIT_LEVELS as readonly string[]).includes(value);
}

/**
 * 首次运行: creates the office and its first administrator. No default password exists. Below the
 * form, as a secondary choice, the demo office (体验数据); while a removed demo waits for the
 * restart that deletes it, only that notice is shown.
 */
export function SetupPage() {
  const { t } = useTranslation();
  const client = useApi();
  const { setupCompleted } = useSessionControl();
  const policy = usePasswordPolicy();
  const form = useForm(INITIAL, FIELD_PATHS);
  const v = form.values;

  const rules = {
    unitName: checkUnitName(v.unitName),
    uscc: checkUscc(v.uscc),
    login: checkLogin(v.login),
    name: checkPersonName(v.name),
    password: checkPassword(v.password, policy, v.login),
    passwordConfirm: checkConfirm(v.password, v.passwordConfirm),
  };
  const valid =
    isUnitLevel(v.level) &&
    !rules.unitName &&
    !rules.uscc &&
    !rules.login &&
    !rules.name &&
    rules.password.length === 0 &&
    !rules.passwordConfirm;

  const [recovery, setRecovery] = useState<{ code: string; login: string } | null>(null);
  const [demo, setDemo] = useState<DemoCreated | null>(null);
  const [removalPending, setRemovalPending] = useState(false);
  useEffect(() => {
    let live = true;
    void client.call('setup.status', {}).then((status) => {
      if (live && status.ok) setRemovalPending(status.value.demoRemovalPending);
    });
    return () => {
      live = false;
    };
  }, [client]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const level = v.level;
    if (!isUnitLevel(level)) return;
    void form.submit(
      valid,
      () =>
        client.call('setup.initialize', {
          unit: { name: v.unitName, uscc: v.uscc, level },
          admin: { login: v.login, name: v.name, password: v.password, passwordConfirm: v.passwordConfirm },
        }),
      (result) => setRecovery({ code: result.recoveryCode, login: v.login.trim() }),
    );
  };

  if (recovery) return <RecoveryCodePanel code={recovery.code} onDone={() => setupCompleted(recovery.login)} />;
  if (demo) return <DemoAccountsPanel demo={demo} onDone={() => setupCompleted(demo.adminLogin)} />;
  if (removalPending) return <DemoRemovalPending />;

  return (
    <CenteredPanel title={t('setup.title')} width={560}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('setup.intro')}
      </Typography>
      <Box component="form" noValidate onSubmit={onSubmit}>
        <Stack spacing={1}>
          <ErrorAlert error={form.generalError} />
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            {t('setup.unitSection')}
          </Typography>
          <FormTextField form={form} field="unitName" label={t('setup.unitName')} rules={rules.unitName} autoFocus maxLength={60} />
          <FormTextField form={form} field="uscc" label={t('setup.uscc')} rules={rules.uscc} hint={t('setup.usccHint')} maxLength={24} />
          <TextField
            select
            label={t('setup.level')}
            value={v.level}
            onChange={(event) => form.setValue('level', event.target.value)}
            error={form.serverMessage('level') !== null}
            helperText={form.serverMessage('level') ?? ' '}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            {LEVEL_ORDER.map((level) => (
              <option key={level} value={level}>
                {t(`unitLevels.${level}`)}
              </option>
            ))}
          </TextField>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            {t('setup.adminSection')}
          </Typography>
          <FormTextField form={form} field="login" label={t('setup.login')} rules={rules.login} hint={t('setup.loginHint')} autoComplete="username" maxLength={32} />
          <FormTextField form={form} field="name" label={t('setup.name')} rules={rules.name} autoComplete="name" maxLength={40} />
          <FormTextField
            form={form}
            field="password"
            type="password"
            label={t('setup.password')}
            rules={rules.password}
            hint={t('password.hint', { min: policy.minLength, classes: policy.minClasses })}
            autoComplete="new-password"
          />
          <FormTextField
            form={form}
            field="passwordConfirm"
            type="password"
            label={t('setup.passwordConfirm')}
            rules={rules.passwordConfirm}
            autoComplete="new-password"
          />
          <Button type="submit" variant="contained" size="large" disabled={form.busy}>
            {t('setup.submit')}
          </Button>
        </Stack>
      </Box>
      <DemoOffer onCreated={setDemo} />
    </CenteredPanel>
  );
}

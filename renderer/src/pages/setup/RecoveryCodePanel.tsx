import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredPanel } from '../../components/CenteredPanel';

/**
 * Shown once after first run: the recovery code opens the installation's data key (encrypted
 * bank accounts, ID numbers) when no password can. It is not stored anywhere readable.
 */
export function RecoveryCodePanel({ code, onDone }: { code: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [kept, setKept] = useState(false);
  return (
    <CenteredPanel title={t('setup.recovery.title')} width={560}>
      <Alert severity="warning" sx={{ mb: 2 }}>
        {t('setup.recovery.warning')}
      </Alert>
      <Typography
        component="p"
        aria-label={t('setup.recovery.codeLabel')}
        sx={{ fontFamily: 'monospace', fontSize: 22, letterSpacing: 1, textAlign: 'center', my: 2, userSelect: 'all' }}
      >
        {code}
      </Typography>
      <FormControlLabel
        control={<Checkbox checked={kept} onChange={(event) => setKept(event.target.checked)} />}
        label={t('setup.recovery.confirm')}
      />
      <Button variant="contained" fullWidth disabled={!kept} onClick={onDone} sx={{ mt: 1 }}>
        {t('setup.recovery.continue')}
      </Button>
    </CenteredPanel>
  );
}

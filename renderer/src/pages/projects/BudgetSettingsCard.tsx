import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCall } from '../../api/use-call';

/**
 * 预算预警比例 for the administrator (who does not see the budget pages): 90 % by default, may only
 * be tightened (R8). The core refuses anything else with the message shown under the field.
 */
export function BudgetSettingsCard() {
  const { t } = useTranslation();
  const client = useApi();
  const { data, reload } = useCall('budget.settings.get', {});
  const [percent, setPercent] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (data) setPercent(String(Math.round(data.warnRatio * 100)));
  }, [data]);

  const save = async () => {
    setBusy(true);
    setSaved(false);
    try {
      const envelope = await client.call('budget.settings.set', { warnRatio: Number(percent) / 100 });
      if (envelope.ok) {
        setError(null);
        setSaved(true);
        reload();
      } else setError(envelope.error);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = error?.field === 'warnRatio' ? error.message : null;

  return (
    <Card variant="outlined" aria-label={t('projects.settings.title')}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('projects.settings.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('projects.settings.intro', { max: data ? Math.round(data.maxWarnRatio * 100) : 90 })}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <TextField
            label={t('projects.settings.ratio')}
            value={percent}
            onChange={(e) => {
              setPercent(e.target.value);
              setSaved(false);
            }}
            error={fieldError !== null}
            helperText={fieldError ?? (saved ? t('projects.settings.saved') : ' ')}
            slotProps={{ input: { endAdornment: <InputAdornment position="end">%</InputAdornment> }, htmlInput: { inputMode: 'numeric' } }}
            sx={{ maxWidth: 180 }}
          />
          <Button variant="contained" onClick={() => void save()} disabled={busy || !data} sx={{ mt: 0.5 }}>
            {t('common.save')}
          </Button>
        </Stack>
        {error && !fieldError ? <ErrorAlert error={error} /> : null}
      </CardContent>
    </Card>
  );
}

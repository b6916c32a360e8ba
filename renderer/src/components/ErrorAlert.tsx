import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../../shared/errors';

/**
 * The core's error as the user sees it: its Chinese message first, the code small beneath it
 * (what a county officer reads out when calling the province's help desk).
 */
export function ErrorAlert({ error }: { error: ErrorBody | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert severity="error" role="alert">
      {error.message}
      <Typography component="div" variant="caption" color="text.secondary">
        {t('common.errorCode', { code: error.code })}
      </Typography>
    </Alert>
  );
}

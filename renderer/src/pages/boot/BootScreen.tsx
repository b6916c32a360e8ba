import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../../../shared/errors';
import { CenteredPanel } from '../../components/CenteredPanel';
import { ErrorAlert } from '../../components/ErrorAlert';

/** While the first `setup.status` is on its way, or when it failed (with a way to try again). */
export function BootScreen({ error, onRetry }: { error: ErrorBody | null; onRetry: () => void }) {
  const { t } = useTranslation();
  if (!error) {
    return (
      <Box role="status" sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 2 }}>
        <CircularProgress size={24} />
        <Typography>{t('boot.connecting')}</Typography>
      </Box>
    );
  }
  return (
    <CenteredPanel title={t('boot.failedTitle')}>
      <ErrorAlert error={error} />
      <Button variant="contained" onClick={onRetry} sx={{ mt: 2 }} autoFocus>
        {t('common.retry')}
      </Button>
    </CenteredPanel>
  );
}

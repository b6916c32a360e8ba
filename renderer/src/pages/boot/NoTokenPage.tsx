import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { CenteredPanel } from '../../components/CenteredPanel';

/**
 * Shown in a browser without a launch token (the page opened directly), or when the host refused
 * the token: explains, in Chinese first, how to start the app properly. No data, no login form.
 */
export function NoTokenPage({ rejected = false }: { rejected?: boolean }) {
  const { t } = useTranslation();
  return (
    <CenteredPanel title={rejected ? t('noToken.rejectedTitle') : t('noToken.title')} width={620}>
      <Alert severity={rejected ? 'error' : 'info'} sx={{ mb: 2 }}>
        {rejected ? t('noToken.rejectedBody') : t('noToken.body')}
      </Alert>
      <Box component="ol" sx={{ pl: 3, m: 0, '& li': { mb: 1 } }}>
        <li>
          <Typography component="span">{t('noToken.step1')}</Typography>
        </li>
        <li>
          <Typography component="span">{t('noToken.step2')}</Typography>
        </li>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        {t('noToken.step3')}
      </Typography>
    </CenteredPanel>
  );
}

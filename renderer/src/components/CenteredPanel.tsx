import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the screens shown before the app shell: setup, login, password change, notices. */
export function CenteredPanel(props: { title: string; width?: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <Box
        component="header"
        sx={{ display: 'flex', alignItems: 'center', px: 3, py: 1, bgcolor: 'primary.main', color: 'primary.contrastText' }}
      >
        <Typography sx={{ flexGrow: 1, fontWeight: 600 }}>{t('app.title')}</Typography>
        <LanguageSwitch />
      </Box>
      <Box component="main" sx={{ flexGrow: 1, display: 'flex', justifyContent: 'center', alignItems: 'flex-start', p: 3 }}>
        <Paper variant="outlined" sx={{ width: '100%', maxWidth: props.width ?? 440, p: 3, mt: { xs: 1, md: 6 } }}>
          <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
            {props.title}
          </Typography>
          {props.children}
        </Paper>
      </Box>
    </Box>
  );
}

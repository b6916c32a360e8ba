import LogoutIcon from '@mui/icons-material/Logout';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RoleChips } from '../components/RoleChips';
import { useSession, useSessionControl } from '../session/SessionProvider';
import { ConnectionChips } from './ConnectionChips';

/** Office, who is signed in with which roles, connection and sync state, language, sign-out. */
export function TopBar() {
  const { t } = useTranslation();
  const session = useSession();
  const { signOut } = useSessionControl();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <AppBar position="static" elevation={0}>
      <Toolbar variant="dense" sx={{ gap: 2, flexWrap: 'wrap', py: 0.5 }}>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="caption" component="div" sx={{ opacity: 0.85, lineHeight: 1.2 }}>
            {t('app.title')}
          </Typography>
          <Typography component="div" noWrap sx={{ fontWeight: 600, lineHeight: 1.3 }} title={session.unit.name}>
            {session.unit.name}
          </Typography>
        </Box>
        <Box sx={{ flexGrow: 1 }} />
        <ConnectionChips />
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }} aria-label={t('shell.userRoles', { name: session.user.name })}>
          <Typography component="span" sx={{ fontWeight: 600 }}>
            {session.user.name}
          </Typography>
          <RoleChips roles={session.user.roles} onDark />
        </Box>
        <LanguageSwitch />
        <Button
          color="inherit"
          startIcon={<LogoutIcon />}
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            void signOut();
          }}
        >
          {t('shell.logout')}
        </Button>
      </Toolbar>
    </AppBar>
  );
}

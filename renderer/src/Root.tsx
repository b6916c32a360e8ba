import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { useEffect, useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n } from 'i18next';
import { ApiProvider, useConnectionState } from './api/api-context';
import type { CoreLink } from './api/connect-core';
import { App } from './App';
import { NoTokenPage } from './pages/boot/NoTokenPage';
import { SessionProvider } from './session/SessionProvider';
import { createAppTheme } from './theme/theme';

/** Theme and document language follow the UI language (MUI's zhCN locale for tables, dialogs). */
function Themed({ children }: { children: React.ReactNode }) {
  const { i18n: instance, t } = useTranslation();
  const language = instance.language === 'en' ? 'en' : 'zh-CN';
  const theme = useMemo(() => createAppTheme(language), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}

/** The browser-mode host refusing the launch token is final: explain instead of spinning. */
function ConnectionGate() {
  const connection = useConnectionState();
  if (connection.status === 'rejected') return <NoTokenPage rejected />;
  return (
    <SessionProvider>
      <App />
    </SessionProvider>
  );
}

export function Root({ i18n: instance, link }: { i18n: i18n; link: CoreLink }) {
  return (
    <I18nextProvider i18n={instance}>
      <Themed>
        {link.kind === 'none' ? (
          <NoTokenPage />
        ) : (
          <ApiProvider client={link.client} sessionTokens={link.sessionTokens}>
            <ConnectionGate />
          </ApiProvider>
        )}
      </Themed>
    </I18nextProvider>
  );
}

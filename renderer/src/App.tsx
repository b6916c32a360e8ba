import { AppShell } from './shell/AppShell';
import { BootScreen } from './pages/boot/BootScreen';
import { ChangePasswordPage } from './pages/login/ChangePasswordPage';
import { LoginPage } from './pages/login/LoginPage';
import { SetupPage } from './pages/setup/SetupPage';
import { useSessionControl } from './session/SessionProvider';

/** One screen per session phase (see session-phase.ts). */
export function App() {
  const { phase, retryBoot } = useSessionControl();
  switch (phase.name) {
    case 'booting':
      return <BootScreen error={null} onRetry={retryBoot} />;
    case 'bootFailed':
      return <BootScreen error={phase.error} onRetry={retryBoot} />;
    case 'setup':
      return <SetupPage />;
    case 'login':
      // Keyed so a new notice (e.g. "session expired") starts a fresh form.
      return <LoginPage key={`${phase.presetLogin}|${phase.notice?.text ?? ''}`} notice={phase.notice} presetLogin={phase.presetLogin} />;
    case 'changePassword':
      return <ChangePasswordPage />;
    case 'app':
      return <AppShell />;
  }
}

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/api/methods/auth-methods';
import { useApi, useSessionTokens } from '../api/api-context';
import { isSignedIn, phaseAfterSignIn, type Phase } from './session-phase';
import { useIdleSignOut } from './use-idle-sign-out';

export interface SessionControl {
  phase: Phase;
  /** the office name from `setup.status`, shown on the login page */
  unitName: string | null;
  retryBoot(): void;
  setupCompleted(login: string): void;
  signedIn(session: SessionInfo): void;
  passwordChanged(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionControl | null>(null);

export function useSessionControl(): SessionControl {
  const value = useContext(SessionContext);
  if (!value) throw new Error('SessionProvider is missing above this component');
  return value;
}

/** The signed-in session; only used inside the app shell, where one always exists. */
export function useSession(): SessionInfo {
  const { phase } = useSessionControl();
  if (!isSignedIn(phase)) throw new Error('useSession outside a signed-in screen');
  return phase.session;
}

/**
 * Owns the session: boots (setup needed? a session to resume?), signs in and out, forces the
 * password change, and drops to the login page when the core ends the session or the user is
 * idle for too long.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApi();
  const tokens = useSessionTokens();
  // The i18n instance is stable across language switches (unlike `t`), so switching the
  // language never re-runs the boot sequence below.
  const { i18n } = useTranslation();
  const t = useMemo(() => i18n.t.bind(i18n), [i18n]);
  const [phase, setPhaseState] = useState<Phase>({ name: 'booting' });
  const [unitName, setUnitName] = useState<string | null>(null);
  // Listeners registered once need the current phase without re-subscribing.
  const phaseRef = useRef(phase);
  const setPhase = useCallback((next: Phase) => {
    phaseRef.current = next;
    setPhaseState(next);
  }, []);

  const signedIn = useCallback(
    (session: SessionInfo) => {
      tokens.set(session.sessionToken);
      setPhase(phaseAfterSignIn(session));
    },
    [tokens, setPhase],
  );

  const boot = useCallback(async () => {
    setPhase({ name: 'booting' });
    const status = await client.call('setup.status', {});
    if (!status.ok) return setPhase({ name: 'bootFailed', error: status.error });
    setUnitName(status.value.unitName);
    if (!status.value.initialized) return setPhase({ name: 'setup' });
    const token = tokens.get();
    if (token) {
      const resumed = await client.call('auth.resume', { sessionToken: token });
      if (resumed.ok) return signedIn(resumed.value);
      tokens.clear();
      // "请先登录" would puzzle someone who only reloaded the page; other codes (timeout,
      // disabled account) carry the core's precise reason.
      const text = resumed.error.code === 'NOT_AUTHENTICATED' ? t('session.resumeFailed') : resumed.error.message;
      return setPhase({ name: 'login', notice: { tone: 'warning', text }, presetLogin: '' });
    }
    return setPhase({ name: 'login', notice: null, presetLogin: '' });
  }, [client, tokens, signedIn, setPhase, t]);

  useEffect(() => {
    void boot();
  }, [boot]);

  useEffect(
    () =>
      client.onAuthLost((error) => {
        if (!isSignedIn(phaseRef.current)) return;
        tokens.clear();
        setPhase({ name: 'login', notice: { tone: 'warning', text: error.message }, presetLogin: phaseRef.current.session.user.login });
      }),
    [client, tokens, setPhase],
  );

  const onIdle = useCallback(() => {
    const current = phaseRef.current;
    if (!isSignedIn(current)) return;
    // Best effort: the core ends idle sessions on its own too.
    void client.call('auth.logout', {});
    tokens.clear();
    setPhase({ name: 'login', notice: { tone: 'warning', text: t('session.idleSignedOut') }, presetLogin: current.session.user.login });
  }, [client, tokens, t, setPhase]);

  const signedInPhase = isSignedIn(phase) ? phase : null;
  useIdleSignOut(signedInPhase !== null, signedInPhase?.session.idleTimeoutMs ?? 0, onIdle);

  const control = useMemo<SessionControl>(
    () => ({
      phase,
      unitName,
      retryBoot: () => void boot(),
      setupCompleted: (login) => {
        setPhase({ name: 'login', notice: { tone: 'success', text: t('setup.done') }, presetLogin: login });
        void client.call('setup.status', {}).then((status) => {
          if (status.ok) setUnitName(status.value.unitName);
        });
      },
      signedIn,
      passwordChanged: async () => {
        const current = phaseRef.current;
        if (!isSignedIn(current)) return;
        const me = await client.call('auth.me', {});
        // If auth.me fails, the core has already accepted the new password: continue with the
        // session we have, now without the must-change flag.
        signedIn(me.ok ? me.value : { ...current.session, user: { ...current.session.user, mustChangePassword: false } });
      },
      signOut: async () => {
        await client.call('auth.logout', {});
        tokens.clear();
        // The next person to sign in starts at the dashboard, not on the page the last one left
        // open. (After a timeout the hash is kept: usually the same person signs in again.)
        window.location.hash = '#/';
        setPhase({ name: 'login', notice: { tone: 'info', text: t('session.signedOut') }, presetLogin: '' });
      },
    }),
    [phase, unitName, boot, signedIn, client, tokens, t, setPhase],
  );

  return <SessionContext.Provider value={control}>{children}</SessionContext.Provider>;
}

import type { SessionInfo } from '../../../shared/api/methods/auth-methods';
import type { ErrorBody } from '../../../shared/errors';

export interface Notice {
  tone: 'info' | 'warning' | 'success';
  text: string;
}

/**
 * Where the user is in the life of a session. Exactly one screen belongs to each phase, so no
 * page of the app can show before sign-in, or before a forced password change is done.
 */
export type Phase =
  | { name: 'booting' }
  | { name: 'bootFailed'; error: ErrorBody }
  | { name: 'setup' }
  | { name: 'login'; notice: Notice | null; presetLogin: string }
  | { name: 'changePassword'; session: SessionInfo }
  | { name: 'app'; session: SessionInfo };

/** After a successful sign-in (or resume): a user flagged by the core must change the password first. */
export function phaseAfterSignIn(session: SessionInfo): Phase {
  return session.user.mustChangePassword ? { name: 'changePassword', session } : { name: 'app', session };
}

export function isSignedIn(phase: Phase): phase is Extract<Phase, { session: SessionInfo }> {
  return phase.name === 'app' || phase.name === 'changePassword';
}

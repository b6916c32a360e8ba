import type { SecurityPolicy } from '../../../shared/api';
import { DEFAULT_PASSWORD_POLICY } from '../../../shared/auth/password-policy';

/** R11 defaults: 5 failures lock for 15 minutes; 15 minutes idle ends the session. */
export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  minLength: DEFAULT_PASSWORD_POLICY.minLength,
  minClasses: DEFAULT_PASSWORD_POLICY.minClasses,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleTimeoutMinutes: 15,
};

/**
 * A province may adopt stricter figures, never looser ones (REGULATIONS.md): each stored value
 * is taken only where it tightens the default.
 */
export function effectivePolicy(stored: Partial<SecurityPolicy> | undefined): SecurityPolicy {
  const d = DEFAULT_SECURITY_POLICY;
  if (!stored) return d;
  const pick = (value: unknown, fallback: number, stricter: (v: number) => boolean): number =>
    typeof value === 'number' && Number.isInteger(value) && value > 0 && stricter(value) ? value : fallback;
  return {
    minLength: pick(stored.minLength, d.minLength, (v) => v >= d.minLength),
    minClasses: pick(stored.minClasses, d.minClasses, (v) => v >= d.minClasses && v <= 4),
    lockoutThreshold: pick(stored.lockoutThreshold, d.lockoutThreshold, (v) => v <= d.lockoutThreshold),
    lockoutMinutes: pick(stored.lockoutMinutes, d.lockoutMinutes, (v) => v >= d.lockoutMinutes),
    idleTimeoutMinutes: pick(stored.idleTimeoutMinutes, d.idleTimeoutMinutes, (v) => v <= d.idleTimeoutMinutes),
  };
}

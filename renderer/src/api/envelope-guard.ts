import type { Envelope } from '../../../shared/api/envelope';
import { isErrorCode, type ErrorBody } from '../../../shared/errors';

/**
 * Anything that crosses the bridge arrives as `unknown`; this turns it into the one envelope
 * shape so the UI never has to guess. A malformed answer becomes an INTERNAL error instead of
 * a crash deep inside a page.
 */
export function toEnvelope(raw: unknown, malformedMessage: string): Envelope<unknown> {
  if (isRecord(raw)) {
    if (raw.ok === true && 'value' in raw) return { ok: true, value: raw.value };
    if (raw.ok === false) {
      const error = toErrorBody(raw.error);
      if (error) return { ok: false, error };
    }
  }
  return { ok: false, error: { code: 'INTERNAL', message: malformedMessage } };
}

/** Reads an error body; unknown codes are kept as INTERNAL so the Chinese message still shows. */
export function toErrorBody(raw: unknown): ErrorBody | null {
  if (!isRecord(raw) || typeof raw.message !== 'string') return null;
  const code = isErrorCode(raw.code) ? raw.code : 'INTERNAL';
  return typeof raw.field === 'string'
    ? { code, message: raw.message, field: raw.field }
    : { code, message: raw.message };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Codes after which the only sensible screen is the login page. */
export function isAuthLostCode(code: string): boolean {
  return code === 'SESSION_EXPIRED' || code === 'NOT_AUTHENTICATED';
}

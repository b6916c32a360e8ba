import type { ErrorBody } from '../errors';

/** The one answer shape of every method on every transport (DESIGN.md, house style). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(error: ErrorBody): Envelope<never> {
  return { ok: false, error };
}

import type { ErrorCode } from '../errors/error-codes';

/**
 * What every validator in `shared/` answers. A plain discriminated union rather than a thrown
 * error: forms show the message inline while the user types, and the core turns a failure into
 * an `AppError` with the same code and message, so both sides say exactly the same thing.
 */
export interface ValidationSuccess<T> {
  ok: true;
  value: T;
}

export interface ValidationFailure {
  ok: false;
  code: ErrorCode;
  message: string;
}

export type ValidationResult<T> = ValidationSuccess<T> | ValidationFailure;

export function success<T>(value: T): ValidationSuccess<T> {
  return { ok: true, value };
}

export function failure(code: ErrorCode, message: string): ValidationFailure {
  return { ok: false, code, message };
}

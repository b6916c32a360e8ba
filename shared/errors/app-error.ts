import { ERROR_CODES, type ErrorCode } from './error-codes';

/** The error half of the envelope every transport answers with. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** Thrown inside the core; the dispatcher turns it into `{ok:false, error}`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message?: string, field?: string) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }

  toBody(): ErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function errorBody(code: ErrorCode, message?: string, field?: string): ErrorBody {
  return new AppError(code, message, field).toBody();
}

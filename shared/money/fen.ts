import { AppError } from '../errors/app-error';

/**
 * An amount of money in 分 (1/100 yuan). Always an integer JS number within
 * Number.MAX_SAFE_INTEGER, so sums and comparisons are exact; never a float of yuan.
 */
export type Fen = number;

/** 9,007,199,254,740,991 分 = ¥90,071,992,547,409.91 — far above any construction contract. */
export const MAX_FEN: Fen = Number.MAX_SAFE_INTEGER;
export const MIN_FEN: Fen = -Number.MAX_SAFE_INTEGER;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws `AppError(INVALID_AMOUNT)` unless `value` is a safe integer number of 分. */
export function assertFen(value: unknown, field?: string): asserts value is Fen {
  if (isFen(value)) return;
  let detail: string;
  if (typeof value !== 'number') detail = '金额必须是以分为单位的整数';
  else if (!Number.isFinite(value)) detail = '金额不是有效数字';
  else if (!Number.isInteger(value)) detail = '金额必须是以分为单位的整数，不能有小数';
  else detail = '金额超出允许范围';
  throw new AppError('INVALID_AMOUNT', detail, field);
}

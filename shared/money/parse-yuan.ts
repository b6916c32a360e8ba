import { toHalfWidth } from '../validators/normalize';
import { failure, success, type ValidationResult } from '../validators/result';
import type { Fen } from './fen';

export interface ParseYuanOptions {
  /** Accept a leading minus (refunds, adjustments). Default false: most amounts are payments. */
  allowNegative?: boolean;
  /** The noun used in messages, e.g. '合同金额'. Default '金额'. */
  label?: string;
}

/** Number.MAX_SAFE_INTEGER in 分, as the digit string we compare against. */
const MAX_FEN_DIGITS = String(Number.MAX_SAFE_INTEGER);
const MAX_YUAN_TEXT = '¥90,071,992,547,409.91';

/**
 * Parses what a person types as yuan — '1234.5', '1,234.56', '¥1,234.56', '-¥12.00', '100元' —
 * into integer 分.
 *
 * Works on the digit string only: `parseFloat('0.29') * 100` is 28.999999999999996, and no amount
 * of rounding makes float parsing trustworthy for money. The digits of yuan and 分 are concatenated
 * and compared with MAX_SAFE_INTEGER as strings before the single, exact `Number()` conversion.
 *
 * Format errors are reported before the sign, so '-1.234' first says the decimals are wrong.
 */
export function parseYuan(text: string, options: ParseYuanOptions = {}): ValidationResult<Fen> {
  const label = options.label ?? '金额';
  const fail = (message: string) => failure('INVALID_AMOUNT', message);
  if (typeof text !== 'string') return fail(`请输入${label}`);

  // Full-width digits/commas from an IME are not mistakes; neither are grouping spaces.
  let s = toHalfWidth(text).replace(/\s+/gu, '').replace(/\u2212/gu, '-');
  if (s === '') return fail(`请输入${label}`);

  // Sign and currency in either order ('-¥1.00' as formatFen writes it, or '¥-1.00'), then an
  // optional trailing 元.
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  }
  if (s.startsWith('¥') || s.startsWith('\uffe5')) s = s.slice(1);
  if (!negative && s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  }
  if (s.endsWith('元')) s = s.slice(0, -1);
  if (s === '') return fail(`${label}缺少数字`);

  if (/[eE]/u.test(s) && /^[0-9.,eE+-]+$/u.test(s)) return fail(`${label}不能使用科学计数法，请直接输入数字`);
  if (!/^[0-9.,]+$/u.test(s)) return fail(`${label}只能包含数字、小数点和千分位逗号`);

  const parts = s.split('.');
  if (parts.length > 2) return fail(`${label}中只能有一个小数点`);
  const intPart = parts[0] ?? '';
  const fracPart = parts[1];
  if (intPart === '') return fail(`${label}的小数点前缺少整数部分`);
  if (fracPart !== undefined) {
    if (fracPart === '') return fail(`${label}的小数点后缺少数字`);
    if (fracPart.includes(',')) return fail(`${label}的小数部分不能有逗号`);
    if (fracPart.length > 2) return fail(`${label}最多保留两位小数（精确到分）`);
  }
  if (intPart.includes(',') && !/^\d{1,3}(,\d{3})+$/u.test(intPart)) {
    return fail(`${label}的千分位逗号位置不正确，应每三位一个逗号，如 1,234,567.89`);
  }

  const digits = (intPart.replaceAll(',', '') + (fracPart ?? '').padEnd(2, '0')).replace(/^0+/u, '');
  if (
    digits.length > MAX_FEN_DIGITS.length ||
    (digits.length === MAX_FEN_DIGITS.length && digits > MAX_FEN_DIGITS)
  ) {
    return fail(`${label}超出允许范围，最大为${MAX_YUAN_TEXT}`);
  }
  const fen = digits === '' ? 0 : Number(digits);
  if (fen === 0) return success(0); // '-0.00' is zero, not -0
  if (negative) {
    if (options.allowNegative !== true) return fail(`${label}不能为负数`);
    return success(-fen);
  }
  return success(fen);
}

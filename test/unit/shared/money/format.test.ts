import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors/app-error';
import { MAX_FEN, assertFen, fenToYuanString, formatFen, formatFenPlain, isFen } from '../../../../shared/money';

describe('formatFen / formatFenPlain / fenToYuanString', () => {
  it.each([
    [0, '¥0.00', '0.00', '0.00'],
    [1, '¥0.01', '0.01', '0.01'],
    [10, '¥0.10', '0.10', '0.10'],
    [100, '¥1.00', '1.00', '1.00'],
    [123_450, '¥1,234.50', '1,234.50', '1234.50'],
    [99_999, '¥999.99', '999.99', '999.99'],
    [100_000, '¥1,000.00', '1,000.00', '1000.00'],
    [123_456_789, '¥1,234,567.89', '1,234,567.89', '1234567.89'],
    [-123_400, '-¥1,234.00', '-1,234.00', '-1234.00'],
    [-5, '-¥0.05', '-0.05', '-0.05'],
    [MAX_FEN, '¥90,071,992,547,409.91', '90,071,992,547,409.91', '90071992547409.91'],
    [-MAX_FEN, '-¥90,071,992,547,409.91', '-90,071,992,547,409.91', '-90071992547409.91'],
  ])('%i 分 → %s | %s | %s', (fen, full, plain, yuan) => {
    expect(formatFen(fen)).toBe(full);
    expect(formatFenPlain(fen)).toBe(plain);
    expect(fenToYuanString(fen)).toBe(yuan);
  });

  it('formats -0 as zero, without a sign', () => {
    expect(formatFen(-0)).toBe('¥0.00');
  });

  it('refuses non-integer 分 instead of rounding', () => {
    expect(() => formatFen(12.5)).toThrow('金额必须是以分为单位的整数，不能有小数');
    expect(() => formatFenPlain(Number.NaN)).toThrow('金额不是有效数字');
    expect(() => fenToYuanString(MAX_FEN + 2)).toThrow('金额超出允许范围');
  });
});

describe('isFen / assertFen', () => {
  it('accepts safe integers only', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(-1)).toBe(true);
    expect(isFen(MAX_FEN)).toBe(true);
    expect(isFen(MAX_FEN + 1)).toBe(false);
    expect(isFen(0.1)).toBe(false);
    expect(isFen('1')).toBe(false);
    expect(isFen(1n)).toBe(false);
  });

  it.each([
    ['12', '金额必须是以分为单位的整数'],
    [1.5, '金额必须是以分为单位的整数，不能有小数'],
    [Number.NaN, '金额不是有效数字'],
    [Number.NEGATIVE_INFINITY, '金额不是有效数字'],
    [2 ** 53, '金额超出允许范围'],
  ])('assertFen(%j) throws AppError INVALID_AMOUNT: %s', (value, message) => {
    let caught: unknown;
    try {
      assertFen(value, 'amount');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).toBody()).toEqual({ code: 'INVALID_AMOUNT', message, field: 'amount' });
  });
});

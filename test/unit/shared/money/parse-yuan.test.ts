import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuanString, formatFen, formatFenPlain, parseYuan } from '../../../../shared/money';

describe('parseYuan — accepted input', () => {
  it.each([
    ['1234.5', 123_450],
    ['1234.56', 123_456],
    ['1,234.56', 123_456],
    ['¥1,234.56', 123_456],
    ['￥1,234.56', 123_456], // full-width yen sign from a Chinese IME
    ['１，２３４．５６', 123_456], // full-width digits, comma and point
    ['  1234.56  ', 123_456],
    ['1 234.56', 123_456], // grouping space
    ['100元', 10_000],
    ['¥100元', 10_000],
    ['0', 0],
    ['0.00', 0],
    ['0.01', 1],
    ['0.1', 10],
    ['0.29', 29], // parseFloat('0.29') * 100 === 28.999999999999996
    ['1.15', 115], // another float trap: 1.15 * 100 === 114.99999999999999
    ['4.35', 435], // 4.35 * 100 === 434.99999999999994
    ['007', 700],
    ['1,000,000', 100_000_000],
    ['123,456,789.01', 12_345_678_901],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
    ['90,071,992,547,409.91', Number.MAX_SAFE_INTEGER],
    ['-0', 0],
    ['-0.00', 0],
  ])('%j → %i 分', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, value: fen });
  });

  it('returns 0, not -0, for negative zero', () => {
    const result = parseYuan('-0.00', { allowNegative: true });
    expect(result.ok && Object.is(result.value, 0)).toBe(true);
  });

  it.each([
    ['-1', -100],
    ['-¥1,234.00', -123_400],
    ['¥-1,234.00', -123_400],
    ['−12.5', -1_250], // U+2212 minus sign
    ['-90071992547409.91', -Number.MAX_SAFE_INTEGER],
  ])('with allowNegative: %j → %i 分', (text, fen) => {
    expect(parseYuan(text, { allowNegative: true })).toEqual({ ok: true, value: fen });
  });
});

describe('parseYuan — rejected input, with the exact message', () => {
  const fail = (message: string) => ({ ok: false, code: 'INVALID_AMOUNT', message });

  it.each([
    ['', '请输入金额'],
    ['   ', '请输入金额'],
    ['¥', '金额缺少数字'],
    ['-', '金额缺少数字'],
    ['1.234', '金额最多保留两位小数（精确到分）'],
    ['0.001', '金额最多保留两位小数（精确到分）'],
    ['-1', '金额不能为负数'],
    ['-¥0.01', '金额不能为负数'],
    ['abc', '金额只能包含数字、小数点和千分位逗号'],
    ['12a', '金额只能包含数字、小数点和千分位逗号'],
    ['+5', '金额只能包含数字、小数点和千分位逗号'],
    ['--5', '金额只能包含数字、小数点和千分位逗号'],
    ['$5', '金额只能包含数字、小数点和千分位逗号'],
    ['1e5', '金额不能使用科学计数法，请直接输入数字'],
    ['1.5E+3', '金额不能使用科学计数法，请直接输入数字'],
    ['1.2.3', '金额中只能有一个小数点'],
    ['.5', '金额的小数点前缺少整数部分'],
    ['5.', '金额的小数点后缺少数字'],
    ['1.2,3', '金额的小数部分不能有逗号'],
    ['12,34', '金额的千分位逗号位置不正确，应每三位一个逗号，如 1,234,567.89'],
    ['1,2345', '金额的千分位逗号位置不正确，应每三位一个逗号，如 1,234,567.89'],
    [',123', '金额的千分位逗号位置不正确，应每三位一个逗号，如 1,234,567.89'],
    ['90071992547409.92', '金额超出允许范围，最大为¥90,071,992,547,409.91'],
    ['100000000000000', '金额超出允许范围，最大为¥90,071,992,547,409.91'],
    ['99999999999999999999', '金额超出允许范围，最大为¥90,071,992,547,409.91'],
  ])('%j → %s', (text, message) => {
    expect(parseYuan(text)).toEqual(fail(message));
  });

  it('names the field in the message when given a label', () => {
    expect(parseYuan('-3', { label: '合同金额' })).toEqual(fail('合同金额不能为负数'));
    expect(parseYuan('', { label: '本期支付金额' })).toEqual(fail('请输入本期支付金额'));
  });

  it('reports a format error before the sign', () => {
    expect(parseYuan('-1.234')).toEqual(fail('金额最多保留两位小数（精确到分）'));
  });

  it('answers a non-string at run time instead of throwing', () => {
    expect(parseYuan(12 as unknown as string)).toEqual(fail('请输入金额'));
  });
});

describe('parseYuan — properties', () => {
  const safeFen = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

  it('reads back every display format exactly', () => {
    fc.assert(
      fc.property(safeFen, (fen) => {
        const options = { allowNegative: true };
        const expected = { ok: true, value: fen === 0 ? 0 : fen };
        expect(parseYuan(formatFen(fen), options)).toEqual(expected);
        expect(parseYuan(formatFenPlain(fen), options)).toEqual(expected);
        expect(parseYuan(fenToYuanString(fen), options)).toEqual(expected);
      }),
    );
  });

  it('agrees with BigInt arithmetic on random decimal strings', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 0, max: 2 }),
        (whole, decimals) => {
          const text = decimals === 0 ? `${whole / 100n}` : `${whole / 100n}.${String(whole % 100n).padStart(2, '0').slice(0, decimals)}`;
          const exact = decimals === 0 ? (whole / 100n) * 100n : decimals === 1 ? (whole / 10n) * 10n : whole;
          const result = parseYuan(text);
          if (exact > BigInt(Number.MAX_SAFE_INTEGER)) return !result.ok;
          return result.ok && BigInt(result.value) === exact;
        },
      ),
    );
  });

  it('never throws, and always answers ok or INVALID_AMOUNT', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const result = parseYuan(text, { allowNegative: true });
        return result.ok ? Number.isSafeInteger(result.value) : result.code === 'INVALID_AMOUNT';
      }),
    );
  });
});

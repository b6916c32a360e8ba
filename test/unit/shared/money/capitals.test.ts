import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors/app-error';
import { toChineseCapitals } from '../../../../shared/money';

/**
 * 大写金额. Sources for the expected strings: the brief's required cases, the examples of the
 * PBOC's 《正确填写票据和结算凭证的基本规定》 (where that text allows two spellings we assert the one
 * that writes 零, see capitals.ts), and hand-worked cases around 万/亿 boundaries.
 */
const CASES: ReadonlyArray<readonly [fen: number, capitals: string, why: string]> = [
  // required by the brief
  [10_000_500, '壹拾万零伍元整', '¥100,005.00: zeros inside written once'],
  [50, '伍角整', '¥0.50: no 零元 before, 整 after 角'],
  [100_000_000_007, '壹拾亿元零柒分', '¥1,000,000,000.07: one 零 for the run through 角'],
  [12_345_678, '壹拾贰万叁仟肆佰伍拾陆元柒角捌分', '¥123,456.78: every digit'],
  [0, '零元整', '¥0.00'],
  [1_000, '壹拾元整', '¥10.00: leading 拾 written 壹拾'],
  [101_000, '壹仟零壹拾元整', '¥1,010.00'],
  [10_000_000_000, '壹亿元整', '¥100,000,000.00'],
  [100_001_000_000, '壹拾亿零壹万元整', '¥1,000,010,000: 零 across the 亿/万 sections'],
  [7, '柒分', '¥0.07: no 零 before the first digit, no 整 after 分'],
  [107, '壹元零柒分', '¥1.07: 角 is 0, 分 is not → 元零'],
  [120, '壹元贰角整', '¥1.20'],
  // PBOC examples
  [140_950, '壹仟肆佰零玖元伍角整', '¥1,409.50 (PBOC: 壹仟肆佰零玖元伍角; 会计基础工作规范 adds 整)'],
  [600_714, '陆仟零柒元壹角肆分', '¥6,007.14: a run of zeros written once'],
  [168_032, '壹仟陆佰捌拾元零叁角贰分', '¥1,680.32: 元 digit 0, 角 not 0 → we write 零'],
  [10_700_053, '壹拾万零柒仟元零伍角叁分', '¥107,000.53: both zero runs written'],
  [1_640_902, '壹万陆仟肆佰零玖元零贰分', '¥16,409.02'],
  [32_504, '叁佰贰拾伍元零肆分', '¥325.04'],
  // small amounts
  [1, '壹分', '¥0.01'],
  [10, '壹角整', '¥0.10'],
  [11, '壹角壹分', '¥0.11'],
  [100, '壹元整', '¥1.00'],
  [101, '壹元零壹分', '¥1.01'],
  [110, '壹元壹角整', '¥1.10'],
  [999, '玖元玖角玖分', '¥9.99'],
  [1_050, '壹拾元零伍角整', '¥10.50: 元 digit 0 inside the number'],
  [1_007, '壹拾元零柒分', '¥10.07: one 零 for 元 and 角'],
  [1_100, '壹拾壹元整', '¥11.00'],
  [2_000, '贰拾元整', '¥20.00'],
  [10_000, '壹佰元整', '¥100.00'],
  [10_100, '壹佰零壹元整', '¥101.00'],
  [11_000, '壹佰壹拾元整', '¥110.00'],
  [100_100, '壹仟零壹元整', '¥1,001.00'],
  [110_000, '壹仟壹佰元整', '¥1,100.00'],
  // around 万
  [1_000_000, '壹万元整', '¥10,000.00'],
  [1_000_100, '壹万零壹元整', '¥10,001.00'],
  [1_001_000, '壹万零壹拾元整', '¥10,010.00'],
  [1_010_000, '壹万零壹佰元整', '¥10,100.00'],
  [1_100_000, '壹万壹仟元整', '¥11,000.00'],
  [10_000_000, '壹拾万元整', '¥100,000.00'],
  [10_100_000, '壹拾万零壹仟元整', '¥101,000.00: 万 digit 0, 千 not 0 → we write 零'],
  [11_000_000, '壹拾壹万元整', '¥110,000.00'],
  [100_000_000, '壹佰万元整', '¥1,000,000.00'],
  [1_000_000_000, '壹仟万元整', '¥10,000,000.00'],
  [1_000_000_001, '壹仟万元零壹分', '¥10,000,000.01'],
  [2_030_040_050, '贰仟零叁拾万零肆佰元零伍角整', '¥20,300,400.50'],
  // around 亿
  [10_000_000_100, '壹亿零壹元整', '¥100,000,001.00'],
  [10_010_000_000, '壹亿零壹拾万元整', '¥100,100,000.00'],
  [11_000_000_000, '壹亿壹仟万元整', '¥110,000,000.00'],
  [101_000_000_000, '壹拾亿零壹仟万元整', '¥1,010,000,000.00'],
  [100_000_100_000, '壹拾亿零壹仟元整', '¥1,000,001,000.00'],
  [123_456_789_012, '壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元零壹角贰分', '¥1,234,567,890.12: 元 digit 0'],
  [10_000_000_000_000, '壹仟亿元整', '¥100,000,000,000.00'],
  [100_000_000_000_000, '壹万亿元整', '¥1,000,000,000,000.00: 万亿'],
  [100_010_000_000_000, '壹万零壹亿元整', '¥1,000,100,000,000.00'],
  [100_000_000_010_000, '壹万亿零壹佰元整', '¥1,000,000,000,100.00'],
  [
    Number.MAX_SAFE_INTEGER,
    '玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分',
    'MAX_SAFE_INTEGER 分 = ¥90,071,992,547,409.91',
  ],
  // negative
  [-1, '负壹分', '-¥0.01'],
  [-12_345, '负壹佰贰拾叁元肆角伍分', '-¥123.45'],
  [-10_000_000, '负壹拾万元整', '-¥100,000.00'],
];

describe('toChineseCapitals — table', () => {
  it.each(CASES)('%i 分 → %s (%s)', (fen, capitals) => {
    expect(toChineseCapitals(fen)).toBe(capitals);
  });

  it('treats -0 as zero', () => {
    expect(toChineseCapitals(-0)).toBe('零元整');
  });

  it.each([0.5, 1.005, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'rejects %s with INVALID_AMOUNT',
    (bad) => {
      expect(() => toChineseCapitals(bad)).toThrow(AppError);
      try {
        toChineseCapitals(bad);
      } catch (error) {
        expect((error as AppError).code).toBe('INVALID_AMOUNT');
      }
    },
  );
});

// ---- an independent reader of capitals, to check the writer by round trip ----

const DIGIT_VALUE: Readonly<Record<string, number>> = {
  零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};
const PLACE_VALUE: Readonly<Record<string, number>> = { 拾: 10, 佰: 100, 仟: 1000 };

function readGroup(text: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in DIGIT_VALUE) digit = DIGIT_VALUE[ch] ?? 0;
    else if (ch in PLACE_VALUE) {
      total += digit * (PLACE_VALUE[ch] ?? 0);
      digit = 0;
    } else throw new Error(`unexpected ${ch} in ${text}`);
  }
  return total + digit;
}

function readInteger(text: string): number {
  const yi = text.lastIndexOf('亿');
  if (yi >= 0) return readInteger(text.slice(0, yi)) * 1e8 + readInteger(text.slice(yi + 1));
  const wan = text.lastIndexOf('万');
  if (wan >= 0) return readInteger(text.slice(0, wan)) * 1e4 + readInteger(text.slice(wan + 1));
  return readGroup(text);
}

function readCapitals(text: string): number {
  const negative = text.startsWith('负');
  const body = negative ? text.slice(1) : text;
  const yuanAt = body.indexOf('元');
  const yuan = yuanAt >= 0 ? readInteger(body.slice(0, yuanAt)) : 0;
  const rest = yuanAt >= 0 ? body.slice(yuanAt + 1) : body;
  const jiao = /([壹贰叁肆伍陆柒捌玖])角/u.exec(rest)?.[1];
  const fen = /([壹贰叁肆伍陆柒捌玖])分/u.exec(rest)?.[1];
  const value = yuan * 100 + (jiao ? (DIGIT_VALUE[jiao] ?? 0) * 10 : 0) + (fen ? (DIGIT_VALUE[fen] ?? 0) : 0);
  return negative ? -value : value;
}

/** Maximal runs of 0 with non-zero digits on both sides, over the digits of |fen|. */
function innerZeroRuns(fen: number): number {
  const digits = String(Math.abs(fen)).replace(/0+$/u, '');
  return (digits.match(/0+/gu) ?? []).length;
}

const anyFen = fc.oneof(
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 0, max: 100_000_000 }),
  // amounts made mostly of zeros stress the 零 rules around 万 and 亿
  fc
    .array(fc.constantFrom(0, 0, 0, 0, 1, 5, 9), { minLength: 1, maxLength: 15 })
    .map((ds) => Number(ds.join(''))),
);

describe('toChineseCapitals — properties', () => {
  it('uses only the characters of the rules', () => {
    fc.assert(
      fc.property(anyFen, (fen) => /^负?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/u.test(toChineseCapitals(fen))),
    );
  });

  it('ends with 整 exactly when there is no 分 (fen % 10 === 0)', () => {
    fc.assert(fc.property(anyFen, (fen) => toChineseCapitals(fen).endsWith('整') === (fen % 10 === 0)));
  });

  it('reads back to the same amount (so it is injective over all safe amounts)', () => {
    fc.assert(fc.property(anyFen, (fen) => readCapitals(toChineseCapitals(fen)) === fen), { numRuns: 2000 });
  });

  it('is injective on 0 … 200,000 分 exhaustively', () => {
    const seen = new Set<string>();
    for (let fen = 0; fen <= 200_000; fen += 1) seen.add(toChineseCapitals(fen));
    expect(seen.size).toBe(200_001);
  });

  it('writes one 零 per inner run of zeros, never 零零, never a leading or trailing 零', () => {
    fc.assert(
      fc.property(anyFen, (fen) => {
        const text = toChineseCapitals(fen);
        if (fen === 0) return text === '零元整';
        const zeros = (text.match(/零/gu) ?? []).length;
        return (
          zeros === innerZeroRuns(fen) &&
          !text.includes('零零') &&
          !/^负?零/u.test(text) &&
          !/零(元|角|分|整|万|亿|拾|佰|仟)/u.test(text)
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('writes 负 for negatives and is otherwise the capitals of the absolute value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (fen) =>
        toChineseCapitals(-fen) === `负${toChineseCapitals(fen)}`,
      ),
    );
  });
});

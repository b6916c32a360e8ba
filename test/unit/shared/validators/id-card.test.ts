import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar, validateIdCard } from '../../../../shared/validators';

/**
 * Independent ISO 7064 MOD 11-2: the weight of position k (1-based from the left) is 2^(18−k)
 * mod 11 and the check value is (12 − Σ mod 11) mod 11, written X for 10.
 */
function referenceCheck(first17: string): string {
  let sum = 0;
  for (let k = 1; k <= 17; k += 1) sum += Number(first17.charAt(k - 1)) * (2 ** (18 - k) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

const withCheck = (first17: string) => first17 + referenceCheck(first17);
const TODAY = new Date(2024, 5, 1); // 2024-06-01, local time
const fail = (message: string) => ({ ok: false, code: 'INVALID_ID_CARD', message });

describe('validateIdCard — valid numbers', () => {
  it('accepts the GB 11643 example and reports birth date and sex', () => {
    // By hand: Σ = 167, 167 mod 11 = 2, (12 − 2) mod 11 = 10 → X. Sequence 002 is even → female.
    expect(validateIdCard('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      areaCode: '110105',
    });
  });

  it('normalises a lower-case x, spaces and full-width digits', () => {
    const expected = expect.objectContaining({ ok: true, value: '11010519491231002X' });
    expect(validateIdCard('11010519491231002x', { today: TODAY })).toEqual(expected);
    expect(validateIdCard(' 110105 19491231 002x ', { today: TODAY })).toEqual(expected);
    expect(validateIdCard('１１０１０５１９４９１２３１００２ｘ', { today: TODAY })).toEqual(expected);
  });

  it.each([
    ['44030019900101001', '1990-01-01', 'male'], // sequence 001: odd
    ['44030019900101002', '1990-01-01', 'female'],
    ['65010220000229123', '2000-02-29', 'male'], // 2000 is a leap year (divisible by 400)
    ['51010719960229004', '1996-02-29', 'female'],
    ['11010119000101001', '1900-01-01', 'male'], // the earliest accepted date
    ['81000019800615002', '1980-06-15', 'female'], // 81: Hong Kong residence permit
    ['83000019750101001', '1975-01-01', 'male'], // 83: Taiwan residence permit
    ['31011520240601001', '2024-06-01', 'male'], // born "today"
  ])('%s + check → %s, %s', (first17, birthDate, sex) => {
    const id = withCheck(first17);
    expect(validateIdCard(id, { today: TODAY })).toEqual({
      ok: true,
      value: id,
      birthDate,
      sex,
      areaCode: id.slice(0, 6),
    });
  });

  it('accepts the 2023 foreign permanent residence ID (leading 9)', () => {
    const id = withCheck('91184019850505001'); // 9, 11 北京, 840 USA, 1985-05-05, 001
    expect(validateIdCard(id, { today: TODAY })).toMatchObject({ ok: true, birthDate: '1985-05-05', sex: 'male' });
  });

  it('agrees with the independent check on random valid-looking numbers', () => {
    const first17 = fc
      .tuple(
        fc.constantFrom('11', '31', '44', '65'),
        fc.integer({ min: 0, max: 9999 }),
        fc.date({ min: new Date(1900, 0, 1), max: new Date(2024, 4, 31), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([province, area, date, seq]) => {
        const ymd = `${date.getFullYear()}${String(date.getMonth() + 1).padStart(2, '0')}${String(date.getDate()).padStart(2, '0')}`;
        return `${province}${String(area).padStart(4, '0')}${ymd}${String(seq).padStart(3, '0')}`;
      });
    fc.assert(
      fc.property(first17, (body) => {
        expect(idCardCheckChar(body)).toBe(referenceCheck(body));
        return validateIdCard(body + referenceCheck(body), { today: TODAY }).ok;
      }),
    );
  });
});

describe('validateIdCard — invalid numbers, with the exact message', () => {
  it.each([
    // Check digit 4 is right, but 1880 is before 1900: we reject pre-1900 birth dates.
    ['440524188001010014', '身份证号码中的出生日期“18800101”早于1900年'],
    ['11010519491231002Y', '身份证号码第18位只能是数字或X，不能是“Y”'],
    ['110105194912310021', '身份证号码校验码错误，应为X'],
    ['11010519491231003X', '身份证号码校验码错误，应为8'],
    ['', '请输入身份证号码'],
    ['11010519491231002', '身份证号码应为18位'],
    ['11010519491231002XX', '身份证号码应为18位'],
    ['110105491231002', '身份证号码应为18位，15位的旧号码已停用，请填写18位号码'],
    ['1101051949123100AX', '身份证号码前17位只能是数字，第17位“A”不是数字'],
    ['X10105194912310021', '身份证号码前17位只能是数字，第1位“X”不是数字'],
    ['00010519491231002X', '身份证号码前两位“00”不是有效的省级行政区划代码'],
    ['99010519491231002X', '外国人永久居留身份证号码第2、3位“90”不是有效的省级行政区划代码'],
    ['11010519491301002X', '身份证号码中的出生日期“19491301”不是有效日期'],
    ['11010519490000002X', '身份证号码中的出生日期“19490000”不是有效日期'],
    ['11010519000229002X', '身份证号码中的出生日期“19000229”不是有效日期'], // 1900 is not a leap year
    ['11010520230229002X', '身份证号码中的出生日期“20230229”不是有效日期'],
    ['11010519490431002X', '身份证号码中的出生日期“19490431”不是有效日期'],
    ['11010518991231002X', '身份证号码中的出生日期“18991231”早于1900年'],
  ])('%j → %s', (id, message) => {
    expect(validateIdCard(id, { today: TODAY })).toEqual(fail(message));
  });

  it('rejects a birth date after today', () => {
    expect(validateIdCard(withCheck('31011520240602001'), { today: TODAY })).toEqual(
      fail('身份证号码中的出生日期“20240602”晚于今天'),
    );
  });

  it('uses the real clock by default', () => {
    const nextYear = new Date().getFullYear() + 1;
    expect(validateIdCard(withCheck(`310115${nextYear}0101001`))).toEqual(
      fail(`身份证号码中的出生日期“${nextYear}0101”晚于今天`),
    );
  });

  it('detects every single-digit substitution in the first 17 digits', () => {
    const valid = '11010519491231002X';
    for (let i = 0; i < 17; i += 1) {
      for (let d = 0; d <= 9; d += 1) {
        if (String(d) === valid.charAt(i)) continue;
        const mutated = valid.slice(0, i) + String(d) + valid.slice(i + 1);
        expect(validateIdCard(mutated, { today: TODAY }).ok, mutated).toBe(false);
      }
    }
  });
});

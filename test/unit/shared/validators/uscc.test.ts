import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_CHARSET, usccCheckChar, validateUscc } from '../../../../shared/validators';

/**
 * An independent check-character computation for generating test data: GB 32100-2015 defines the
 * weight of position i as 3^(i-1) mod 31, which is where the table 1,3,9,27,19,… comes from.
 */
function referenceCheck(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += USCC_CHARSET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

const fail = (message: string) => ({ ok: false, code: 'INVALID_USCC', message });

describe('validateUscc — valid codes', () => {
  // 91350100M000100Y43 by hand: Σ cᵢwᵢ = 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M(21)·20 + 1·8 + Y(30)·30
  // + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
  it.each([
    '91350100M000100Y43',
    '91110000802100433B',
    '91110105771583283D',
    '91110108740084270C',
    '91110108735106340Y',
    '911101077776591113',
    '91440300359143307G',
    '91440300708461136T',
    '91110108551385082Q',
    '112302070019030687', // 1 机构编制
    '51610700305332460K', // 5 民政
  ])('%s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
  });

  it('normalises case, spaces and full-width characters', () => {
    expect(validateUscc(' 91350100m000100y43 ')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateUscc('9135 0100 M000 100Y 43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('accepts every code whose check character is computed independently', () => {
    const body = fc
      .tuple(
        fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y'),
        fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 16, maxLength: 16 }),
      )
      .map(([dept, rest]) => dept + rest.join(''));
    fc.assert(
      fc.property(body, (first17) => {
        expect(usccCheckChar(first17)).toBe(referenceCheck(first17));
        return validateUscc(first17 + referenceCheck(first17)).ok;
      }),
    );
  });
});

describe('validateUscc — invalid codes, with the exact message', () => {
  it.each([
    // 911100001000107213 was offered as a real example, but Σ = 234, 234 mod 31 = 17, 31 − 17 = 14
    // → 'E', not '3'. We follow the standard.
    ['911100001000107213', '统一社会信用代码校验位错误，应为E'],
    ['91350100M000100Y44', '统一社会信用代码校验位错误，应为3'],
    ['91350100M000100Y4X', '统一社会信用代码校验位错误，应为3'],
    ['', '请输入统一社会信用代码'],
    ['  ', '请输入统一社会信用代码'],
    ['91350100M000100Y4', '统一社会信用代码应为18位'],
    ['91350100M000100Y430', '统一社会信用代码应为18位'],
    ['91350100I000100Y43', '统一社会信用代码第9位“I”不是有效字符（不使用字母I、O、Z、S、V）'],
    ['91350100o000100Y43', '统一社会信用代码第9位“O”不是有效字符（不使用字母I、O、Z、S、V）'],
    ['9135010-M000100Y43', '统一社会信用代码第8位“-”不是有效字符（只能是数字或大写字母）'],
    ['91350100M000100Y4中', '统一社会信用代码第18位“中”不是有效字符（只能是数字或大写字母）'],
    ['B1350100M000100Y43', '统一社会信用代码第1位登记管理部门代码“B”不存在'],
    ['01350100M000100Y43', '统一社会信用代码第1位登记管理部门代码“0”不存在'],
  ])('%j → %s', (code, message) => {
    expect(validateUscc(code)).toEqual(fail(message));
  });

  it('detects every single-character substitution', () => {
    const valid = '91350100M000100Y43';
    for (let i = 1; i < 18; i += 1) {
      for (const ch of USCC_CHARSET) {
        if (ch === valid.charAt(i)) continue;
        const mutated = valid.slice(0, i) + ch + valid.slice(i + 1);
        expect(validateUscc(mutated).ok, mutated).toBe(false);
      }
    }
  });

  it('answers a non-string at run time instead of throwing', () => {
    expect(validateUscc(undefined as unknown as string)).toEqual(fail('请输入统一社会信用代码'));
  });
});

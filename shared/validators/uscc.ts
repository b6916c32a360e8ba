import { compactUpper } from './normalize';
import { failure, success, type ValidationResult } from './result';

/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
 *
 * 18 characters from a 31-symbol set (digits and capitals without I, O, Z, S, V, which are too easy
 * to confuse with 1, 0, 2, 5, U): position 1 registration department, 2 organisation category,
 * 3–8 administrative division (GB/T 2260), 9–17 organisation code (GB 11714), 18 check character.
 *
 * We check length, symbol set, the department code and the mod-31 check character. We do not check
 * positions 2–17 further: the category list per department has grown by amendment, division codes
 * change every year, and older codes carry organisation codes that fail the GB 11714 check — a
 * stricter rule would reject real payees, while the check character already catches typos.
 */

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * 登记管理部门代码: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商
 * (市场监管), A 中央军委改革和编制办公室, N 农业, Y 其他.
 */
export const USCC_DEPARTMENTS: Readonly<Record<string, string>> = {
  '1': '机构编制',
  '2': '外交',
  '3': '司法行政',
  '4': '文化',
  '5': '民政',
  '6': '旅游',
  '7': '宗教',
  '8': '工会',
  '9': '工商',
  A: '中央军委改革和编制办公室',
  N: '农业',
  Y: '其他',
};

/** The check character for the first 17 characters, or null if one of them is not in the set. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARSET.charAt(check);
}

export function validateUscc(input: string): ValidationResult<string> {
  const fail = (message: string) => failure('INVALID_USCC', message);
  if (typeof input !== 'string') return fail('请输入统一社会信用代码');
  const code = compactUpper(input);
  if (code === '') return fail('请输入统一社会信用代码');
  if (code.length !== 18) return fail('统一社会信用代码应为18位');

  for (let i = 0; i < 18; i += 1) {
    const ch = code.charAt(i);
    if (!USCC_CHARSET.includes(ch)) {
      const hint = 'IOZSV'.includes(ch) ? '（不使用字母I、O、Z、S、V）' : '（只能是数字或大写字母）';
      return fail(`统一社会信用代码第${i + 1}位“${ch}”不是有效字符${hint}`);
    }
  }
  const department = code.charAt(0);
  if (!Object.hasOwn(USCC_DEPARTMENTS, department)) {
    return fail(`统一社会信用代码第1位登记管理部门代码“${department}”不存在`);
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code.charAt(17)) return fail(`统一社会信用代码校验位错误，应为${expected ?? '?'}`);
  return success(code);
}

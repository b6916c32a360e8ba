import { compactUpper } from './normalize';
import { failure, type ValidationFailure, type ValidationSuccess } from './result';

/**
 * 公民身份号码 (resident identity card number), GB 11643-1999.
 *
 * 6-digit address code (GB/T 2260) + 8-digit birth date YYYYMMDD + 3-digit sequence (odd = male)
 * + ISO 7064 MOD 11-2 check character (0–9 or X).
 *
 * The address code is checked at province level only: county codes are renumbered every year and
 * a person keeps the number issued under the old code, so a full table would reject real people.
 * Birth dates before 1900 are rejected — nobody alive in a payroll was born then, and a pre-1900
 * date is almost always a mistyped year (so 440524188001010014 is invalid).
 *
 * Numbers starting with 9 are the 2023 foreign permanent residence ID (外国人永久居留身份证): same
 * length, date position and check character, with the province code in positions 2–3.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes of GB/T 2260, plus 83 used by residence permits of Taiwan residents. */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
  '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
  '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
  '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
  '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
  '71': '台湾', '81': '香港', '82': '澳门', '83': '台湾',
};

export type Sex = 'male' | 'female';

export interface IdCardInfo {
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  /** The 6-digit address code as printed (for a foreign permanent residence ID: its first 6). */
  areaCode: string;
}

export type IdCardResult = (ValidationSuccess<string> & IdCardInfo) | ValidationFailure;

export interface IdCardOptions {
  /** "Today" for the not-in-the-future rule; injectable so tests do not depend on the clock. */
  today?: Date;
}

/** The check character for the first 17 digits, or null if they are not 17 digits. */
export function idCardCheckChar(first17: string): string | null {
  if (!/^\d{17}$/u.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

function localYmd(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}${m}${d}`;
}

export function validateIdCard(input: string, options: IdCardOptions = {}): IdCardResult {
  const fail = (message: string) => failure('INVALID_ID_CARD', message);
  if (typeof input !== 'string') return fail('请输入身份证号码');
  const id = compactUpper(input);
  if (id === '') return fail('请输入身份证号码');
  if (id.length !== 18) {
    return fail(
      id.length === 15 && /^\d{15}$/u.test(id)
        ? '身份证号码应为18位，15位的旧号码已停用，请填写18位号码'
        : '身份证号码应为18位',
    );
  }
  for (let i = 0; i < 17; i += 1) {
    const ch = id.charAt(i);
    if (ch < '0' || ch > '9') return fail(`身份证号码前17位只能是数字，第${i + 1}位“${ch}”不是数字`);
  }
  const last = id.charAt(17);
  if (!/^[0-9X]$/u.test(last)) return fail(`身份证号码第18位只能是数字或X，不能是“${last}”`);

  const foreign = id.charAt(0) === '9';
  const province = foreign ? id.slice(1, 3) : id.slice(0, 2);
  if (!Object.hasOwn(PROVINCE_CODES, province)) {
    return fail(
      foreign
        ? `外国人永久居留身份证号码第2、3位“${province}”不是有效的省级行政区划代码`
        : `身份证号码前两位“${province}”不是有效的省级行政区划代码`,
    );
  }

  const ymd = id.slice(6, 14);
  const year = Number(ymd.slice(0, 4));
  const month = Number(ymd.slice(4, 6));
  const day = Number(ymd.slice(6, 8));
  if (!isRealDate(year, month, day)) return fail(`身份证号码中的出生日期“${ymd}”不是有效日期`);
  if (year < 1900) return fail(`身份证号码中的出生日期“${ymd}”早于1900年`);
  if (ymd > localYmd(options.today ?? new Date())) {
    return fail(`身份证号码中的出生日期“${ymd}”晚于今天`);
  }

  const expected = idCardCheckChar(id.slice(0, 17));
  if (expected !== last) return fail(`身份证号码校验码错误，应为${expected ?? '?'}`);

  return {
    ok: true,
    value: id,
    birthDate: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
    sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
    areaCode: id.slice(0, 6),
  };
}

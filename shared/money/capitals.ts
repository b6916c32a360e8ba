import { assertFen, type Fen } from './fen';

/**
 * 大写金额 (the amount in capital numerals printed on vouchers, cheques and payment orders).
 *
 * Rules, from 《会计基础工作规范》第五十二条 and the PBOC's 《正确填写票据和结算凭证的基本规定》:
 *  - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, money units 元角分;
 *  - an amount ending at 元 or 角 ends with 整 (…元整, …角整); one with 分 has no 整;
 *  - a zero inside the number is written 零, a run of consecutive zeros only once;
 *  - when 角 is 0 but 分 is not, 零 follows 元 (¥325.04 → 叁佰贰拾伍元零肆分).
 *
 * Where the rules allow a choice we take the one that leaves no gap to tamper with: the PBOC
 * permits omitting 零 when the 万 or 元 digit is 0 and the next digit is not (¥1,680.32 may be
 * 壹仟陆佰捌拾元叁角贰分), but we always write it (…捌拾元零叁角贰分, ¥101,000 → 壹拾万零壹仟元整).
 * So the output has exactly one 零 for each maximal run of zero digits that has non-zero digits on
 * both sides. A leading 拾 is written 壹拾 (¥10 → 壹拾元整), as vouchers require.
 * The 亿 group reuses 万 for 万亿 (¥1,000,000,000,000 → 壹万亿元整), as in spoken Chinese.
 */

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const PLACE = ['', '拾', '佰', '仟'] as const;

function digitChar(d: number): string {
  return DIGITS[d] ?? '';
}

/** Capitals for a positive integer number of yuan, without the trailing 元. */
function yuanCapitals(yuan: string): string {
  let out = '';
  let pendingZero = false;
  const n = yuan.length;
  for (let i = 0; i < n; i += 1) {
    const d = yuan.charCodeAt(i) - 48;
    const p = n - 1 - i; // power of ten of this digit
    if (d === 0) {
      // Remember the gap; it is written only if a non-zero digit follows.
      if (out !== '') pendingZero = true;
    } else {
      if (pendingZero) out += '零';
      pendingZero = false;
      out += digitChar(d) + (PLACE[p % 4] ?? '');
    }
    // Section marks, written even when this digit is 0 (壹拾万: the 万 digit of 100,000 is 0).
    if (p > 0 && p % 4 === 0) {
      const sectionIsEight = p % 8 === 0; // 亿 at 10^8, 10^16; 万 at 10^4, 10^12
      if (sectionIsEight) {
        // 亿 closes everything above it: 壹万亿 has no digit in the 亿 group itself.
        if (out !== '') out += '亿';
      } else if (sectionHasDigit(yuan, i)) {
        out += '万';
      }
    }
  }
  return out;
}

/** True when the four digits ending at index `end` (the 万 group) are not all zero. */
function sectionHasDigit(digits: string, end: number): boolean {
  for (let i = Math.max(0, end - 3); i <= end; i += 1) {
    if (digits[i] !== '0') return true;
  }
  return false;
}

export function toChineseCapitals(fen: Fen): string {
  assertFen(fen);
  if (fen === 0) return '零元整';
  if (fen < 0) return `负${toChineseCapitals(-fen)}`;

  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;

  let out = '';
  if (yuan > 0) out = `${yuanCapitals(String(yuan))}元`;
  if (jiao === 0 && cents === 0) return `${out}整`;

  // The zero run that ends at 元 (¥10.50) or is the 角 digit (¥1.07) is inside the number.
  if (yuan > 0 && (yuan % 10 === 0 || jiao === 0)) out += '零';
  if (jiao > 0) out += `${digitChar(jiao)}角`;
  out += cents > 0 ? `${digitChar(cents)}分` : '整';
  return out;
}

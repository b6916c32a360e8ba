import { compact } from './normalize';
import { failure, success, type ValidationResult } from './result';

/**
 * Bank account numbers. Chinese corporate (对公) accounts have no public check-digit scheme and
 * their length varies by bank (8 to ~30 digits), so for kind 'account' we check only digits and
 * length. Personal bank cards (借记卡/贷记卡, kind 'card') follow ISO/IEC 7812: 16–19 digits with a
 * Luhn check digit, which catches every single-digit typo and most transpositions.
 *
 * Spaces and hyphens are grouping, not content: '6222 0212 3456 7890' is normalised to digits.
 */

export type BankAccountKind = 'account' | 'card';

/** Luhn (mod 10) check over a digit string; false for anything that is not 2+ digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/u.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function validateBankAccount(
  input: string,
  kind: BankAccountKind = 'account',
): ValidationResult<string> {
  const noun = kind === 'card' ? '银行卡号' : '银行账号';
  const fail = (message: string) => failure('INVALID_BANK_ACCOUNT', message);
  if (typeof input !== 'string') return fail(`请输入${noun}`);
  const value = compact(input).replace(/-/gu, '');
  if (value === '') return fail(`请输入${noun}`);
  if (!/^\d+$/u.test(value)) return fail(`${noun}只能包含数字`);

  if (kind === 'card') {
    if (value.length < 16 || value.length > 19) return fail(`银行卡号应为16至19位数字，当前为${value.length}位`);
    if (!luhnValid(value)) return fail('银行卡号校验位错误，请核对卡号');
    return success(value);
  }
  if (value.length < 8 || value.length > 30) return fail(`银行账号应为8至30位数字，当前为${value.length}位`);
  return success(value);
}

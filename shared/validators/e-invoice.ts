import { compact } from './normalize';
import { failure, success, type ValidationResult } from './result';

/**
 * 全面数字化的电子发票（数电票/全电发票）号码: exactly 20 digits. The number carries no public
 * check digit, so this is a format check only; uniqueness is enforced by the invoice registry.
 */
export function validateEInvoiceNumber(input: string): ValidationResult<string> {
  const fail = (message: string) => failure('INVALID_E_INVOICE', message);
  if (typeof input !== 'string') return fail('请输入电子发票号码');
  const value = compact(input);
  if (value === '') return fail('请输入电子发票号码');
  if (!/^\d+$/u.test(value)) return fail('电子发票号码只能包含数字');
  if (value.length !== 20) return fail(`电子发票号码应为20位数字，当前为${value.length}位`);
  return success(value);
}

import { z } from 'zod';
import { parseYuan, type ParseYuanOptions } from '../money/parse-yuan';
import type { Fen } from '../money/fen';
import { validateBankAccount } from './bank-account';
import { validateEInvoiceNumber } from './e-invoice';
import { validateIdCard } from './id-card';
import type { ValidationResult } from './result';
import { validateUscc } from './uscc';

/**
 * zod 4 schemas over the validators, for API payloads and forms. Each takes the raw string and
 * outputs the normalised value (or 分 for amounts), so handlers never see un-normalised input.
 *
 * A failed rule becomes one zod issue with `code: 'custom'`, the validator's Chinese message, and
 * `params: { code }` carrying the ErrorCode (INVALID_USCC, …) so the dispatcher can answer with the
 * same code as the plain validator. A non-string input fails `z.string()` itself with the Chinese
 * "请输入…" message; that issue is zod's `invalid_type` and carries no params.
 */
function fromValidator<T>(missing: string, validate: (value: string) => ValidationResult<T>) {
  return z.string({ error: missing }).transform((value, ctx): T => {
    const result = validate(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
    return z.NEVER;
  });
}

export const usccSchema = fromValidator('请输入统一社会信用代码', validateUscc);

/** Outputs the normalised number only; call `validateIdCard` when birth date or sex is needed. */
export const idCardSchema = fromValidator('请输入身份证号码', (v) => validateIdCard(v));

export const bankAccountSchema = fromValidator('请输入银行账号', (v) => validateBankAccount(v, 'account'));

export const bankCardSchema = fromValidator('请输入银行卡号', (v) => validateBankAccount(v, 'card'));

export const eInvoiceSchema = fromValidator('请输入电子发票号码', validateEInvoiceNumber);

/** String in yuan → integer 分, with the options of `parseYuan` (sign, label for messages). */
export function makeYuanAmountSchema(options: ParseYuanOptions = {}) {
  const label = options.label ?? '金额';
  return fromValidator<Fen>(`请输入${label}`, (v) => parseYuan(v, options));
}

/** Non-negative amount in yuan text → 分. */
export const yuanAmountSchema = makeYuanAmountSchema();

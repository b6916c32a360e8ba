export { failure, success, type ValidationFailure, type ValidationResult, type ValidationSuccess } from './result';
export { compact, compactUpper, toHalfWidth } from './normalize';
export { USCC_CHARSET, USCC_DEPARTMENTS, usccCheckChar, validateUscc } from './uscc';
export {
  PROVINCE_CODES,
  idCardCheckChar,
  validateIdCard,
  type IdCardInfo,
  type IdCardOptions,
  type IdCardResult,
  type Sex,
} from './id-card';
export { luhnValid, validateBankAccount, type BankAccountKind } from './bank-account';
export { validateEInvoiceNumber } from './e-invoice';
export { maskAccount, maskIdCard } from './mask';
export {
  bankAccountSchema,
  bankCardSchema,
  eInvoiceSchema,
  idCardSchema,
  makeYuanAmountSchema,
  usccSchema,
  yuanAmountSchema,
} from './schemas';

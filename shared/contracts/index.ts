export { addDays, chinaDayOf, daysBetween, isDayText } from './calendar-days';
export { categoryOf, CONTRACT_CATEGORIES, CONTRACT_CATEGORY_LABELS, type ContractCategory } from './contract-category';
export { DEFAULT_CONTRACT_POLICY, percentText, tightenContractPolicy, type ContractPolicy } from './contract-policy';
export {
  contractTermViolations,
  effectiveTermDays,
  milestoneDueDays,
  type ContractTermsInput,
  type CounterpartyFacts,
  type MilestoneTerm,
} from './contract-rules';
export { certificateViolations, type CertificateInput, type PreviousCertificate } from './certificate-rules';
export { fundsInPlace, fundsViolation, type FundsCheck, type FundsPosition, type SignedOnLine } from './funds-in-place';
export { classifyReminders, type DueItem, type Reminder, type ReminderKind } from './reminders';
export type { ContractRule, RuleViolation } from './rule-violation';
export { termChanges, type TermChange, type VersionTerms } from './term-diff';

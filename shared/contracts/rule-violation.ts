import type { ErrorCode } from '../errors/error-codes';

/** Which rule of REGULATIONS.md a refusal comes from (shown beside the message in forms). */
export type ContractRule = 'R1' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7' | 'terms';

/**
 * One refusal of a pure rule: the core throws the first as an AppError (code, message, field);
 * the form shows each beside its field before anything is sent.
 */
export interface RuleViolation {
  rule: ContractRule;
  code: ErrorCode;
  message: string;
  /** the input path, e.g. `paymentTermDays` or `milestones.0.ratio` */
  field: string;
}

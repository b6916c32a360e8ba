import { formatFen } from '../money';
import type { RuleViolation } from './rule-violation';

/** A signed contract already bound to the budget line, with what its requests committed there. */
export interface SignedOnLine {
  contractId: string;
  amount: number;
  /** Σ of its payment requests on this line in a committing status (reserved or paid) */
  committed: number;
}

export interface FundsCheck {
  /** the line's `available` = amount − reserved − paid (BUDGET's position) */
  available: number;
  /** other signed contracts on the line (never the one being checked) */
  others: readonly SignedOnLine[];
  /** the contract amount to be covered (for a change: the amount after it) */
  amount: number;
  /** what the contract itself has already committed on the line (0 for a new contract) */
  committedSelf: number;
}

export interface FundsPosition {
  /** Σ over other signed contracts of max(0, amount − committed): promised but not yet requested */
  promisedElsewhere: number;
  /** available − promisedElsewhere: what a contract may still be signed for (may be negative) */
  free: number;
  /** amount − committedSelf: what this contract still needs from the line */
  needed: number;
  ok: boolean;
}

/**
 * R7 (《政府投资条例》第二十二条, funds in place, no 垫资): a contract may be signed only for money
 * the line has neither reserved, paid, nor promised to another signed contract.
 *
 * BUDGET's `available` already subtracts every reservation and payment, including those of signed
 * contracts; what it does not know is the rest of each signed contract — the part no request has
 * committed yet. That remainder is promised money too, so it is subtracted here. A contract's
 * remainder never goes below zero (a contract paid beyond its amount frees nothing for others).
 */
export function fundsInPlace(check: FundsCheck): FundsPosition {
  const promisedElsewhere = check.others.reduce((sum, c) => sum + Math.max(0, c.amount - c.committed), 0);
  const free = check.available - promisedElsewhere;
  const needed = Math.max(0, check.amount - check.committedSelf);
  return { promisedElsewhere, free, needed, ok: needed <= free };
}

export function fundsViolation(position: FundsPosition, field = 'budgetLineId'): RuleViolation | null {
  if (position.ok) return null;
  return {
    rule: 'R7',
    code: 'CONTRACT_FUNDS_NOT_IN_PLACE',
    message:
      `R7：预算指标资金未落实，不能签订（《政府投资条例》第二十二条，不得由施工单位垫资）。` +
      `本合同需 ${formatFen(position.needed)}，该指标可用 ${formatFen(Math.max(0, position.free))}` +
      `（已扣除其他已签合同尚未申请的 ${formatFen(position.promisedElsewhere)}）`,
    field,
  };
}

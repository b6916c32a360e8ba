import { formatFen } from '../money';
import type { BudgetPosition } from './position';

export type CommitRefusal =
  | { code: 'BUDGET_EXCEEDED'; message: string }
  | { code: 'ALLOCATION_EXCEEDED'; message: string };

/**
 * R8 (《预算法》): no commitment beyond the approved line; then the offline budget safety of
 * DESIGN.md: no commitment beyond what this device holds. `position` must leave out the request
 * being checked (its amount is `amount`). Returns null when the commitment fits.
 *
 * The line is checked first because that is the rule a person can act on (ask for more budget);
 * the allocation limit only bites when money of the line is held by another device.
 */
export function commitRefusal(position: BudgetPosition, amount: number): CommitRefusal | null {
  if (amount > position.available) {
    return {
      code: 'BUDGET_EXCEEDED',
      message:
        `超出预算指标（《预算法》/R8：不得超预算支付）：本次金额 ${formatFen(amount)}，` +
        `可用余额 ${formatFen(Math.max(0, position.available))}（指标 ${formatFen(position.amount)}，` +
        `已占用 ${formatFen(position.reserved)}，已支付 ${formatFen(position.paid)}），超出 ${formatFen(amount - position.available)}`,
    };
  }
  if (amount > position.availableHere) {
    return {
      code: 'ALLOCATION_EXCEEDED',
      message:
        `超出本机持有的额度分配（R8 离线预算安全：本机只能在所持额度内占用资金）：本次金额 ${formatFen(amount)}，` +
        `本机可用额度 ${formatFen(Math.max(0, position.availableHere))}（本机持有 ${formatFen(position.heldHere)}，` +
        `已占用 ${formatFen(position.committedHere)}），超出 ${formatFen(amount - position.availableHere)}`,
    };
  }
  return null;
}

import { COMMITTING_STATUSES, type RequestStatus } from '../domain/payment-request-status';

/**
 * Where one budget line (预算指标) stands. Reserved and paid are derived from the payment requests
 * every time, never stored, so they cannot drift from the requests (DOMAIN.md invariant 1).
 */
export interface BudgetPosition {
  budgetLineId: string;
  /** approved amount, 分 */
  amount: number;
  /** Σ amount of requests submitted, approved or in payment */
  reserved: number;
  /** Σ amount of paid requests */
  paid: number;
  /** amount − reserved − paid */
  available: number;
  /** the warning threshold (R8) in force, e.g. 0.9 */
  warnRatio: number;
  /** Σ allocations of the line held by this device (DESIGN.md, offline budget safety) */
  heldHere: number;
  /** what this device has committed on the line (reserved + paid of the requests it holds) */
  committedHere: number;
  /** heldHere − committedHere */
  availableHere: number;
}

/** The part of a request the budget reads. */
export interface CommittingRequest {
  id: string;
  amount: number;
  status: RequestStatus;
}

/** The part of an allocation the budget reads. */
export interface HeldAllocation {
  holderDeviceId: string;
  amount: number;
}

const COMMITTING = new Set<RequestStatus>(COMMITTING_STATUSES);

export function isCommittingStatus(status: RequestStatus): boolean {
  return COMMITTING.has(status);
}

/** Σ of integer 分 that refuses to leave the safe-integer range instead of rounding silently. */
export function sumFen(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    total += v;
    if (!Number.isSafeInteger(total)) throw new RangeError('金额合计超出可精确表示的范围');
  }
  return total;
}

export interface PositionInput {
  budgetLineId: string;
  amount: number;
  requests: readonly CommittingRequest[];
  allocations: readonly HeldAllocation[];
  deviceId: string;
  warnRatio: number;
  /** a request whose own amount is left out (its re-check at an approval step must not count it twice) */
  excludeRequestId?: string;
}

/**
 * The position of a line from its requests and allocations.
 *
 * Commitments "here": requests carry no device, and DESIGN.md lets a device commit only within the
 * allocations it holds, so every commitment recorded on a line this device holds allocations of is
 * counted against those allocations (the same reading as the seed's invariant check). A device that
 * holds nothing of a line has availableHere = 0 and may commit nothing on it.
 */
export function computePosition(input: PositionInput): BudgetPosition {
  let reserved = 0;
  let paid = 0;
  for (const r of input.requests) {
    if (r.id === input.excludeRequestId || !COMMITTING.has(r.status)) continue;
    if (r.status === 'paid') paid = sumFen([paid, r.amount]);
    else reserved = sumFen([reserved, r.amount]);
  }
  const heldHere = sumFen(input.allocations.filter((a) => a.holderDeviceId === input.deviceId).map((a) => a.amount));
  const committedHere = heldHere > 0 ? reserved + paid : 0;
  return {
    budgetLineId: input.budgetLineId,
    amount: input.amount,
    reserved,
    paid,
    available: input.amount - reserved - paid,
    warnRatio: input.warnRatio,
    heldHere,
    committedHere,
    availableHere: heldHere - committedHere,
  };
}

/** Share of the line in use (reserved + paid), in basis points, rounded down (0 for a zero line). */
export function usedBasisPoints(position: Pick<BudgetPosition, 'amount' | 'reserved' | 'paid'>): number {
  const used = position.reserved + position.paid;
  if (position.amount <= 0) return used > 0 ? 10_000 : 0;
  // BigInt: used × 10 000 passes 2^53 for lines above ~¥9 千亿, where a float would round.
  return Number((BigInt(used) * 10_000n) / BigInt(position.amount));
}

/**
 * The position once one more request is counted, from the position that left it out — what
 * computePosition would give with the request in `status`, without reading the line's requests
 * again. The submit path has the position assertCanCommit returned (request excluded) and knows
 * the request's amount and new status; re-deriving from the database right after its own write
 * would cost a second scan of the line's requests for the same numbers. A status outside
 * COMMITTING_STATUSES adds nothing.
 */
export function positionWith(without: BudgetPosition, amount: number, status: RequestStatus): BudgetPosition {
  if (!COMMITTING.has(status)) return { ...without };
  const reserved = status === 'paid' ? without.reserved : sumFen([without.reserved, amount]);
  const paid = status === 'paid' ? sumFen([without.paid, amount]) : without.paid;
  const committedHere = without.heldHere > 0 ? reserved + paid : 0;
  return {
    ...without,
    reserved,
    paid,
    available: without.amount - reserved - paid,
    committedHere,
    availableHere: without.heldHere - committedHere,
  };
}

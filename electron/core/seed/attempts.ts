import type { RequestStatus } from '../../../shared/domain/payment-request-status';
import { parseDay, workdayOnOrAfter, yearOf, type Day } from './calendar';
import type { ContractPlan, RequestPlan, SeedContext } from './model';
import type { Prng } from './prng';
import { makeTimeline, placeInState, shiftTimeline, statusAt, withBankReturn, type PlaceableStatus } from './request-timeline';

function earliestDay(r: RequestPlan): Day {
  return r.certificate ? parseDay(r.certificate.certifiedAt) + 1 : parseDay(r.contract.doc.signedAt ?? '2000-01-01') + 1;
}

function real(c: ContractPlan): RequestPlan[] {
  return c.requests.filter((r) => r.attempt === null);
}

function insertBefore(c: ContractPlan, attempt: RequestPlan): void {
  c.requests.push(attempt);
  c.requests.sort((a, b) => a.timeline.createdDay - b.timeline.createdDay);
}

/**
 * A request turned down at some step (驳回) and filed again: the attempt ends before the real
 * request is drafted, carries the same invoices (a rejected request does not hold them,
 * invariant 4) and never commits money.
 */
function addRejected(ctx: SeedContext, prng: Prng, c: ContractPlan, r: RequestPlan): boolean {
  const step = prng.int(0, r.route.length - 1);
  const draft = makeTimeline(prng, 0, r.route.length, 0);
  const gap = prng.int(1, 4);
  const end = draft.stepDays[step] ?? draft.submitDay;
  const delta = r.timeline.createdDay - gap - end;
  if (delta < earliestDay(r)) return false;
  const timeline = shiftTimeline(draft, delta);
  insertBefore(c, { ...r, timeline, attempt: { outcome: 'rejected', step }, status: 'rejected', invoiceNos: [...r.invoiceNos] });
  return true;
}

/** A request withdrawn by its applicant (金额填报有误) before the right one was filed. */
function addWithdrawn(ctx: SeedContext, prng: Prng, c: ContractPlan, r: RequestPlan): boolean {
  const created = workdayOnOrAfter(r.timeline.createdDay - prng.int(3, 8));
  const day = created + prng.int(0, 1);
  if (created < earliestDay(r) || day >= r.timeline.createdDay) return false;
  const fromSubmitted = prng.chance(0.5);
  const amount = r.amount + Math.floor(r.amount * prng.float(0.02, 0.1));
  const route = ctx.tables.paymentRoute(amount);
  const timeline = { ...makeTimeline(prng, created, route.length, 0), submitDay: created };
  insertBefore(c, {
    ...r,
    amount,
    labourAmount: Math.floor((amount * c.doc.labourShare) / 10_000),
    route,
    timeline,
    description: `${r.description}（金额填报有误，申请人已撤回）`.slice(0, 500),
    // the contractor re-issued its invoice (红冲后重开), so the withdrawn one holds its own numbers
    invoiceNos: r.invoiceNos.map(() => ctx.invoices.next(yearOf(created))),
    attempt: { outcome: 'withdrawn', fromSubmitted, day },
    status: 'withdrawn',
  });
  return true;
}

/** Rejected and withdrawn attempts: some by chance, and at least one of each per district. */
export function addAttempts(ctx: SeedContext, prng: Prng, contracts: readonly ContractPlan[]): void {
  let rejected = 0;
  let withdrawn = 0;
  for (const c of contracts) {
    const progress = real(c).filter((r) => r.kind === 'progress' && r.status !== 'draft');
    const pickOne = () => progress[prng.int(0, Math.max(0, progress.length - 1))];
    if (progress.length > 1 && (rejected === 0 || prng.chance(0.08))) {
      const r = pickOne();
      if (r && addRejected(ctx, prng, c, r)) rejected += 1;
    }
    if (progress.length > 1 && (withdrawn === 0 || prng.chance(0.05))) {
      const r = pickOne();
      if (r && addWithdrawn(ctx, prng, c, r)) withdrawn += 1;
    }
  }
}

/** One 退汇 per district: a paid works payment that came back and was sent again. */
export function addBankReturn(ctx: SeedContext, prng: Prng, contracts: readonly ContractPlan[]): void {
  const candidates = contracts
    .filter((c) => c.trade === 'works')
    .flatMap(real)
    .filter((r) => r.status === 'paid' && r.kind === 'progress' && r.timeline.returned === null);
  if (candidates.length === 0) return;
  const r = prng.pick(candidates);
  r.timeline = withBankReturn(prng, r.timeline);
  r.status = statusAt(r.timeline, ctx.asOfDay);
}

const PLACEABLE: readonly PlaceableStatus[] = ['draft', 'submitted', 'approved', 'in_payment'];

/**
 * Every district shows every state of the request state machine: where the dice left a state
 * empty, the newest paid progress request of an unfinished contract is moved forward in time
 * so that the last day of the data falls in that state.
 */
export function ensureEveryState(ctx: SeedContext, contracts: readonly ContractPlan[]): void {
  const present = new Set<RequestStatus>(contracts.flatMap((c) => c.requests.map((r) => r.status)));
  const candidates = contracts
    .filter((c) => c.acceptanceDay > ctx.asOfDay)
    .map((c) => real(c).at(-1))
    .filter((r): r is RequestPlan => r !== undefined && r.kind === 'progress' && r.status === 'paid' && !r.timeline.returned && !r.timeline.bankReturn);
  for (const wanted of PLACEABLE) {
    if (present.has(wanted)) continue;
    const r = candidates.shift();
    if (!r) break;
    placeInState(r, wanted, ctx.asOfDay);
    present.add(r.status);
  }
}

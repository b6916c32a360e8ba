import type { RequestStatus } from '../../../shared/domain/payment-request-status';
import { weekday, workdayOnOrAfter, type Day } from './calendar';
import type { RequestPlan, RequestTimeline } from './model';
import type { Prng } from './prng';

/** The office sends payment batches twice a week, on Tuesdays and Thursdays. */
export function nextPaymentDay(day: Day): Day {
  for (let d = day; ; d += 1) if (weekday(d) === 2 || weekday(d) === 4) return d;
}

/**
 * A request's life as day offsets: drafted, submitted, each route step decided, batched, paid
 * (and, rarely, returned by the bank and paid again). Its state on the last day of the data is
 * simply how far this life had got — so states, decisions and payments always agree.
 */
export function makeTimeline(prng: Prng, createdDay: Day, steps: number, returnChance: number): RequestTimeline {
  const submitDay = prng.chance(0.6) ? createdDay : workdayOnOrAfter(createdDay + prng.int(1, 2));
  let day = submitDay;
  let returned: RequestTimeline['returned'] = null;
  if (prng.chance(returnChance)) {
    const step = prng.int(0, steps - 1);
    const approvedDays: Day[] = [];
    for (let i = 0; i < step; i += 1) {
      day = workdayOnOrAfter(day + prng.int(1, 3));
      approvedDays.push(day);
    }
    day = workdayOnOrAfter(day + prng.int(1, 3));
    const resubmitDay = workdayOnOrAfter(day + prng.int(1, 4));
    returned = { step, approvedDays, day, resubmitDay };
    day = resubmitDay;
  }
  const stepDays: Day[] = [];
  for (let i = 0; i < steps; i += 1) {
    day = workdayOnOrAfter(day + prng.int(1, 3));
    stepDays.push(day);
  }
  const batchDay = nextPaymentDay(day + prng.int(1, 3));
  const receiptDay = workdayOnOrAfter(batchDay + prng.int(1, 4));
  return { createdDay, submitDay, returned, stepDays, batchDay, receiptDay, bankReturn: null };
}

/** Adds a 退汇 after the first payment: back to approved, batched again, paid again. */
export function withBankReturn(prng: Prng, timeline: RequestTimeline): RequestTimeline {
  const returnDay = workdayOnOrAfter(timeline.receiptDay + prng.int(2, 6));
  const batchDay = nextPaymentDay(returnDay + prng.int(2, 4));
  return { ...timeline, bankReturn: { returnDay, batchDay, receiptDay: workdayOnOrAfter(batchDay + prng.int(1, 4)) } };
}

/** The last day anything happens to the request. */
export function lastDay(timeline: RequestTimeline): Day {
  return timeline.bankReturn ? timeline.bankReturn.receiptDay : timeline.receiptDay;
}

/** Moves the whole life by `delta` days (used to place a request in a wanted state). */
export function shiftTimeline(timeline: RequestTimeline, delta: number): RequestTimeline {
  return {
    createdDay: timeline.createdDay + delta,
    submitDay: timeline.submitDay + delta,
    returned: timeline.returned && {
      step: timeline.returned.step,
      approvedDays: timeline.returned.approvedDays.map((d) => d + delta),
      day: timeline.returned.day + delta,
      resubmitDay: timeline.returned.resubmitDay + delta,
    },
    stepDays: timeline.stepDays.map((d) => d + delta),
    batchDay: timeline.batchDay + delta,
    receiptDay: timeline.receiptDay + delta,
    bankReturn: timeline.bankReturn && {
      returnDay: timeline.bankReturn.returnDay + delta,
      batchDay: timeline.bankReturn.batchDay + delta,
      receiptDay: timeline.bankReturn.receiptDay + delta,
    },
  };
}

/** The state of a real (not attempted) request at the end of `asOfDay`. */
export function statusAt(timeline: RequestTimeline, asOfDay: Day): RequestStatus {
  if (timeline.submitDay > asOfDay) return 'draft';
  const r = timeline.returned;
  if (r && r.day <= asOfDay && r.resubmitDay > asOfDay) return 'draft';
  if (r && r.day > asOfDay) return 'submitted';
  if (timeline.stepDays.some((d) => d > asOfDay)) return 'submitted';
  if (timeline.batchDay > asOfDay) return 'approved';
  if (timeline.receiptDay > asOfDay) return 'in_payment';
  const b = timeline.bankReturn;
  if (!b || b.returnDay > asOfDay) return 'paid';
  if (b.batchDay > asOfDay) return 'approved';
  if (b.receiptDay > asOfDay) return 'in_payment';
  return 'paid';
}

/** The states a placement can produce (paid is where requests end up by themselves). */
export type PlaceableStatus = 'draft' | 'submitted' | 'approved' | 'in_payment';

/**
 * Moves a paid request forward in time so that `asOfDay` falls in the wanted state: a district
 * must show every state, whatever the dice said. Only requests without a return or bank return
 * are moved, and only forward (so they stay after the certificate they pay).
 */
export function placeInState(request: RequestPlan, wanted: PlaceableStatus, asOfDay: Day): void {
  let t = request.timeline;
  if (wanted === 'draft' && t.submitDay === t.createdDay) t = { ...t, submitDay: t.createdDay + 1 };
  const anchor: Record<PlaceableStatus, Day> = {
    draft: t.createdDay,
    submitted: t.submitDay,
    approved: t.stepDays[t.stepDays.length - 1] ?? t.submitDay,
    in_payment: t.batchDay,
  };
  const delta = asOfDay - anchor[wanted];
  if (delta < 0) throw new Error('placeInState moves requests forward only');
  request.timeline = shiftTimeline(t, delta);
  request.status = statusAt(request.timeline, asOfDay);
}

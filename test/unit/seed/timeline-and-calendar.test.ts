import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf, dayText, instantAt, parseDay, weekday, workdayOnOrAfter } from '../../../electron/core/seed/calendar';
import type { RequestPlan } from '../../../electron/core/seed/model';
import { Prng } from '../../../electron/core/seed/prng';
import { makeTimeline, nextPaymentDay, placeInState, statusAt, withBankReturn, type PlaceableStatus } from '../../../electron/core/seed/request-timeline';

describe('calendar days in China time', () => {
  it('round-trips days and places instants on their China day', () => {
    const day = parseDay('2026-11-30');
    expect(dayText(day)).toBe('2026-11-30');
    expect(weekday(day)).toBe(1); // a Monday
    expect(dayOf(instantAt(day, 0))).toBe(day);
    expect(dayOf(instantAt(day, 23 * 60 + 59))).toBe(day);
    expect(weekday(workdayOnOrAfter(parseDay('2026-11-28')))).toBe(1);
    expect([2, 4]).toContain(weekday(nextPaymentDay(day)));
    expect(() => parseDay('2026-02-30')).toThrow(RangeError);
  });
});

const asRequest = (timeline: ReturnType<typeof makeTimeline>): RequestPlan => ({ timeline, status: statusAt(timeline, 0) }) as unknown as RequestPlan;

describe('a request’s life decides its state', () => {
  it('moves through the states in order as time passes', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 3 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (seed, steps, returnChance) => {
        const p = new Prng(seed);
        let timeline = makeTimeline(p, 20_000, steps, returnChance);
        if (p.chance(0.3)) timeline = withBankReturn(p, timeline);
        const order = ['draft', 'submitted', 'approved', 'in_payment', 'paid'];
        let previous = 0;
        let sawReturnToApproved = false;
        for (let day = 20_000; day < 20_120; day += 1) {
          const status = statusAt(timeline, day);
          const rank = order.indexOf(status);
          // a 退回 goes back to draft, a 退汇 back to approved; otherwise states only advance
          if (rank < previous) {
            const back = (status === 'draft' && timeline.returned !== null) || (status === 'approved' && timeline.bankReturn !== null);
            expect(back).toBe(true);
            sawReturnToApproved ||= status === 'approved';
          }
          previous = rank;
        }
        expect(statusAt(timeline, 20_200)).toBe('paid');
        if (timeline.bankReturn) expect(sawReturnToApproved).toBe(true);
      }),
    );
  });

  it('can be placed so the last day of the data falls in any unfinished state', () => {
    const wanted: PlaceableStatus[] = ['draft', 'submitted', 'approved', 'in_payment'];
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 3 }), fc.constantFrom(...wanted), (seed, steps, state) => {
        const request = asRequest(makeTimeline(new Prng(seed), 19_000, steps, 0));
        placeInState(request, state, 20_000);
        expect(request.status).toBe(state);
        expect(request.timeline.createdDay).toBeLessThanOrEqual(20_000);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { COVER_BEFORE_SLOT_MS, followingSlot, latestSlot, MAX_SLEEP_MS, scheduleDecision, type ScheduleInput } from '../../../electron/core/backup/backup-schedule';

/** Local wall-clock times, so the tests hold in any time zone the machine is set to. */
const at = (day: number, hours: number, minutes = 0) => new Date(2026, 11, day, hours, minutes, 0, 0).getTime();
const HOUR = 60 * 60 * 1000;

function input(overrides: Partial<ScheduleInput>): ScheduleInput {
  return {
    now: at(10, 9),
    enabled: true,
    timeOfDay: '02:00',
    configuredAt: at(1, 12),
    lastScheduledAt: null,
    ...overrides,
  };
}

describe('daily slots', () => {
  it('the latest slot is today once its time has come, else yesterday', () => {
    expect(latestSlot(at(10, 9), '02:00')).toBe(at(10, 2));
    expect(latestSlot(at(10, 1, 59), '02:00')).toBe(at(9, 2));
    expect(latestSlot(at(10, 2), '02:00')).toBe(at(10, 2));
    expect(latestSlot(at(1, 1), '23:30')).toBe(at(0, 23, 30)); // across a month boundary
  });

  it('the following slot is strictly after now', () => {
    expect(followingSlot(at(10, 9), '02:00')).toBe(at(11, 2));
    expect(followingSlot(at(10, 1), '02:00')).toBe(at(10, 2));
    expect(followingSlot(at(10, 2), '02:00')).toBe(at(11, 2));
  });

  it('refuses a malformed time of day', () => {
    expect(() => latestSlot(at(10, 9), '2:00')).toThrow(RangeError);
    expect(() => latestSlot(at(10, 9), '24:00')).toThrow(RangeError);
  });
});

describe('scheduleDecision', () => {
  it('does nothing while the schedule is off', () => {
    expect(scheduleDecision(input({ enabled: false }))).toEqual({ due: false, slot: null, nextRunAt: null, sleepMs: MAX_SLEEP_MS });
  });

  it('does not treat slots before the configuration as missed', () => {
    const d = scheduleDecision(input({ now: at(1, 13), configuredAt: at(1, 12) }));
    expect(d).toMatchObject({ due: false, nextRunAt: at(2, 2) });
  });

  it('runs at the slot, then not again that day', () => {
    expect(scheduleDecision(input({ now: at(10, 2), lastScheduledAt: at(9, 2) }))).toMatchObject({ due: true, slot: at(10, 2), sleepMs: 0 });
    const after = scheduleDecision(input({ now: at(10, 2, 1), lastScheduledAt: at(10, 2) }));
    expect(after).toMatchObject({ due: false, nextRunAt: at(11, 2) });
  });

  it('catches up once at start after days switched off, however many were missed', () => {
    const atStart = scheduleDecision(input({ now: at(10, 8, 30), lastScheduledAt: at(6, 2) }));
    expect(atStart).toMatchObject({ due: true, slot: at(10, 2) });
    const afterCatchUp = scheduleDecision(input({ now: at(10, 8, 31), lastScheduledAt: at(10, 8, 30) }));
    expect(afterCatchUp).toMatchObject({ due: false, nextRunAt: at(11, 2) });
  });

  it('a catch-up shortly before the slot also stands for that slot (at most one a day)', () => {
    // started at 01:00 after missing yesterday's 02:00: runs now, and not again at 02:00
    expect(scheduleDecision(input({ now: at(10, 1), lastScheduledAt: at(8, 2) }))).toMatchObject({ due: true, slot: at(9, 2) });
    const next = scheduleDecision(input({ now: at(10, 1, 1), lastScheduledAt: at(10, 1) }));
    expect(next).toMatchObject({ due: false, nextRunAt: at(11, 2) });
    expect(scheduleDecision(input({ now: at(10, 2), lastScheduledAt: at(10, 1) })).due).toBe(false);
  });

  it('the 12-hour window: an attempt from 14:00 the day before stands for 02:00, one from 13:59 does not', () => {
    expect(at(11, 2) - at(10, 14)).toBe(COVER_BEFORE_SLOT_MS);
    expect(scheduleDecision(input({ now: at(11, 2), lastScheduledAt: at(10, 14) })).due).toBe(false);
    expect(scheduleDecision(input({ now: at(11, 2), lastScheduledAt: at(10, 13, 59) })).due).toBe(true);
    // the page shows the slot after the covered one as the next run
    expect(scheduleDecision(input({ now: at(10, 21), lastScheduledAt: at(10, 20) })).nextRunAt).toBe(at(12, 2));
  });

  it('a failed scheduled attempt is not retried until the next slot', () => {
    const d = scheduleDecision(input({ now: at(10, 5), lastScheduledAt: at(10, 2) }));
    expect(d).toMatchObject({ due: false, nextRunAt: at(11, 2) });
  });

  it('sleeps until the next slot, but never more than an hour and never less than a second', () => {
    expect(scheduleDecision(input({ now: at(10, 9), lastScheduledAt: at(10, 2) })).sleepMs).toBe(HOUR);
    expect(scheduleDecision(input({ now: at(11, 1, 30), lastScheduledAt: at(10, 2) })).sleepMs).toBe(HOUR / 2);
    expect(scheduleDecision(input({ now: at(11, 2) - 10, lastScheduledAt: at(10, 2) })).sleepMs).toBe(1000);
  });
});

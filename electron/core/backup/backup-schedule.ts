/**
 * When the daily backup is due — pure, so the catch-up rules are unit-tested without timers.
 *
 * The schedule names a local time of day (e.g. 02:00). Offices switch their desktops off at
 * night, so a missed time is caught up at the next start. A slot counts as done when a scheduled
 * attempt — successful or not: a missing USB disk is reported, not retried every minute — started
 * from 12 hours before the slot onwards. Hence at most one scheduled backup a day: a catch-up at
 * 01:00 also stands for 02:00. Manual backups do not count: the nightly one still runs, so an
 * administrator's test backup in the afternoon never silently replaces it.
 */

export const COVER_BEFORE_SLOT_MS = 12 * 60 * 60 * 1000;
/** even when nothing is due, look again at least hourly (clock changes, a suspended laptop) */
export const MAX_SLEEP_MS = 60 * 60 * 1000;

export interface ScheduleInput {
  now: number;
  enabled: boolean;
  /** 'HH:MM', local time */
  timeOfDay: string;
  /** when the schedule was set: slots before it are not "missed" */
  configuredAt: number;
  /** start of the last scheduled attempt, whatever its result */
  lastScheduledAt: number | null;
}

export interface ScheduleDecision {
  due: boolean;
  /** the slot a run now would stand for (null when not due) */
  slot: number | null;
  /** when the next scheduled backup will run if nothing else happens (null when disabled) */
  nextRunAt: number | null;
  /** how long the timer may sleep before deciding again */
  sleepMs: number;
}

function parseTime(timeOfDay: string): { hours: number; minutes: number } {
  const match = /^(\d{2}):(\d{2})$/u.exec(timeOfDay);
  const hours = Number(match?.[1] ?? 'NaN');
  const minutes = Number(match?.[2] ?? 'NaN');
  if (!match || hours > 23 || minutes > 59) throw new RangeError(`time of day must be HH:MM, got ${timeOfDay}`);
  return { hours, minutes };
}

/** The time of day on the local calendar day `dayOffset` days from `now`'s day. */
function slotOn(now: number, timeOfDay: string, dayOffset: number): number {
  const { hours, minutes } = parseTime(timeOfDay);
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + dayOffset, hours, minutes, 0, 0).getTime();
}

/** The most recent slot at or before `now`. */
export function latestSlot(now: number, timeOfDay: string): number {
  const today = slotOn(now, timeOfDay, 0);
  return today <= now ? today : slotOn(now, timeOfDay, -1);
}

/** The first slot after `now`. */
export function followingSlot(now: number, timeOfDay: string): number {
  const today = slotOn(now, timeOfDay, 0);
  return today > now ? today : slotOn(now, timeOfDay, 1);
}

function covered(slot: number, input: ScheduleInput): boolean {
  if (slot <= input.configuredAt) return true;
  const last = input.lastScheduledAt;
  return last !== null && last >= slot - COVER_BEFORE_SLOT_MS;
}

export function scheduleDecision(input: ScheduleInput): ScheduleDecision {
  if (!input.enabled) return { due: false, slot: null, nextRunAt: null, sleepMs: MAX_SLEEP_MS };
  const slot = latestSlot(input.now, input.timeOfDay);
  if (!covered(slot, input)) return { due: true, slot, nextRunAt: input.now, sleepMs: 0 };
  let next = followingSlot(input.now, input.timeOfDay);
  // A scheduled attempt (a catch-up) in the 12 hours before the next slot already stands for it.
  if (covered(next, input)) next = followingSlot(next, input.timeOfDay);
  return { due: false, slot: null, nextRunAt: next, sleepMs: Math.max(1000, Math.min(next - input.now, MAX_SLEEP_MS)) };
}

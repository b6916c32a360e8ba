/**
 * Days in China's one time zone (UTC+8). Contract, due and value dates are calendar days
 * (schema DATE); timestamps are instants. The generator plans in whole days and puts each event
 * at a working-hour time of its day.
 */
const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 in China time. */
export type Day = number;

export function dayOf(ms: number): Day {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

export function parseDay(text: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${text}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) throw new RangeError(`not a real day: ${text}`);
  return Math.floor(ms / DAY_MS);
}

/** `YYYY-MM-DD` */
export function dayText(day: Day): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM` */
export function periodOf(day: Day): string {
  return dayText(day).slice(0, 7);
}

export function yearOf(day: Day): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** The instant `minuteOfDay` minutes after midnight (China time) of `day`. */
export function instantAt(day: Day, minuteOfDay: number): number {
  return day * DAY_MS + minuteOfDay * 60_000 - OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The day itself when it is Monday to Friday, else the following Monday. */
export function workdayOnOrAfter(day: Day): Day {
  const w = weekday(day);
  return w === 6 ? day + 2 : w === 0 ? day + 1 : day;
}

/** The first day of the month `months` after the month of `day` (negative goes back). */
export function monthStart(day: Day, months = 0): Day {
  const d = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1) / DAY_MS);
}

/** The first day of `year`. */
export function yearStart(year: number): Day {
  return Math.floor(Date.UTC(year, 0, 1) / DAY_MS);
}

/** Minute of the day each kind of event happens at, so events of one day keep their order. */
export const EVENT_MINUTE = {
  created: 9 * 60,
  submitted: 11 * 60,
  decision: 14 * 60,
  batchCreated: 9 * 60 + 30,
  released: 10 * 60 + 30,
  bankReturn: 10 * 60,
  receipt: 15 * 60 + 30,
  booked: 16 * 60 + 30,
} as const;

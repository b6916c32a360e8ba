/**
 * Arithmetic on calendar days written `YYYY-MM-DD` (how contracts, due dates and acceptance dates
 * are stored). Done in UTC on purpose: the text names a day in China's single time zone, and UTC
 * has no daylight saving, so adding N days never lands on the wrong day.
 */
const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/u;

export function isDayText(value: string): boolean {
  const m = DAY_PATTERN.exec(value);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === value;
}

function toMs(day: string): number {
  if (!isDayText(day)) throw new RangeError(`not a calendar day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: string, days: number): string {
  return new Date(toMs(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY_MS);
}

/** The calendar day in China (UTC+8) of an instant. */
export function chinaDayOf(instantMs: number): string {
  return new Date(instantMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

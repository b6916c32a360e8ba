/**
 * Dates as Chinese offices write them: YYYY-MM-DD (and HH:mm:ss where the time matters), in the
 * desktop's local time zone, independent of the UI language.
 */
function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${formatDate(epochMs)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The first characters of a hash: enough to compare by eye, the full value is in the tooltip. */
export function shortHash(hash: string, length = 12): string {
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

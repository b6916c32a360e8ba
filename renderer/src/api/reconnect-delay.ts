/**
 * Back-off between reconnect attempts to the local core: quick at first (the host is usually just
 * restarting), then capped so a stopped host is retried every few seconds without spinning.
 */
export function reconnectDelayMs(attempt: number, baseMs = 500, maxMs = 8000): number {
  const exponent = Math.max(0, Math.min(attempt, 16));
  return Math.min(maxMs, baseMs * 2 ** exponent);
}

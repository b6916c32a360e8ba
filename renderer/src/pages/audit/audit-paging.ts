/**
 * Paging through the audit chain newest-first by `beforeSeq` (the chain is append-only, so a
 * cursor stays valid while new events arrive at the top). The stack holds the cursor of every
 * page visited; `undefined` is the newest page.
 */
export type CursorStack = readonly (number | undefined)[];

export const NEWEST: CursorStack = [undefined];

export function currentCursor(stack: CursorStack): number | undefined {
  return stack[stack.length - 1];
}

/** The cursor of the next older page, or null when this page already reaches the chain's start. */
export function olderCursor(events: readonly { seq: number }[], limit: number): number | null {
  const last = events[events.length - 1];
  if (!last || events.length < limit || last.seq <= 0) return null;
  return last.seq;
}

export function pushOlder(stack: CursorStack, cursor: number): CursorStack {
  return [...stack, cursor];
}

export function popNewer(stack: CursorStack): CursorStack {
  return stack.length > 1 ? stack.slice(0, -1) : NEWEST;
}

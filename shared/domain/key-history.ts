/**
 * A user's SM2 public keys over time. A password reset makes a new key pair (the old private key
 * is sealed under a password nobody knows any more), so a signature is verified with the key that
 * was valid when it was made: `validFrom` inclusive, `validTo` exclusive, null = still valid.
 */
export interface KeyHistoryEntry {
  publicKey: string;
  validFrom: number;
  validTo: number | null;
}

/** The history of a new account: one key, valid from its creation. */
export function startKeyHistory(publicKey: string, at: number): KeyHistoryEntry[] {
  return [{ publicKey, validFrom: at, validTo: null }];
}

/** Closes every still-open entry at `at` and appends the new key; never edits the input. */
export function rotateKey(history: readonly KeyHistoryEntry[], publicKey: string, at: number): KeyHistoryEntry[] {
  const closed = history.map((entry) => (entry.validTo === null ? { ...entry, validTo: at } : { ...entry }));
  return [...closed, { publicKey, validFrom: at, validTo: null }];
}

/** The key that was valid at `at`, or null when none was (before the account existed). */
export function keyValidAt(history: readonly KeyHistoryEntry[], at: number): string | null {
  const entry = history.find((e) => e.validFrom <= at && (e.validTo === null || at < e.validTo));
  return entry ? entry.publicKey : null;
}

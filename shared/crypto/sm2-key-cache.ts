import { sm2 } from 'sm-crypto-v2';

/**
 * Precomputed multiples of recently used SM2 public keys, for verification.
 *
 * Verifying computes s·G + t·P. G has built-in precomputed tables, P does not, so P·t dominates.
 * A window-4 table for P costs about as much as one or two verifications and then makes each
 * verification ~4× faster — a clear win for the audit chain and approval history, where thousands
 * of signatures share a handful of device and user keys, and a loss for a key seen once. So a key
 * is precomputed on its second use, and at most MAX_KEYS tables (~80 KB each) are kept, least
 * recently used evicted first. Public keys are not secret, so caching them leaks nothing.
 */

export type Sm2VerificationKey = ReturnType<typeof sm2.precomputePublicKey>;

const MAX_KEYS = 64;
const WINDOW_BITS = 4;

/** Map iteration order is insertion order: re-inserting on use makes the first entry the LRU one. */
const cache = new Map<string, Sm2VerificationKey | 'seen-once'>();

/** `publicKeyHex` must already be validated and normalised (lower case, uncompressed or compressed). */
export function verificationKeyFor(publicKeyHex: string): string | Sm2VerificationKey {
  const entry = cache.get(publicKeyHex);
  if (entry !== undefined) cache.delete(publicKeyHex);
  let result: string | Sm2VerificationKey = publicKeyHex;
  if (entry === undefined) cache.set(publicKeyHex, 'seen-once');
  else {
    const point = entry === 'seen-once' ? sm2.precomputePublicKey(publicKeyHex, WINDOW_BITS) : entry;
    cache.set(publicKeyHex, point);
    result = point;
  }
  if (cache.size > MAX_KEYS) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return result;
}

/** For tests and benchmarks. */
export function clearSm2KeyCache(): void {
  cache.clear();
}

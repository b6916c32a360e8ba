/**
 * Cryptographically secure random bytes from Web Crypto, which Node ≥ 20, browsers and Electron all
 * expose as `globalThis.crypto` — so this module imports nothing from `node:crypto`.
 */

/** getRandomValues refuses more than 65,536 bytes per call (QuotaExceededError). */
const MAX_CHUNK = 65_536;

export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError('length must be a non-negative integer');
  const webCrypto = globalThis.crypto;
  if (webCrypto === undefined || typeof webCrypto.getRandomValues !== 'function') {
    // Never fall back to Math.random: keys and IVs from a weak source are worse than no feature.
    throw new Error('no cryptographically secure random source (globalThis.crypto) is available');
  }
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += MAX_CHUNK) {
    webCrypto.getRandomValues(out.subarray(offset, Math.min(length, offset + MAX_CHUNK)));
  }
  return out;
}

/**
 * Byte helpers that behave the same in Node, the browser and Electron's renderer: TextEncoder and
 * TextDecoder are globals in all three, so nothing here touches Buffer.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const encoder = new TextEncoder();
// fatal: bytes that are not UTF-8 are an error, not U+FFFD — silently "repairing" a decrypted or
// signed text would hide corruption.
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Lower-case hex, two characters per byte. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b] ?? '';
  return out;
}

/** Strict: even length and only [0-9a-fA-F]; anything else throws RangeError (no silent '0' pad). */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new RangeError('hex string must have an even length');
  if (!/^[0-9a-fA-F]*$/u.test(hex)) throw new RangeError('hex string contains a non-hex character');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function utf8ToBytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Throws TypeError when the bytes are not valid UTF-8. */
export function bytesToUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Strings are UTF-8; byte arrays pass through. The one rule for every `string | Uint8Array` input. */
export function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? utf8ToBytes(data) : data;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Equality whose running time depends only on the lengths, not on where the first difference is,
 * so comparing a MAC or token does not leak how many leading bytes an attacker got right.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

import { sm3 } from 'sm-crypto-v2';
import { hexToBytes, toBytes } from './bytes';

/**
 * SM3 (GB/T 32905-2016), 256-bit hash, and HMAC-SM3 (RFC 2104 construction with SM3; the vectors
 * of GM/T 0042-2015 appendix D.3 are in the tests). Strings are hashed as UTF-8 — including HMAC
 * keys, whereas sm-crypto-v2 itself reads a string key as hex; we convert before calling it so a
 * string means the same thing everywhere in this module.
 */

export function sm3Hex(data: string | Uint8Array): string {
  return sm3(toBytes(data));
}

export function sm3Bytes(data: string | Uint8Array): Uint8Array {
  return hexToBytes(sm3Hex(data));
}

export function hmacSm3Hex(key: string | Uint8Array, data: string | Uint8Array): string {
  return sm3(toBytes(data), { key: toBytes(key), mode: 'hmac' });
}

export function hmacSm3Bytes(key: string | Uint8Array, data: string | Uint8Array): Uint8Array {
  return hexToBytes(hmacSm3Hex(key, data));
}

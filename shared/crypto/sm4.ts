import { sm4 } from 'sm-crypto-v2';
import { toBytes } from './bytes';
import { CryptoIntegrityError } from './errors';
import { randomBytes } from './random';

/**
 * SM4 (GB/T 32907-2016), 128-bit block cipher, over sm-crypto-v2.
 *
 * - CBC with PKCS#7 padding, for interchange with systems that speak SM4-CBC. CBC alone is
 *   malleable and its padding check is an oracle: do not use it for data that must not be
 *   tampered with unless a MAC covers the ciphertext. Prefer GCM.
 * - GCM (NIST SP 800-38D with SM4, as in RFC 8998 / GB/T 36624) for authenticated encryption:
 *   12-byte IV, 16-byte tag, optional associated data.
 *
 * We pad and unpad ourselves and call the library with padding 'none': its own PKCS#7 check
 * accepts a pad byte of 0 and silently ignores a trailing partial block. Likewise its GCM only
 * verifies the tag when one is passed and compares short tags only partially, so we insist on
 * exactly 16 bytes.
 */

export const SM4_KEY_BYTES = 16;
export const SM4_BLOCK_BYTES = 16;
export const SM4_GCM_IV_BYTES = 12;
export const SM4_GCM_TAG_BYTES = 16;

function requireBytes(value: Uint8Array, length: number, what: string): void {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    throw new RangeError(`${what} must be a Uint8Array of ${length} bytes`);
  }
}

export function generateSm4Key(): Uint8Array {
  return randomBytes(SM4_KEY_BYTES);
}

/**
 * One raw block (ECB, no padding). Exposed for the standard's known-answer tests only: ECB leaks
 * equal blocks, so never encrypt data with it.
 */
export function sm4EncryptBlock(block: Uint8Array, key: Uint8Array): Uint8Array {
  requireBytes(block, SM4_BLOCK_BYTES, 'SM4 block');
  requireBytes(key, SM4_KEY_BYTES, 'SM4 key');
  return sm4.encrypt(block, key, { mode: 'ecb', padding: 'none', output: 'array' });
}

function pkcs7Pad(data: Uint8Array): Uint8Array {
  const pad = SM4_BLOCK_BYTES - (data.length % SM4_BLOCK_BYTES); // 1..16: always at least one byte
  const out = new Uint8Array(data.length + pad);
  out.set(data);
  out.fill(pad, data.length);
  return out;
}

function pkcs7Unpad(data: Uint8Array): Uint8Array {
  const pad = data[data.length - 1] ?? 0;
  if (pad < 1 || pad > SM4_BLOCK_BYTES || pad > data.length) throw new CryptoIntegrityError();
  let bad = 0;
  for (let i = data.length - pad; i < data.length; i += 1) bad |= (data[i] ?? 0) ^ pad;
  if (bad !== 0) throw new CryptoIntegrityError();
  return data.slice(0, data.length - pad);
}

/** SM4-CBC with PKCS#7 padding; the output is always 1–16 bytes longer than the input. */
export function sm4EncryptCbc(plaintext: string | Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  requireBytes(key, SM4_KEY_BYTES, 'SM4 key');
  requireBytes(iv, SM4_BLOCK_BYTES, 'SM4-CBC IV');
  return sm4.encrypt(pkcs7Pad(toBytes(plaintext)), key, { mode: 'cbc', iv, padding: 'none', output: 'array' });
}

/** Inverse of sm4EncryptCbc; CryptoIntegrityError on a bad length or bad padding. */
export function sm4DecryptCbc(ciphertext: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  requireBytes(key, SM4_KEY_BYTES, 'SM4 key');
  requireBytes(iv, SM4_BLOCK_BYTES, 'SM4-CBC IV');
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length === 0 || ciphertext.length % SM4_BLOCK_BYTES !== 0) {
    throw new CryptoIntegrityError('SM4 密文长度不正确');
  }
  const padded = sm4.decrypt(ciphertext, key, { mode: 'cbc', iv, padding: 'none', output: 'array' });
  return pkcs7Unpad(padded);
}

export interface Sm4GcmResult {
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

/**
 * SM4-GCM. The IV must be 12 bytes and must never repeat under one key (a repeat reveals the XOR
 * of two plaintexts and the authentication key) — use `sealSm4`, which draws a random one.
 */
export function sm4GcmEncrypt(
  plaintext: string | Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
  associatedData: Uint8Array = new Uint8Array(0),
): Sm4GcmResult {
  requireBytes(key, SM4_KEY_BYTES, 'SM4 key');
  requireBytes(iv, SM4_GCM_IV_BYTES, 'SM4-GCM IV');
  const { output, tag } = sm4.encrypt(toBytes(plaintext), key, {
    mode: 'gcm',
    iv,
    associatedData,
    output: 'array',
    outputTag: true,
  });
  if (tag === undefined || tag.length !== SM4_GCM_TAG_BYTES) throw new Error('SM4-GCM produced no tag');
  return { ciphertext: output, tag };
}

/** Verifies the tag (constant time, before decrypting) and decrypts; CryptoIntegrityError if not authentic. */
export function sm4GcmDecrypt(
  ciphertext: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
  tag: Uint8Array,
  associatedData: Uint8Array = new Uint8Array(0),
): Uint8Array {
  requireBytes(key, SM4_KEY_BYTES, 'SM4 key');
  if (!(ciphertext instanceof Uint8Array)) throw new CryptoIntegrityError();
  if (!(iv instanceof Uint8Array) || iv.length !== SM4_GCM_IV_BYTES) throw new CryptoIntegrityError();
  if (!(tag instanceof Uint8Array) || tag.length !== SM4_GCM_TAG_BYTES) throw new CryptoIntegrityError();
  try {
    return sm4.decrypt(ciphertext, key, { mode: 'gcm', iv, associatedData, tag, output: 'array' });
  } catch {
    throw new CryptoIntegrityError();
  }
}

import { concatBytes, toBytes } from './bytes';
import { CryptoIntegrityError } from './errors';
import { randomBytes } from './random';
import { SM4_GCM_IV_BYTES, SM4_GCM_TAG_BYTES, sm4GcmDecrypt, sm4GcmEncrypt } from './sm4';

/**
 * The one call to use for "encrypt this so nobody can read or alter it": SM4-GCM with a fresh
 * random 96-bit IV per message. Random IVs are safe for up to 2^32 messages per key (SP 800-38D
 * §8.3), far beyond what one office produces.
 *
 * Optional associated data (e.g. the record id) is authenticated but not stored: opening with a
 * different value fails, which stops a sealed value from being copied onto another record.
 *
 * `encodeSealedBox` gives a single byte string for a database column or file:
 *   0x01 (format version) ‖ IV (12) ‖ ciphertext ‖ tag (16)        — 29 bytes of overhead
 * The version byte lets a later release change algorithm or layout without guessing.
 */

export interface SealedBox {
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

const FORMAT_V1 = 0x01;
const HEADER_BYTES = 1 + SM4_GCM_IV_BYTES;
export const SEALED_OVERHEAD_BYTES = HEADER_BYTES + SM4_GCM_TAG_BYTES;

function aadBytes(associatedData: string | Uint8Array | undefined): Uint8Array {
  return associatedData === undefined ? new Uint8Array(0) : toBytes(associatedData);
}

export function sealSm4(
  plaintext: string | Uint8Array,
  key: Uint8Array,
  associatedData?: string | Uint8Array,
): SealedBox {
  const iv = randomBytes(SM4_GCM_IV_BYTES);
  const { ciphertext, tag } = sm4GcmEncrypt(plaintext, key, iv, aadBytes(associatedData));
  return { iv, ciphertext, tag };
}

/**
 * Throws CryptoIntegrityError if anything — IV, ciphertext, tag, associated data, key — differs;
 * RangeError only for a key that is not 16 bytes (a programming error, not bad data).
 */
export function openSm4(box: SealedBox, key: Uint8Array, associatedData?: string | Uint8Array): Uint8Array {
  if (typeof box !== 'object' || box === null) throw new CryptoIntegrityError();
  return sm4GcmDecrypt(box.ciphertext, key, box.iv, box.tag, aadBytes(associatedData));
}

export function encodeSealedBox(box: SealedBox): Uint8Array {
  if (box.iv.length !== SM4_GCM_IV_BYTES || box.tag.length !== SM4_GCM_TAG_BYTES) {
    throw new RangeError('sealed box must have a 12-byte IV and a 16-byte tag');
  }
  return concatBytes(Uint8Array.of(FORMAT_V1), box.iv, box.ciphertext, box.tag);
}

/** Inverse of encodeSealedBox; CryptoIntegrityError if too short or of an unknown version. */
export function decodeSealedBox(bytes: Uint8Array): SealedBox {
  if (!(bytes instanceof Uint8Array) || bytes.length < SEALED_OVERHEAD_BYTES || bytes[0] !== FORMAT_V1) {
    throw new CryptoIntegrityError('加密数据格式不正确或版本不受支持');
  }
  const tagStart = bytes.length - SM4_GCM_TAG_BYTES;
  return {
    iv: bytes.slice(1, HEADER_BYTES),
    ciphertext: bytes.slice(HEADER_BYTES, tagStart),
    tag: bytes.slice(tagStart),
  };
}

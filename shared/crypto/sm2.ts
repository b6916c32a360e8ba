import { sm2 } from 'sm-crypto-v2';
import { toBytes } from './bytes';
import { CryptoIntegrityError } from './errors';
import { verificationKeyFor } from './sm2-key-cache';

/**
 * SM2 (GB/T 32918-2016) over sm-crypto-v2, whose noble-curves arithmetic signs ~28× and verifies
 * ~5× faster than `sm-crypto` (see test/bench/crypto.bench.ts) while producing the same signatures.
 *
 * Formats — chosen to be interchangeable with `sm-crypto`'s defaults, which most Chinese JS code and
 * many back ends expect:
 *  - private key: 64 lower-case hex characters (the scalar d, 1 ≤ d ≤ n−2);
 *  - public key: uncompressed `04‖x‖y`, 130 hex; compressed `02/03‖x` and bare `x‖y` are accepted;
 *  - signature: raw `r‖s`, 128 hex (each 32 bytes, left-padded), NOT DER. Fixed length makes it easy
 *    to store and compare, and avoids the lax DER parsing of both JS libraries. A DER
 *    `SM2Signature ::= SEQUENCE { r INTEGER, s INTEGER }` (GB/T 35276) for a USB key or CA can be
 *    built from r and s at that boundary.
 *  - the signed digest is e = SM3(Z_A ‖ M) with Z_A over the default user id '1234567812345678'
 *    (GB/T 35276-2017 §5.2 / GM/T 0009), i.e. sm-crypto's `{ hash: true, der: false }`;
 *  - ciphertext: C1‖C3‖C2 in hex (the order of GB/T 32918.4-2016). C1 is written as bare x‖y, as
 *    sm-crypto does; `{ c1Prefix04: true }` writes the `04` point prefix of the standard's encoding
 *    (what GmSSL, BouncyCastle and the standard's own example use). Decryption accepts both.
 */

export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** Order n of the SM2 base point. */
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const C1C3C2 = 1;

export interface Sm2KeyPair {
  /** Uncompressed, `04` + 128 hex. */
  publicKey: string;
  /** 64 hex. */
  privateKey: string;
}

export interface Sm2SignOptions {
  /** Signer identity for Z_A. Default '1234567812345678'. */
  userId?: string;
  /** The signer's public key; saves one scalar multiplication per signature when given. */
  publicKey?: string;
}

export interface Sm2VerifyOptions {
  userId?: string;
}

export interface Sm2EncryptOptions {
  /** Prefix C1 with `04` (GB/T 32918 point encoding). Default false (sm-crypto layout). */
  c1Prefix04?: boolean;
}

function normalizePrivateKey(privateKey: string): string {
  if (typeof privateKey !== 'string' || !/^[0-9a-fA-F]{64}$/u.test(privateKey)) {
    throw new RangeError('SM2 private key must be 64 hex characters');
  }
  const d = BigInt(`0x${privateKey}`);
  if (d < 1n || d > N - 2n) throw new RangeError('SM2 private key is out of range [1, n-2]');
  return privateKey.toLowerCase();
}

/** Canonical hex of a valid public key (a point on the curve, not infinity), or null. */
function normalizePublicKey(publicKey: string): string | null {
  if (typeof publicKey !== 'string') return null;
  let hex = publicKey.toLowerCase();
  if (/^[0-9a-f]{128}$/u.test(hex)) hex = `04${hex}`;
  const shapeOk = /^04[0-9a-f]{128}$/u.test(hex) || /^0[23][0-9a-f]{64}$/u.test(hex);
  if (!shapeOk) return null;
  try {
    return sm2.verifyPublicKey(hex) ? hex : null;
  } catch {
    return null;
  }
}

function requirePublicKey(publicKey: string): string {
  const hex = normalizePublicKey(publicKey);
  if (hex === null) throw new RangeError('SM2 public key is not a valid point on the curve');
  return hex;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  return { publicKey: publicKey.toLowerCase(), privateKey: privateKey.toLowerCase() };
}

/** The uncompressed public key (`04…`) of a private key. */
export function sm2PublicKeyFromPrivate(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(normalizePrivateKey(privateKey)).toLowerCase();
}

/** Signs SM3(Z_A ‖ message); strings are UTF-8. Returns raw r‖s, 128 lower-case hex. */
export function sm2Sign(message: string | Uint8Array, privateKey: string, options: Sm2SignOptions = {}): string {
  const d = normalizePrivateKey(privateKey);
  const publicKey = options.publicKey === undefined ? undefined : requirePublicKey(options.publicKey);
  return sm2
    .doSignature(toBytes(message), d, {
      hash: true,
      der: false,
      userId: options.userId ?? SM2_DEFAULT_USER_ID,
      ...(publicKey === undefined ? {} : { publicKey }),
    })
    .toLowerCase();
}

/**
 * True only for a valid signature. Never throws: a malformed signature, an invalid public key or
 * a non-string message all answer false, so callers cannot turn bad input into a crash. Also
 * enforces 1 ≤ r, s ≤ n−1 (GB/T 32918.2 §7.1 B1–B2), which sm-crypto-v2 does not check.
 * Keys verified repeatedly get a precomputed table (see sm2-key-cache.ts).
 */
export function sm2Verify(
  message: string | Uint8Array,
  signatureHex: string,
  publicKey: string,
  options: Sm2VerifyOptions = {},
): boolean {
  try {
    if (typeof message !== 'string' && !(message instanceof Uint8Array)) return false;
    if (typeof signatureHex !== 'string' || !/^[0-9a-fA-F]{128}$/u.test(signatureHex)) return false;
    const r = BigInt(`0x${signatureHex.slice(0, 64)}`);
    const s = BigInt(`0x${signatureHex.slice(64)}`);
    if (r < 1n || r >= N || s < 1n || s >= N) return false;
    const key = normalizePublicKey(publicKey);
    if (key === null) return false;
    return sm2.doVerifySignature(toBytes(message), signatureHex.toLowerCase(), verificationKeyFor(key), {
      hash: true,
      der: false,
      userId: options.userId ?? SM2_DEFAULT_USER_ID,
    });
  } catch {
    return false;
  }
}

/** SM2 public-key encryption, C1‖C3‖C2 hex. Strings are UTF-8. */
export function sm2Encrypt(
  plaintext: string | Uint8Array,
  publicKey: string,
  options: Sm2EncryptOptions = {},
): string {
  const cipher = sm2.doEncrypt(toBytes(plaintext), requirePublicKey(publicKey), C1C3C2).toLowerCase();
  return options.c1Prefix04 === true ? `04${cipher}` : cipher;
}

/**
 * Decrypts C1‖C3‖C2 hex (with or without the `04` prefix on C1). Throws CryptoIntegrityError when
 * the C3 hash does not match (tampered data or the wrong key) or the ciphertext is malformed.
 */
export function sm2Decrypt(ciphertextHex: string, privateKey: string): Uint8Array {
  const d = normalizePrivateKey(privateKey);
  if (typeof ciphertextHex !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/u.test(ciphertextHex)) {
    throw new CryptoIntegrityError('SM2 密文格式不正确');
  }
  const hex = ciphertextHex.toLowerCase();
  // Try the sm-crypto layout first, then without a leading 04. The layouts cannot be told apart
  // by looking (x may start with byte 04), but C3 = SM3(x2‖M‖y2) only matches for the right one.
  const candidates = hex.startsWith('04') ? [hex, hex.slice(2)] : [hex];
  for (const candidate of candidates) {
    if (candidate.length < 128 + 64) continue;
    try {
      const out: unknown = sm2.doDecrypt(candidate, d, C1C3C2, { output: 'array' });
      // On a C3 mismatch sm-crypto-v2 returns [] (a plain Array), on success a Uint8Array.
      if (out instanceof Uint8Array) return out;
    } catch {
      // C1 not on the curve, or similar: try the other layout, then fail below.
    }
  }
  throw new CryptoIntegrityError();
}

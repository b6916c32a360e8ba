import { randomBytes as nodeRandomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { bytesToHex, concatBytes, constantTimeEqual, hexToBytes, randomBytes, utf8ToBytes } from '../../../shared/crypto';
import { hmacSm3Fast } from '../../../shared/crypto/sm3-fast';
import { sm4RoundKeys } from '../../../shared/crypto/sm4-fast';
import type { KdfParams } from './backup-format';

/**
 * Keys of the backup files.
 *
 *   master  = scrypt(passphrase, kdf.salt, N=2^15, r=8, p=1) → 32 bytes, once per passphrase
 *   per backup, with a fresh random 16-byte backupSalt:
 *   encKey  = HMAC-SM3(master, "GPBAK enc"   ‖ backupSalt)[0..16)   SM4 key
 *   macKey  = HMAC-SM3(master, "GPBAK mac"   ‖ backupSalt)          HMAC-SM3 key
 *   check   = HMAC-SM3(master, "GPBAK check" ‖ backupSalt)[0..16)   stored in the header
 *
 * The check value lets a restore say "wrong passphrase" instead of "damaged file" before it
 * reads a single chunk. It offers an attacker nothing the first chunk would not (a known SQLite
 * header), and each guess still costs one scrypt.
 *
 * Trade-off (documented for the administrator, see README): the daily backup runs with nobody
 * present, so the core keeps `master` in the `settings` collection of the live database. Whoever
 * can read the live database file can therefore decrypt the backups — but that person can already
 * read the data itself. What the encryption protects is the copies that leave the machine (USB
 * disk, network share, the province's archive). The passphrase itself is never stored; restoring
 * on a new machine after the disk is lost needs only the passphrase and the file, because the KDF
 * salt and parameters travel in every backup's header.
 */

export const KDF_DEFAULTS = { N: 1 << 15, r: 8, p: 1 } as const;

const LABEL_ENC = utf8ToBytes('GPBAK enc');
const LABEL_MAC = utf8ToBytes('GPBAK mac');
const LABEL_CHECK = utf8ToBytes('GPBAK check');
const LABEL_KEY_ID = utf8ToBytes('GPBAK key id');

export function newKdfParams(): KdfParams {
  return { alg: 'scrypt', ...KDF_DEFAULTS, salt: nodeRandomBytes(16).toString('hex') };
}

export function deriveMasterKey(passphrase: string, kdf: KdfParams): Promise<Uint8Array> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + (1 << 20) };
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'hex'), 32, options, (error, key) =>
      error ? reject(error) : resolve(new Uint8Array(key)),
    );
  });
}

/** A short fingerprint of the master key, shown in the UI and stored in every header. */
export function keyIdOf(master: Uint8Array): string {
  return bytesToHex(hmacSm3Fast(master, LABEL_KEY_ID).subarray(0, 8));
}

export interface BackupKeys {
  encRoundKeys: Int32Array;
  macKey: Uint8Array;
  check: Uint8Array;
}

export function backupKeys(master: Uint8Array, backupSalt: Uint8Array): BackupKeys {
  const enc = hmacSm3Fast(master, LABEL_ENC, backupSalt).subarray(0, 16);
  return {
    encRoundKeys: sm4RoundKeys(enc),
    macKey: hmacSm3Fast(master, LABEL_MAC, backupSalt),
    check: hmacSm3Fast(master, LABEL_CHECK, backupSalt).subarray(0, 16),
  };
}

export function checkMatches(keys: BackupKeys, storedCheckHex: string): boolean {
  return constantTimeEqual(keys.check, hexToBytes(storedCheckHex));
}

/** Fresh per-backup randomness: a salt for the subkeys and a nonce for the CTR counters. */
export function newBackupSalts(): { backupSalt: Uint8Array; nonce: Uint8Array } {
  return { backupSalt: randomBytes(16), nonce: randomBytes(8) };
}

/** CTR counter block of one chunk: nonce (8) ‖ chunk index (4) ‖ block number starting at 0 (4). */
export function chunkCounter(nonce: Uint8Array, index: number): Uint8Array {
  const counter = concatBytes(nonce, new Uint8Array(8));
  counter[8] = index >>> 24;
  counter[9] = index >>> 16;
  counter[10] = index >>> 8;
  counter[11] = index;
  return counter;
}

import { AppError } from '../errors/app-error';

/**
 * Thrown when authenticated decryption fails: a GCM tag or SM2 C3 hash does not match, a CBC
 * padding is wrong, or a ciphertext is malformed. One type for all of them on purpose — telling a
 * caller (or an attacker) *which* check failed turns decryption into an oracle. Programming errors
 * (a 15-byte key, a 10-byte IV passed to encrypt) are RangeErrors instead, never this.
 */
export class CryptoIntegrityError extends AppError {
  constructor(message?: string) {
    super('INTEGRITY_CHECK_FAILED', message);
    this.name = 'CryptoIntegrityError';
  }
}

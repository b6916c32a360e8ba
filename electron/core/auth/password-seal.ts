import { randomBytes } from 'node:crypto';
import { bytesToHex, decodeSealedBox, encodeSealedBox, hexToBytes, openSm4, sealSm4 } from '../../../shared/crypto';
import { deriveWrappingKey } from './password-hashing';

const SCHEME = 'sm4seal-v1';

/**
 * Seals secret bytes (a private key, the installation's data key) under a key derived from a
 * password with scrypt and a fresh salt; SM4-GCM detects a wrong password or any tampering.
 * Format: `sm4seal-v1$<salt hex>$<sealed box hex>`.
 */
export async function sealWithPassword(secret: Uint8Array, password: string, associatedData: string): Promise<string> {
  const salt = randomBytes(16).toString('hex');
  const key = await deriveWrappingKey(password, salt);
  return [SCHEME, salt, bytesToHex(encodeSealedBox(sealSm4(secret, key, associatedData)))].join('$');
}

/** Throws CryptoIntegrityError when the password is wrong or the sealed text was altered. */
export async function openWithPassword(sealed: string, password: string, associatedData: string): Promise<Uint8Array> {
  const [scheme, salt, boxHex] = sealed.split('$');
  if (scheme !== SCHEME || !salt || !boxHex) throw new Error('unknown sealing scheme');
  const key = await deriveWrappingKey(password, salt);
  return openSm4(decodeSealedBox(hexToBytes(boxHex)), key, associatedData);
}

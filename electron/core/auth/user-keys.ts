import { randomBytes } from 'node:crypto';
import {
  bytesToHex,
  bytesToUtf8,
  decodeSealedBox,
  encodeSealedBox,
  generateSm2KeyPair,
  hexToBytes,
  openSm4,
  sealSm4,
  utf8ToBytes,
} from '../../../shared/crypto';
import { deriveWrappingKey } from './password-hashing';

/**
 * Each user's SM2 signing key (for approvals) is made on the device; the private half is kept
 * only SM4-sealed under a key derived from the user's password, so it is unlocked by signing in
 * with that password and by nothing else.
 */
export interface UserKeys {
  publicKey: string;
  wrappedPrivateKey: string;
}

async function wrap(privateKey: string, password: string): Promise<string> {
  const salt = randomBytes(16).toString('hex');
  const key = await deriveWrappingKey(password, salt);
  const sealed = sealSm4(utf8ToBytes(privateKey), key);
  return ['sm4seal-v1', salt, bytesToHex(encodeSealedBox(sealed))].join('$');
}

export async function createUserKeys(password: string): Promise<UserKeys> {
  const pair = generateSm2KeyPair();
  return { publicKey: pair.publicKey, wrappedPrivateKey: await wrap(pair.privateKey, password) };
}

export async function unwrapPrivateKey(wrapped: string, password: string): Promise<string> {
  const [scheme, salt, sealedHex] = wrapped.split('$');
  if (scheme !== 'sm4seal-v1' || !salt || !sealedHex) throw new Error('unknown key wrapping');
  const key = await deriveWrappingKey(password, salt);
  return bytesToUtf8(openSm4(decodeSealedBox(hexToBytes(sealedHex)), key));
}

/** After a password change the same private key is sealed under the new password. */
export async function rewrapPrivateKey(wrapped: string, oldPassword: string, newPassword: string): Promise<string> {
  return wrap(await unwrapPrivateKey(wrapped, oldPassword), newPassword);
}

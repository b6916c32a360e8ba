import { bytesToUtf8, generateSm2KeyPair, utf8ToBytes } from '../../../shared/crypto';
import { openWithPassword, sealWithPassword } from './password-seal';

/**
 * Each user's SM2 signing key (for approvals) is made on the device; the private half is kept
 * only SM4-sealed under a key derived from the user's password, so it is unlocked by signing in
 * with that password and by nothing else.
 */
export interface UserKeys {
  publicKey: string;
  wrappedPrivateKey: string;
}

const PURPOSE = 'govpay:user-signing-key';

function wrap(privateKey: string, password: string): Promise<string> {
  return sealWithPassword(utf8ToBytes(privateKey), password, PURPOSE);
}

export async function createUserKeys(password: string): Promise<UserKeys> {
  const pair = generateSm2KeyPair();
  return { publicKey: pair.publicKey, wrappedPrivateKey: await wrap(pair.privateKey, password) };
}

export async function unwrapPrivateKey(wrapped: string, password: string): Promise<string> {
  return bytesToUtf8(await openWithPassword(wrapped, password, PURPOSE));
}

/** After a password change the same private key is sealed under the new password. */
export async function rewrapPrivateKey(wrapped: string, oldPassword: string, newPassword: string): Promise<string> {
  return wrap(await unwrapPrivateKey(wrapped, oldPassword), newPassword);
}

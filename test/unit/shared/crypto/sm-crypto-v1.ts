import { createRequire } from 'node:module';

/**
 * The original `sm-crypto` (0.5.x), loaded for tests and the benchmark only, as the reference our
 * sm-crypto-v2-based module must interoperate with. It ships no types, so we describe the part we
 * use here instead of adding an ambient `declare module` that would leak into the whole project.
 */
export interface SmCryptoV1 {
  sm2: {
    generateKeyPairHex(): { privateKey: string; publicKey: string };
    getPublicKeyFromPrivateKey(privateKey: string): string;
    doSignature(
      msg: string | number[] | Uint8Array,
      privateKey: string,
      options?: { hash?: boolean; der?: boolean; userId?: string; publicKey?: string },
    ): string;
    doVerifySignature(
      msg: string | number[] | Uint8Array,
      signHex: string,
      publicKey: string,
      options?: { hash?: boolean; der?: boolean; userId?: string },
    ): boolean;
    doEncrypt(msg: string | number[] | Uint8Array, publicKey: string, cipherMode?: 0 | 1): string;
    doDecrypt(
      encryptData: string,
      privateKey: string,
      cipherMode?: 0 | 1,
      options?: { output?: 'string' | 'array' },
    ): string | number[];
  };
  sm3(input: string | number[] | Uint8Array, options?: { key: string | number[]; mode?: 'hmac' }): string;
  sm4: {
    encrypt(input: string | number[] | Uint8Array, key: string | number[], options?: SmCryptoV1Sm4Options): string | number[];
    decrypt(input: string | number[] | Uint8Array, key: string | number[], options?: SmCryptoV1Sm4Options): string | number[];
  };
}

export interface SmCryptoV1Sm4Options {
  padding?: 'pkcs#7' | 'pkcs#5' | 'none';
  mode?: 'cbc' | 'ecb';
  iv?: string | number[];
  output?: 'string' | 'array';
}

const require = createRequire(import.meta.url);

export const smCryptoV1 = require('sm-crypto') as SmCryptoV1;

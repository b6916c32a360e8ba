export { bytesToHex, bytesToUtf8, concatBytes, constantTimeEqual, hexToBytes, toBytes, utf8ToBytes } from './bytes';
export { randomBytes } from './random';
export { CryptoIntegrityError } from './errors';
export { hmacSm3Bytes, hmacSm3Hex, sm3Bytes, sm3Hex } from './sm3';
export {
  SM2_DEFAULT_USER_ID,
  generateSm2KeyPair,
  sm2Decrypt,
  sm2Encrypt,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2Verify,
  type Sm2EncryptOptions,
  type Sm2KeyPair,
  type Sm2SignOptions,
  type Sm2VerifyOptions,
} from './sm2';
export { clearSm2KeyCache } from './sm2-key-cache';
export {
  SM4_BLOCK_BYTES,
  SM4_GCM_IV_BYTES,
  SM4_GCM_TAG_BYTES,
  SM4_KEY_BYTES,
  generateSm4Key,
  sm4DecryptCbc,
  sm4EncryptBlock,
  sm4EncryptCbc,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
  type Sm4GcmResult,
} from './sm4';
export {
  SEALED_OVERHEAD_BYTES,
  decodeSealedBox,
  encodeSealedBox,
  openSm4,
  sealSm4,
  type SealedBox,
} from './sealed-box';

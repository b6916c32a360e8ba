import { decodeSealedBox, encodeSealedBox, openSm4, sealSm4 } from '../../../shared/crypto';
import { AppError } from '../../../shared/errors';

const PREFIX = 'sm4f1:';

/** Where a value belongs: bound into the ciphertext so it cannot be moved to another record. */
export interface FieldContext {
  collection: string;
  field: string;
  docId: string;
}

function associatedData(context: FieldContext): string {
  return `${context.collection}/${context.field}/${context.docId}`;
}

/** SM4-GCM of one sensitive field under the installation's data key (never clear on disk). */
export function encryptField(plain: string, dataKey: Uint8Array, context: FieldContext): string {
  const box = sealSm4(plain, dataKey, associatedData(context));
  return PREFIX + Buffer.from(encodeSealedBox(box)).toString('base64');
}

export function decryptField(stored: string, dataKey: Uint8Array, context: FieldContext): string {
  if (!stored.startsWith(PREFIX)) throw new AppError('INTEGRITY_CHECK_FAILED', '加密字段格式不正确', context.field);
  const box = decodeSealedBox(new Uint8Array(Buffer.from(stored.slice(PREFIX.length), 'base64')));
  return Buffer.from(openSm4(box, dataKey, associatedData(context))).toString('utf8');
}

export function isEncryptedField(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

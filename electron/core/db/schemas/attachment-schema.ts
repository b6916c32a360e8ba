import { docTypeField, type EntitySchema } from './entity-schema';
import { ATTACHMENT_PURPOSES, type AttachmentPurpose } from '../../../../shared/payments/evidence';
import { boundedInteger, DOCUMENT_HEADER, enumOf, HEADER_REQUIRED, SM3_HASH, text, type DocumentHeader } from './schema-parts';

/** Largest file accepted as evidence: 200 MiB (scanned drawings are large, videos are not evidence). */
export const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;

/**
 * 附件 metadata. The bytes live in the attachments store, addressed by their SM3, so the hash in
 * the evidence chain is the file's identity and identical uploads are stored once.
 */
export interface AttachmentDoc extends DocumentHeader {
  docType: 'attachment';
  sm3: string;
  name: string;
  mimeType: string;
  size: number;
  /**
   * What the file proves (shared/payments/evidence.ts ATTACHMENT_PURPOSES: invoice, progress
   * certificate, …). Optional because it was added after version 0 and seeded evidence bundles
   * have none; the store always sets it.
   */
  purpose?: AttachmentPurpose;
}

export const attachmentSchema: EntitySchema<AttachmentDoc> = {
  docType: 'attachment',
  description: '附件元数据：文件名、类型、大小与SM3哈希（文件内容按哈希存放）',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('attachment'),
    sm3: SM3_HASH,
    name: text(255, 1),
    mimeType: { ...text(100, 1), pattern: '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$' },
    size: boundedInteger(0, MAX_ATTACHMENT_BYTES),
    purpose: enumOf(ATTACHMENT_PURPOSES),
  },
  required: [...HEADER_REQUIRED, 'docType', 'sm3', 'name', 'mimeType', 'size'],
  // finding a file's metadata by its hash (de-duplication, evidence export)
  indexes: [['sm3']],
};

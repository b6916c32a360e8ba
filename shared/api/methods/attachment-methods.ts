import { z } from 'zod';
import { ATTACHMENT_PURPOSES } from '../../payments/evidence';
import { idSchema, timestampSchema } from '../common-schemas';
import { method, rolesOnly } from '../method-spec';

/**
 * 附件: chunked upload into the SM3 content-addressed store and chunked download for preview.
 * A 50 MB file never travels as one message (the WebSocket transport caps frames at 1 MiB).
 */

export const attachmentPurposeSchema = z.enum(ATTACHMENT_PURPOSES, { error: '附件用途不正确' });

export const attachmentViewSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  sm3: z.string(),
  purpose: attachmentPurposeSchema.nullable(),
  createdAt: timestampSchema,
  createdBy: z.string(),
  /** false for evidence registered elsewhere (e.g. seeded metadata) whose bytes this device lacks */
  hasFile: z.boolean(),
});
export type AttachmentView = z.infer<typeof attachmentViewSchema>;

const base64Schema = z
  .string()
  .min(1, '上传片段为空')
  .max(720_000, '上传片段过大')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/u, '上传片段不是有效的 Base64 编码');

const sm3HexSchema = z.string().regex(/^[0-9a-fA-F]{64}$/u, 'SM3 摘要应为 64 位十六进制');

/** Who files evidence: project leads (requests, contract drafts) and finance (contracts, receipts). */
const UPLOADERS = rolesOnly('projectLead', 'finance');
/** Everyone who may read requests or contracts may see their evidence; never the administrator. */
export const EVIDENCE_READERS = rolesOnly('projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer');

export const attachmentMethods = {
  'attachments.beginUpload': method({
    summary: '开始上传附件（先检查文件名、类型和大小，再分片上传）',
    params: z.object({
      unitId: idSchema.optional(),
      fileName: z.string({ error: '附件缺少文件名' }).min(1, '附件缺少文件名').max(1024, '文件名过长'),
      mediaType: z.string().max(200).default(''),
      size: z.number({ error: '附件大小不正确' }).int('附件大小不正确').nonnegative('附件大小不正确'),
      purpose: attachmentPurposeSchema,
    }),
    result: z.object({ uploadId: idSchema, chunkBytes: z.number().int().positive() }),
    access: UPLOADERS,
  }),
  'attachments.uploadChunk': method({
    summary: '上传附件的一个分片（Base64，按顺序）',
    params: z.object({ uploadId: idSchema, offset: z.number().int().nonnegative(), data: base64Schema }),
    result: z.object({ received: z.number().int().nonnegative() }),
    access: UPLOADERS,
  }),
  'attachments.finishUpload': method({
    summary: '完成上传：校验大小与 SM3 后按内容哈希保存',
    params: z.object({ uploadId: idSchema, sm3: sm3HexSchema }),
    result: attachmentViewSchema,
    access: UPLOADERS,
  }),
  'attachments.cancelUpload': method({
    summary: '取消未完成的上传',
    params: z.object({ uploadId: idSchema }),
    result: z.object({}),
    access: UPLOADERS,
  }),
  'attachments.get': method({
    summary: '附件的登记信息（文件名、类型、大小、SM3）',
    params: z.object({ id: idSchema }),
    result: attachmentViewSchema,
    access: EVIDENCE_READERS,
  }),
  'attachments.readChunk': method({
    summary: '分片读取附件内容（预览与下载）',
    params: z.object({ id: idSchema, offset: z.number().int().nonnegative().default(0) }),
    result: z.object({ data: z.string(), offset: z.number().int(), size: z.number().int(), done: z.boolean() }),
    access: EVIDENCE_READERS,
  }),
};

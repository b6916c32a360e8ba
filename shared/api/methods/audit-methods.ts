import { z } from 'zod';
import { CHAIN_BREAK_REASONS } from '../../audit/break-reasons';
import { method, rolesOnly } from '../method-spec';
import { idSchema, timestampSchema } from '../common-schemas';

/** The audit chain of this device: reading it (审计 page) and verifying it (R9, R11, R12). */

export const auditEventViewSchema = z.object({
  id: idSchema,
  deviceId: z.string(),
  seq: z.number().int().nonnegative(),
  time: timestampSchema,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  hash: z.string(),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

export const chainBreakSchema = z.object({
  seq: z.number().int().nonnegative(),
  reason: z.enum(CHAIN_BREAK_REASONS),
  /** Chinese, for the page as is */
  message: z.string(),
});

export const chainReportSchema = z.object({
  ok: z.boolean(),
  /** events verified as intact links from seq 1 */
  checked: z.number().int().nonnegative(),
  /** the last intact event; null for an empty chain or one broken at seq 1 */
  head: z.object({ seq: z.number().int().positive(), hash: z.string() }).nullable(),
  firstBroken: chainBreakSchema.nullable(),
  /** findings that do not break the chain (a missing checkpoint copy, the clock set back) */
  warnings: z.array(z.string()),
  durationMs: z.number().nonnegative(),
});
export type ChainReportView = z.infer<typeof chainReportSchema>;

export const auditMethods = {
  'audit.events': method({
    summary: '审计日志（本机链，按序号倒序）',
    params: z.object({
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    result: z.object({ events: z.array(auditEventViewSchema), total: z.number().int() }),
    access: rolesOnly('auditor', 'admin'),
  }),
  'audit.verify': method({
    summary: '校验本机审计链：序号连续、哈希链、设备签名与链头检查点；报告第一处断点',
    params: z.object({}).strict(),
    result: chainReportSchema,
    access: rolesOnly('auditor', 'admin'),
  }),
};

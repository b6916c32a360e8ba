import { z } from 'zod';
import { method, rolesOnly, SIGNED_IN } from '../method-spec';
import { idSchema, timestampSchema, unitViewSchema } from '../common-schemas';

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

export const systemMethods = {
  'system.info': method({
    summary: '版本、运行方式、数据目录与连接状态',
    params: z.object({}).strict(),
    result: z.object({
      productName: z.string(),
      version: z.string(),
      runtime: z.enum(['electron', 'browser']),
      deviceId: z.string(),
      online: z.boolean(),
      sync: z.enum(['notConfigured', 'idle', 'syncing', 'error']),
    }),
    access: SIGNED_IN,
  }),
  'units.list': method({
    summary: '当前用户管辖范围内的单位',
    params: z.object({}).strict(),
    result: z.array(unitViewSchema),
    access: SIGNED_IN,
  }),
  'audit.events': method({
    summary: '审计日志（本机链，按序号倒序）',
    params: z.object({
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    result: z.object({ events: z.array(auditEventViewSchema), total: z.number().int() }),
    access: rolesOnly('auditor', 'admin'),
  }),
};

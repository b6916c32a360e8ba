import { z } from 'zod';
import { method, SIGNED_IN } from '../method-spec';
import { unitViewSchema } from '../common-schemas';

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
};

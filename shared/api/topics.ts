import { z } from 'zod';
import { rolesOnly, SIGNED_IN, topic } from './method-spec';
import { userViewSchema } from './common-schemas';
import { approvalTopics } from './methods/approval-methods';
import { backupTopics } from './methods/backup-methods';
import { budgetTopics } from './methods/budget-methods';

/** Live views pushed by the core when data changes (sync or another user). */
export const TOPICS = {
  'users.changed': topic({
    summary: '用户列表变化（初始值随订阅立即推送）',
    params: z.object({}).strict(),
    data: z.array(userViewSchema),
    access: rolesOnly('admin', 'auditor'),
  }),
  'system.status': topic({
    summary: '联网与同步状态',
    params: z.object({}).strict(),
    data: z.object({
      online: z.boolean(),
      sync: z.enum(['notConfigured', 'idle', 'syncing', 'error']),
      lastSyncAt: z.number().int().nullable(),
    }),
    access: SIGNED_IN,
  }),
  ...backupTopics,
  ...approvalTopics,
  ...budgetTopics,
};

export type Topics = typeof TOPICS;
export type TopicName = keyof Topics;
export type TopicParams<T extends TopicName> = z.input<Topics[T]['params']>;
export type TopicData<T extends TopicName> = z.output<Topics[T]['data']>;

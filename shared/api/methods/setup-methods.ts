import { z } from 'zod';
import { usccSchema } from '../../validators';
import { method, PUBLIC } from '../method-spec';
import { idSchema, loginSchema, passwordInputSchema, personNameSchema, unitLevelSchema } from '../common-schemas';

export const setupMethods = {
  'setup.status': method({
    summary: '本机是否已完成初始化（首次运行时创建单位和管理员）',
    params: z.object({}).strict(),
    result: z.object({
      initialized: z.boolean(),
      unitName: z.string().nullable(),
      demoDataPresent: z.boolean(),
    }),
    access: PUBLIC,
  }),
  'setup.initialize': method({
    summary: '首次运行：创建本单位与第一个系统管理员（不预置任何默认密码）',
    params: z
      .object({
        unit: z.object({
          name: z.string({ error: '请输入单位名称' }).trim().min(2, '单位名称至少 2 个字').max(60, '单位名称不能超过 60 个字'),
          uscc: usccSchema,
          level: unitLevelSchema,
        }),
        admin: z.object({
          login: loginSchema,
          name: personNameSchema,
          password: passwordInputSchema,
          passwordConfirm: passwordInputSchema,
        }),
      })
      .strict(),
    result: z.object({
      unitId: idSchema,
      adminUserId: idSchema,
      /** shown once: opens the installation's data key when no password can */
      recoveryCode: z.string(),
    }),
    access: PUBLIC,
  }),
};

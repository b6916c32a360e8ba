import { z } from 'zod';
import { usccSchema } from '../../validators';
import { method, PUBLIC, rolesOnly } from '../method-spec';
import { idSchema, loginSchema, passwordInputSchema, personNameSchema, rolesSchema, unitLevelSchema } from '../common-schemas';

export const setupMethods = {
  'setup.status': method({
    summary: '本机是否已完成初始化（首次运行时创建单位和管理员）',
    params: z.object({}).strict(),
    result: z.object({
      /** false again while a demo removal waits for the next start (the app shows first run) */
      initialized: z.boolean(),
      unitName: z.string().nullable(),
      /** this installation holds the demo office (体验数据), not real data */
      demoDataPresent: z.boolean(),
      /** an administrator removed the demo: it is deleted when the program next starts */
      demoRemovalPending: z.boolean(),
    }),
    access: PUBLIC,
  }),
  'setup.createDemo': method({
    summary: '首次运行：使用体验数据（生成一个虚构的县级单位及其项目、合同、支付数据；密码由使用者设定）',
    params: z
      .object({
        password: passwordInputSchema,
        passwordConfirm: passwordInputSchema,
      })
      .strict(),
    result: z.object({
      unitName: z.string(),
      uscc: z.string(),
      adminLogin: z.string(),
      users: z.array(z.object({ login: z.string(), name: z.string(), roles: rolesSchema })),
      counts: z.object({ projects: z.number().int(), contracts: z.number().int(), requests: z.number().int() }),
      /** shown once: lets an administrator password be reset, so the demo can always be removed */
      recoveryCode: z.string(),
    }),
    access: PUBLIC,
  }),
  'setup.removeDemo': method({
    summary: '删除体验数据：下次启动时删除全部体验数据并回到首次运行（仅限体验数据，仅限系统管理员）',
    params: z.object({ confirm: z.literal(true, { error: '请确认删除全部体验数据' }) }).strict(),
    result: z.object({ pendingRestart: z.literal(true) }),
    access: rolesOnly('admin'),
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

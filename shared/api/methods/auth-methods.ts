import { z } from 'zod';
import { method, PUBLIC, SIGNED_IN } from '../method-spec';
import { passwordInputSchema, timestampSchema, unitViewSchema, userViewSchema } from '../common-schemas';

export const sessionInfoSchema = z.object({
  sessionToken: z.string(),
  user: userViewSchema,
  unit: unitViewSchema,
  idleTimeoutMs: z.number().int().positive(),
  expiresAt: timestampSchema,
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const securityPolicySchema = z.object({
  minLength: z.number().int(),
  minClasses: z.number().int(),
  lockoutThreshold: z.number().int(),
  lockoutMinutes: z.number().int(),
  idleTimeoutMinutes: z.number().int(),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const authMethods = {
  'auth.policy': method({
    summary: '密码与登录安全策略（界面据此提示）',
    params: z.object({}).strict(),
    result: securityPolicySchema,
    access: PUBLIC,
  }),
  'auth.login': method({
    summary: '登录',
    params: z.object({
      login: z.string({ error: '请输入登录名' }).trim().min(1, '请输入登录名').max(64, '登录名过长'),
      password: passwordInputSchema,
    }),
    result: sessionInfoSchema,
    access: PUBLIC,
  }),
  'auth.resume': method({
    summary: '用会话令牌恢复登录状态（页面刷新或重新连接后）',
    params: z.object({ sessionToken: z.string().min(1).max(128) }),
    result: sessionInfoSchema,
    access: PUBLIC,
  }),
  'auth.logout': method({
    summary: '退出登录',
    params: z.object({}).strict(),
    result: z.object({}),
    access: SIGNED_IN,
  }),
  'auth.me': method({
    summary: '当前登录用户与单位',
    params: z.object({}).strict(),
    result: sessionInfoSchema,
    access: SIGNED_IN,
  }),
  'auth.recoverAdmin': method({
    summary: '所有管理员密码遗失时：用首次运行时抄写的恢复码为一个系统管理员设置新密码',
    params: z.object({
      recoveryCode: z.string({ error: '请输入恢复码' }).trim().min(20, '恢复码为 26 位字母数字（可含连字符）').max(64, '恢复码过长'),
      login: z.string({ error: '请输入登录名' }).trim().min(1, '请输入登录名').max(64, '登录名过长'),
      newPassword: passwordInputSchema,
      newPasswordConfirm: passwordInputSchema,
    }),
    result: z.object({}),
    access: PUBLIC,
  }),
  'auth.changePassword': method({
    summary: '修改本人密码',
    params: z.object({
      currentPassword: passwordInputSchema,
      newPassword: passwordInputSchema,
      newPasswordConfirm: passwordInputSchema,
    }),
    result: z.object({}),
    access: SIGNED_IN,
  }),
};

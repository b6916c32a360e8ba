import { z } from 'zod';
import { method, rolesOnly } from '../method-spec';
import {
  idSchema,
  loginSchema,
  passwordInputSchema,
  personNameSchema,
  rolesSchema,
  userViewSchema,
} from '../common-schemas';

const reasonSchema = z.string({ error: '请填写原因' }).trim().min(2, '请填写原因（至少 2 个字）').max(200, '原因不能超过 200 字');

export const userMethods = {
  'users.list': method({
    summary: '本单位（省级为辖区）的用户列表',
    params: z.object({ includeDisabled: z.boolean().default(true) }),
    result: z.array(userViewSchema),
    access: rolesOnly('admin', 'auditor'),
  }),
  'users.create': method({
    summary: '新建用户（首次登录须修改密码）',
    params: z.object({
      unitId: idSchema.optional(),
      login: loginSchema,
      name: personNameSchema,
      roles: rolesSchema,
      password: passwordInputSchema,
      passwordConfirm: passwordInputSchema,
    }),
    result: userViewSchema,
    access: rolesOnly('admin'),
  }),
  'users.setRoles': method({
    summary: '调整用户角色',
    params: z.object({ userId: idSchema, roles: rolesSchema }),
    result: userViewSchema,
    access: rolesOnly('admin'),
  }),
  'users.disable': method({
    summary: '停用用户（记入审计日志，永不删除）',
    params: z.object({ userId: idSchema, reason: reasonSchema }),
    result: userViewSchema,
    access: rolesOnly('admin'),
  }),
  'users.enable': method({
    summary: '重新启用用户',
    params: z.object({ userId: idSchema, reason: reasonSchema }),
    result: userViewSchema,
    access: rolesOnly('admin'),
  }),
  'users.resetPassword': method({
    summary: '重置用户密码（该用户下次登录须修改密码，并解除锁定）',
    params: z.object({ userId: idSchema, password: passwordInputSchema, passwordConfirm: passwordInputSchema }),
    result: userViewSchema,
    access: rolesOnly('admin'),
  }),
};

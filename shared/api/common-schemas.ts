import { z } from 'zod';
import { ROLES, ROLE_LABELS } from '../domain/roles';
import { UNIT_LEVELS } from '../domain/unit';

export const idSchema = z.string().uuid('标识格式不正确');
export const timestampSchema = z.number().int().nonnegative();

export const loginSchema = z
  .string({ error: '请输入登录名' })
  .trim()
  .min(3, '登录名至少 3 个字符')
  .max(32, '登录名不能超过 32 个字符')
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, '登录名以字母开头，只能包含字母、数字、下划线、点和连字符');

export const personNameSchema = z
  .string({ error: '请输入姓名' })
  .trim()
  .min(1, '请输入姓名')
  .max(40, '姓名不能超过 40 个字符');

export const passwordInputSchema = z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128, '密码不能超过 128 位');

export const roleSchema = z.enum(ROLES, { error: `角色只能是：${Object.values(ROLE_LABELS).join('、')}` });
export const rolesSchema = z
  .array(roleSchema)
  .min(1, '至少选择一个角色')
  .refine((roles) => new Set(roles).size === roles.length, '角色不能重复');

export const unitLevelSchema = z.enum(UNIT_LEVELS, { error: '单位级别只能是省级、市级或县级' });

export const unitViewSchema = z.object({
  id: idSchema,
  name: z.string(),
  uscc: z.string(),
  level: unitLevelSchema,
  parentId: idSchema.nullable(),
  createdAt: timestampSchema,
});
export type UnitView = z.infer<typeof unitViewSchema>;

export const userViewSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  login: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  disabledReason: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lockedUntil: timestampSchema.nullable(),
  lastLoginAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type UserView = z.infer<typeof userViewSchema>;

export const emptySchema = z.object({}).strict();

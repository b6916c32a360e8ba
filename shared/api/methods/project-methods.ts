import { z } from 'zod';
import { FUND_SOURCES, FUND_SOURCE_LABELS } from '../../domain/fund-source';
import { PROJECT_STATUSES, PROJECT_TYPES, PROJECT_TYPE_LABELS } from '../../domain/project';
import { idSchema, timestampSchema } from '../common-schemas';
import { method, rolesOnly } from '../method-spec';
import { budgetLineViewSchema, budgetTotalsSchema } from './budget-methods';

/**
 * 项目: project leads keep their own projects, finance keeps every project of the office, the
 * approvers, cashiers, auditors and risk officers read them (DOMAIN.md roles). Budget lines and
 * allocations are budget-methods.ts.
 */

export const projectTypeSchema = z.enum(PROJECT_TYPES, { error: `项目类型只能是：${Object.values(PROJECT_TYPE_LABELS).join('、')}` });
export const fundSourceSchema = z.enum(FUND_SOURCES, { error: `资金来源只能是：${Object.values(FUND_SOURCE_LABELS).join('、')}` });
export const projectStatusSchema = z.enum(PROJECT_STATUSES, { error: '项目状态不正确' });

export const projectCodeSchema = z
  .string({ error: '请输入项目编号' })
  .trim()
  .min(1, '请输入项目编号')
  .max(32, '项目编号不能超过 32 个字符')
  .regex(/^[0-9A-Za-z][0-9A-Za-z_-]*$/u, '项目编号只能包含字母、数字、下划线和连字符');
export const projectNameSchema = z.string({ error: '请输入项目名称' }).trim().min(2, '项目名称至少 2 个字').max(100, '项目名称不能超过 100 个字');
export const fundSourcesSchema = z
  .array(fundSourceSchema)
  .min(1, '至少选择一个资金来源')
  .refine((list) => new Set(list).size === list.length, '资金来源不能重复');

export const projectViewSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  code: z.string(),
  name: z.string(),
  type: projectTypeSchema,
  ownerUnitId: idSchema,
  ownerUnitName: z.string(),
  fundSources: z.array(fundSourceSchema),
  leadUserId: idSchema,
  leadName: z.string(),
  status: projectStatusSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** Σ over the project's lines (all years) */
  totals: budgetTotalsSchema,
  /** lines at or over the warning threshold */
  warningLines: z.number().int().nonnegative(),
});
export type ProjectView = z.infer<typeof projectViewSchema>;

const READERS = rolesOnly('projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer');
const EDITORS = rolesOnly('projectLead', 'finance');

export const projectMethods = {
  'projects.list': method({
    summary: '项目列表（项目负责人只见本人负责的项目），含预算合计与预警数',
    params: z.object({
      search: z.string().trim().max(50, '搜索内容不能超过 50 个字').optional(),
      type: projectTypeSchema.optional(),
      status: projectStatusSchema.optional(),
      fundSource: fundSourceSchema.optional(),
      warningOnly: z.boolean().optional(),
    }),
    result: z.array(projectViewSchema),
    access: READERS,
  }),
  'projects.get': method({
    summary: '项目详情与各预算指标的执行情况（占用、已付、可用）',
    params: z.object({ projectId: idSchema }),
    result: z.object({ project: projectViewSchema, lines: z.array(budgetLineViewSchema) }),
    access: READERS,
  }),
  'projects.formOptions': method({
    summary: '新建/编辑项目可选的建设单位与项目负责人',
    params: z.object({}).strict(),
    result: z.object({
      units: z.array(z.object({ id: idSchema, name: z.string() })),
      leads: z.array(z.object({ id: idSchema, name: z.string(), unitId: idSchema })),
    }),
    access: EDITORS,
  }),
  'projects.create': method({
    summary: '新建项目（项目负责人为本人，财务可指定负责人）',
    params: z.object({
      code: projectCodeSchema,
      name: projectNameSchema,
      type: projectTypeSchema,
      ownerUnitId: idSchema.optional(),
      fundSources: fundSourcesSchema,
      leadUserId: idSchema.optional(),
      status: projectStatusSchema.default('preparing'),
    }),
    result: projectViewSchema,
    access: EDITORS,
  }),
  'projects.update': method({
    summary: '修改项目（项目负责人只能改本人负责的项目）',
    params: z.object({
      projectId: idSchema,
      code: projectCodeSchema.optional(),
      name: projectNameSchema.optional(),
      type: projectTypeSchema.optional(),
      ownerUnitId: idSchema.optional(),
      fundSources: fundSourcesSchema.optional(),
      leadUserId: idSchema.optional(),
      status: projectStatusSchema.optional(),
    }),
    result: projectViewSchema,
    access: EDITORS,
  }),
};

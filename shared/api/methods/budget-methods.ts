import { z } from 'zod';
import { FUND_SOURCES, FUND_SOURCE_LABELS } from '../../domain/fund-source';
import { MAX_BUDGET_YEAR, MIN_BUDGET_YEAR } from '../../budget/line-rules';
import { MAX_WARN_RATIO, MIN_WARN_RATIO } from '../../budget/threshold';
import { idSchema, timestampSchema } from '../common-schemas';
import { method, rolesOnly, topic } from '../method-spec';

/**
 * 预算指标 and the R8 budget check: lines with their live position (reserved / paid / available,
 * derived from the requests), the Excel import, the warning notices and report, the threshold
 * setting. Finance keeps lines and allocations; everyone who reads projects reads positions.
 */

const lineFundSourceSchema = z.enum(FUND_SOURCES, { error: `资金来源只能是：${Object.values(FUND_SOURCE_LABELS).join('、')}` });
const fenSchema = z.number({ error: '请输入金额' }).int('金额须精确到分').nonnegative('金额不能为负数');

export const budgetPositionSchema = z.object({
  budgetLineId: idSchema,
  amount: z.number().int(),
  reserved: z.number().int(),
  paid: z.number().int(),
  available: z.number().int(),
  warnRatio: z.number(),
  heldHere: z.number().int(),
  committedHere: z.number().int(),
  availableHere: z.number().int(),
});
export type BudgetPositionView = z.infer<typeof budgetPositionSchema>;

export const budgetTotalsSchema = z.object({
  amount: z.number().int(),
  reserved: z.number().int(),
  paid: z.number().int(),
  available: z.number().int(),
});
export type BudgetTotals = z.infer<typeof budgetTotalsSchema>;

export const usageLevelSchema = z.enum(['normal', 'warning', 'exhausted']);

export const allocationViewSchema = z.object({
  id: idSchema,
  holderDeviceId: idSchema,
  amount: z.number().int(),
  heldHere: z.boolean(),
});

export const budgetLineViewSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  unitId: idSchema,
  year: z.number().int(),
  subjectCode: z.string(),
  /** name of the 预算科目 when the classification is known, else '' */
  subjectName: z.string(),
  fundSource: lineFundSourceSchema,
  amount: z.number().int(),
  monthlyPlan: z.array(z.number().int()).nullable(),
  position: budgetPositionSchema,
  /** reserved + paid in basis points of the amount */
  usedBp: z.number().int(),
  level: usageLevelSchema,
  allocations: z.array(allocationViewSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type BudgetLineView = z.infer<typeof budgetLineViewSchema>;

const yearSchema = z
  .number({ error: '请输入预算年度' })
  .int('预算年度须为整数')
  .min(MIN_BUDGET_YEAR, `预算年度须为 ${MIN_BUDGET_YEAR}–${MAX_BUDGET_YEAR} 之间的年份`)
  .max(MAX_BUDGET_YEAR, `预算年度须为 ${MIN_BUDGET_YEAR}–${MAX_BUDGET_YEAR} 之间的年份`);
const monthlyPlanSchema = z.array(fenSchema).length(12, '用款计划须为 1–12 月共 12 个月的金额');

export const importRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowErrorView = z.infer<typeof importRowErrorSchema>;

export const importProgressSchema = z.object({
  importId: z.string(),
  phase: z.enum(['idle', 'reading', 'checking', 'saving', 'done', 'failed']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

const importFileSchema = z.object({
  /** the .xlsx file, base64 */
  fileBase64: z.string({ error: '请选择要导入的文件' }).min(1, '请选择要导入的文件').max(28_000_000, '导入文件不能超过 20 MB'),
  /** chosen by the page so it can follow `budget.import.progress` before the call returns */
  importId: z.string().min(8).max(64).optional(),
});

const importResultSchema = z.object({
  rows: z.number().int().nonnegative(),
  saved: z.number().int().nonnegative(),
  errors: z.array(importRowErrorSchema),
});

export const budgetNoticeSchema = z.object({
  budgetLineId: idSchema,
  projectId: idSchema,
  projectCode: z.string(),
  projectName: z.string(),
  year: z.number().int(),
  subjectCode: z.string(),
  fundSource: lineFundSourceSchema,
  position: budgetPositionSchema,
  usedBp: z.number().int(),
  level: usageLevelSchema,
  /** the open or latest R8 alert of the line, if any */
  alert: z.object({ id: idSchema, state: z.string(), severity: z.string(), createdAt: timestampSchema }).nullable(),
});
export type BudgetNotice = z.infer<typeof budgetNoticeSchema>;

const fileResultSchema = z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string() });

const READERS = rolesOnly('projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer');
const FINANCE = rolesOnly('finance');

export const budgetMethods = {
  'budget.lines.create': method({
    summary: '新建预算指标（本机财务持有全部额度）',
    params: z.object({
      projectId: idSchema,
      year: yearSchema,
      subjectCode: z.string({ error: '请输入预算科目编码' }).trim().min(1, '请输入预算科目编码').max(30, '预算科目编码过长'),
      fundSource: lineFundSourceSchema,
      amount: fenSchema,
      monthlyPlan: monthlyPlanSchema.nullable().default(null),
    }),
    result: budgetLineViewSchema,
    access: FINANCE,
  }),
  'budget.lines.update': method({
    summary: '调整预算指标金额或用款计划（不得低于已占用与已支付之和）',
    params: z.object({
      budgetLineId: idSchema,
      amount: fenSchema.optional(),
      /** null clears the plan */
      monthlyPlan: monthlyPlanSchema.nullable().optional(),
    }),
    result: budgetLineViewSchema,
    access: FINANCE,
  }),
  'budget.position': method({
    summary: '预算指标执行情况：指标、占用、已付、可用与本机额度',
    params: z.object({ budgetLineId: idSchema }),
    result: budgetPositionSchema,
    access: READERS,
  }),
  'budget.import.template': method({
    summary: '下载预算指标导入模板（xlsx，base64）',
    params: z.object({}).strict(),
    result: fileResultSchema,
    access: FINANCE,
  }),
  'budget.import.validate': method({
    summary: '检查导入文件，逐行报告错误（不保存）',
    params: importFileSchema,
    result: importResultSchema,
    access: FINANCE,
  }),
  'budget.import.commit': method({
    summary: '导入预算指标：任一行有错则一行也不保存',
    params: importFileSchema,
    result: importResultSchema,
    access: FINANCE,
  }),
  'budget.notices': method({
    summary: '达到预警比例（R8）的预算指标，供工作台提示',
    params: z.object({}).strict(),
    result: z.array(budgetNoticeSchema),
    access: READERS,
  }),
  'budget.warningReport': method({
    summary: '预算预警报告（可打印为 PDF）',
    params: z.object({}).strict(),
    result: z.object({ generatedAt: timestampSchema, unitName: z.string(), warnRatio: z.number(), notices: z.array(budgetNoticeSchema) }),
    access: READERS,
  }),
  'budget.warningReportXlsx': method({
    summary: '预算预警报告 Excel（base64）',
    params: z.object({}).strict(),
    result: fileResultSchema,
    access: READERS,
  }),
  'budget.settings.get': method({
    summary: '预算控制设置（预警比例）',
    params: z.object({}).strict(),
    result: z.object({ warnRatio: z.number(), maxWarnRatio: z.number(), minWarnRatio: z.number() }),
    access: rolesOnly('admin', 'projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer'),
  }),
  'budget.settings.set': method({
    summary: '设置预算预警比例（只能调严，不高于 90%）',
    params: z.object({
      warnRatio: z
        .number({ error: '请输入预警比例' })
        .min(MIN_WARN_RATIO, `预警比例不能低于 ${MIN_WARN_RATIO * 100}%`)
        .max(MAX_WARN_RATIO, `预警比例不能高于 ${MAX_WARN_RATIO * 100}%（《预算法》/R8：只能调严，不能放宽）`),
    }),
    result: z.object({ warnRatio: z.number(), maxWarnRatio: z.number(), minWarnRatio: z.number() }),
    access: rolesOnly('admin'),
  }),
};

export const budgetTopics = {
  'budget.changed': topic({
    summary: '项目、预算指标或支付申请有变化（页面据此刷新预算执行；订阅时立即推送一次）',
    params: z.object({}).strict(),
    /** counts changes since the subscription began (0 = the initial push) */
    data: z.object({ tick: z.number().int().nonnegative() }),
    access: READERS,
  }),
  'budget.import.progress': topic({
    summary: '预算指标导入进度（不指定 importId 时为本机最近一次导入）',
    params: z.object({ importId: z.string().min(8).max(64).optional() }),
    data: importProgressSchema,
    access: FINANCE,
  }),
};

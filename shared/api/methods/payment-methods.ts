import { z } from 'zod';
import { APPROVER_ROLES, STEP_MODES, STEP_SCOPES } from '../../domain/approval';
import { CONTRACT_STATUSES } from '../../domain/contract';
import { FUND_SOURCES } from '../../domain/fund-source';
import { PAYMENT_KINDS } from '../../domain/payment-kind';
import { REQUEST_STATUSES } from '../../domain/payment-request-status';
import { PROJECT_TYPES } from '../../domain/project';
import { ERROR_CODES, type ErrorCode } from '../../errors/error-codes';
import { eInvoiceSchema } from '../../validators';
import { idSchema, timestampSchema } from '../common-schemas';
import { method, rolesOnly } from '../method-spec';
import { attachmentPurposeSchema, attachmentViewSchema } from './attachment-methods';

/**
 * 支付申请 (issue 4 item 4): templates, the form's options, the live rule check, draft / submit /
 * withdraw. Approving, returning and rejecting belong to the approval capability.
 */

/** Largest amount a request may carry (schema-parts MAX_STORED_FEN). */
const MAX_REQUEST_FEN = 900_719_925_474_099;

const fenSchema = (label: string) =>
  z
    .number({ error: `请输入${label}` })
    .int(`${label}须精确到分`)
    .min(0, `${label}不能为负数`)
    .max(MAX_REQUEST_FEN, `${label}过大`);

export const kindSchema = z.enum(PAYMENT_KINDS, { error: '请选择款项类型' });
export const requestStatusSchema = z.enum(REQUEST_STATUSES);

export const requestInputSchema = z.object({
  /** absent: a new draft; present: the draft (or returned request) being edited */
  id: idSchema.optional(),
  contractId: idSchema,
  budgetLineId: idSchema,
  milestoneId: idSchema.nullable().default(null),
  kind: kindSchema,
  amount: fenSchema('申请金额').min(1, '申请金额须大于 0'),
  labourAmount: fenSchema('人工费用').default(0),
  description: z.string().trim().max(500, '用途说明不能超过 500 字').default(''),
  invoiceNos: z.array(eInvoiceSchema).max(200, '发票号码不能超过 200 个').default([]),
  attachmentIds: z.array(idSchema).max(100, '附件不能超过 100 个').default([]),
});
export type RequestInput = z.input<typeof requestInputSchema>;

const routeStepSchema = z.object({
  role: z.enum(APPROVER_ROLES),
  scope: z.enum(STEP_SCOPES),
  mode: z.enum(STEP_MODES),
  label: z.string(),
});

export const routeViewSchema = z.object({
  decisionTableId: z.string(),
  decisionTableVersion: z.number().int(),
  routedAt: timestampSchema,
  steps: z.array(routeStepSchema),
  currentStep: z.number().int(),
});

const findingSchema = z.object({
  code: z.string().refine((c): c is ErrorCode => Object.hasOwn(ERROR_CODES, c)),
  message: z.string(),
  field: z.string(),
});

export const budgetPositionViewSchema = z.object({
  budgetLineId: z.string(),
  amount: z.number(),
  reserved: z.number(),
  paid: z.number(),
  available: z.number(),
  warnRatio: z.number(),
  heldHere: z.number(),
  committedHere: z.number(),
  availableHere: z.number(),
});

export const requestCheckSchema = z.object({
  violations: z.array(findingSchema),
  flags: z.array(findingSchema),
  figures: z.object({
    advanceCap: z.number(),
    progressCap: z.number(),
    progressFloor: z.number(),
    advanceRecovered: z.number(),
    beforeRetentionCap: z.number(),
    contractRemaining: z.number(),
  }),
  /** the line's position now, and what stays available once this request reserves */
  budget: budgetPositionViewSchema.nullable(),
  availableAfter: z.number().nullable(),
  amountCapitals: z.string(),
});
export type RequestCheck = z.infer<typeof requestCheckSchema>;

export const requestViewSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  requestNo: z.string(),
  contractId: idSchema,
  contractCode: z.string(),
  contractName: z.string(),
  counterpartyName: z.string(),
  projectId: idSchema,
  projectName: z.string(),
  budgetLineId: idSchema,
  budgetLineLabel: z.string(),
  milestoneId: idSchema.nullable(),
  milestoneName: z.string().nullable(),
  kind: kindSchema,
  amount: z.number(),
  amountCapitals: z.string(),
  labourAmount: z.number(),
  description: z.string(),
  invoiceNos: z.array(z.string()),
  attachments: z.array(attachmentViewSchema),
  applicantId: z.string(),
  applicantName: z.string(),
  status: requestStatusSchema,
  route: routeViewSchema.nullable(),
  submittedAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type RequestView = z.infer<typeof requestViewSchema>;

export const requestListItemSchema = requestViewSchema.pick({
  id: true,
  requestNo: true,
  contractId: true,
  contractCode: true,
  contractName: true,
  projectName: true,
  kind: true,
  amount: true,
  status: true,
  applicantId: true,
  applicantName: true,
  submittedAt: true,
  updatedAt: true,
}).extend({ currentStepLabel: z.string().nullable() });
export type RequestListItem = z.infer<typeof requestListItemSchema>;

export const templateViewSchema = z.object({
  kind: kindSchema,
  label: z.string(),
  asksLabourAmount: z.boolean(),
  asksMilestone: z.boolean(),
  capNote: z.string(),
  evidence: z.array(z.object({ purpose: attachmentPurposeSchema, label: z.string(), required: z.boolean() })),
  basis: z.string(),
  descriptionHint: z.string(),
});

export const contractOptionSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  projectId: idSchema,
  projectName: z.string(),
  projectType: z.enum(PROJECT_TYPES),
  counterpartyName: z.string(),
  amount: z.number(),
  status: z.enum(CONTRACT_STATUSES),
  labourShare: z.number(),
  retentionRate: z.number(),
});

export const contractDetailOptionSchema = z.object({
  budgetLines: z.array(
    z.object({ id: idSchema, year: z.number(), subjectCode: z.string(), fundSource: z.enum(FUND_SOURCES), amount: z.number(), label: z.string() }),
  ),
  milestones: z.array(z.object({ id: idSchema, name: z.string(), kind: z.enum(PAYMENT_KINDS), ratio: z.number(), dueDate: z.string().nullable(), status: z.string() })),
  cumulativeCertified: z.number(),
  defectPeriodEnd: z.string().nullable(),
});

// DOMAIN.md roles: the project lead files and withdraws requests; finance keeps budget lines,
// approves finance steps and pays, but does not file (incompatible duties).
const FILERS = rolesOnly('projectLead');
const READERS = rolesOnly('projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer');

export const paymentMethods = {
  'payments.templates': method({
    summary: '各款项类型的申请模板（需填字段与必附证明材料）',
    params: z.object({}),
    result: z.array(templateViewSchema),
    access: READERS,
  }),
  'payments.contractOptions': method({
    summary: '可申请付款的合同（本单位管辖范围内已生效的合同）',
    params: z.object({}),
    result: z.array(contractOptionSchema),
    access: FILERS,
  }),
  'payments.contractDetail': method({
    summary: '合同的预算指标、付款节点、已确认产值与缺陷责任期（填写申请用）',
    params: z.object({ contractId: idSchema }),
    result: contractDetailOptionSchema,
    access: READERS,
  }),
  'payments.check': method({
    summary: '按全部规则检查申请（不保存）：违规项、提示、上限与预算余额',
    params: requestInputSchema,
    result: requestCheckSchema,
    access: FILERS,
  }),
  'payments.list': method({
    summary: '支付申请列表（可按状态、款项类型、合同、本人筛选）',
    params: z.object({
      status: requestStatusSchema.optional(),
      kind: kindSchema.optional(),
      contractId: idSchema.optional(),
      mine: z.boolean().default(false),
      search: z.string().trim().max(50).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    result: z.object({ total: z.number().int(), items: z.array(requestListItemSchema) }),
    access: READERS,
  }),
  'payments.get': method({
    summary: '支付申请详情（含附件与审批路线）',
    params: z.object({ id: idSchema }),
    result: z.object({ request: requestViewSchema, check: requestCheckSchema }),
    access: READERS,
  }),
  'payments.saveDraft': method({
    summary: '保存草稿（显示预算余额和规则提示，但照常保存）',
    params: requestInputSchema,
    result: z.object({ request: requestViewSchema, check: requestCheckSchema }),
    access: FILERS,
  }),
  'payments.submit': method({
    summary: '提交审批：执行全部规则与预算校验，确定审批路线并占用预算',
    params: z.object({ id: idSchema }),
    result: requestViewSchema,
    access: FILERS,
  }),
  'payments.withdraw': method({
    summary: '撤回申请（草稿或审批中），释放预算占用',
    params: z.object({ id: idSchema, reason: z.string().trim().min(2, '请填写撤回原因（至少 2 个字）').max(200, '撤回原因不能超过 200 字') }),
    result: requestViewSchema,
    access: FILERS,
  }),
};

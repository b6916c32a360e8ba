import { z } from 'zod';
import { idSchema, timestampSchema } from '../api/common-schemas';
import {
  CERTIFICATE_STATUSES,
  CONTRACT_CHANGE_KINDS,
  CONTRACT_CHANGE_STATUSES,
  CONTRACT_STATUSES,
  MILESTONE_DUE_RULES,
  MILESTONE_STATUSES,
} from '../domain/contract';
import { APPROVAL_DECISIONS, APPROVER_ROLES, STEP_MODES, STEP_SCOPES } from '../domain/approval';
import { FUND_SOURCES } from '../domain/fund-source';
import { MILESTONE_KINDS } from '../domain/payment-kind';
import { bankAccountSchema, usccSchema } from '../validators/schemas';
import { CONTRACT_CATEGORIES } from './contract-category';

/*
 * The shapes of the contract API (shared/api/methods/contract-methods.ts): inputs as forms send
 * them (money in 分, ratios in basis points, days as YYYY-MM-DD) and the views the core returns.
 * The rules themselves (R1, R3–R7) are not here: the core runs shared/contracts/contract-rules.ts
 * so a refusal names its rule and law, and the form runs the same functions while typing.
 */

const fen = z.number({ error: '请输入金额' }).int('金额须精确到分').nonnegative('金额不能为负数');
const positiveFen = fen.positive('金额必须大于零');
const basisPoints = z.number({ error: '请输入比例' }).int('比例最多两位小数').min(0, '比例不能为负数').max(10_000, '比例不能超过 100%');
const day = z.string({ error: '请输入日期' }).regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/u, '日期格式应为 YYYY-MM-DD');
const termDays = z.number().int('天数须为整数').min(0, '天数不能为负数').max(365, '天数不能超过 365');

export const contractStatusSchema = z.enum(CONTRACT_STATUSES);
export const contractCategorySchema = z.enum(CONTRACT_CATEGORIES, { error: '请选择合同类别' });

export const counterpartyInputSchema = z.object({
  name: z.string({ error: '请输入单位名称' }).trim().min(2, '单位名称至少 2 个字').max(100, '单位名称不能超过 100 个字'),
  uscc: usccSchema,
  isSme: z.boolean(),
  bankName: z.string({ error: '请输入开户银行' }).trim().min(2, '请输入开户银行').max(60, '开户银行不能超过 60 个字'),
  bankAccount: bankAccountSchema,
  wageBankName: z.string().trim().max(60, '开户银行不能超过 60 个字').nullable(),
  wageAccount: bankAccountSchema.nullable(),
});
export type CounterpartyInput = z.output<typeof counterpartyInputSchema>;

export const counterpartyViewSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  name: z.string(),
  uscc: z.string(),
  isSme: z.boolean(),
  bankName: z.string(),
  /** in full for finance, cashier and auditor; otherwise `**** **** 1234` */
  bankAccount: z.string(),
  wageBankName: z.string().nullable(),
  wageAccount: z.string().nullable(),
  /** full: decrypted for a role that may see it; masked: the role may not (or the key is locked) */
  accounts: z.enum(['full', 'masked', 'locked']),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type CounterpartyView = z.infer<typeof counterpartyViewSchema>;

export const milestoneTermSchema = z.object({
  name: z.string({ error: '请输入节点名称' }).trim().min(1, '请输入节点名称').max(60, '节点名称不能超过 60 个字'),
  kind: z.enum(MILESTONE_KINDS),
  ratio: basisPoints,
  dueRule: z.enum(MILESTONE_DUE_RULES),
  dueDays: termDays.nullable(),
  dueDate: day.nullable(),
});

export const contractInputSchema = z.object({
  projectId: idSchema,
  counterpartyId: idSchema,
  budgetLineId: idSchema,
  code: z.string({ error: '请输入合同编号' }).trim().min(1, '请输入合同编号').max(50, '合同编号不能超过 50 个字符'),
  name: z.string({ error: '请输入合同名称' }).trim().min(2, '合同名称至少 2 个字').max(100, '合同名称不能超过 100 个字'),
  category: contractCategorySchema,
  amount: positiveFen,
  /** null: the default term (R1: 30 days after acceptance) */
  paymentTermDays: termDays.nullable(),
  backToBack: z.boolean(),
  labourShare: basisPoints,
  retentionRate: basisPoints,
  endDate: day.nullable(),
  milestones: z.array(milestoneTermSchema).max(50, '付款节点不能超过 50 个'),
});
export type ContractInput = z.output<typeof contractInputSchema>;

export const contractViewSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  code: z.string(),
  name: z.string(),
  projectId: idSchema,
  projectName: z.string(),
  counterpartyId: idSchema,
  counterpartyName: z.string(),
  counterpartyIsSme: z.boolean(),
  budgetLineId: idSchema.nullable(),
  category: contractCategorySchema,
  amount: z.number().int(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  paymentTermDays: z.number().int(),
  labourShare: z.number().int(),
  retentionRate: z.number().int(),
  status: contractStatusSchema,
  version: z.number().int(),
  endDate: z.string().nullable(),
  documentHash: z.string().nullable(),
  /** Σ of the contract's payment requests that are paid */
  paid: z.number().int(),
  /** Σ of its requests reserved (submitted … in payment) */
  reserved: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ContractView = z.infer<typeof contractViewSchema>;

export const milestoneViewSchema = z.object({
  id: idSchema,
  seq: z.number().int(),
  name: z.string(),
  kind: z.enum(MILESTONE_KINDS),
  ratio: z.number().int(),
  dueRule: z.enum(MILESTONE_DUE_RULES),
  dueDays: z.number().int().nullable(),
  acceptedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  /** ratio × contract amount; null for progress (its base is the certified value) */
  plannedAmount: z.number().int().nullable(),
  paidAmount: z.number().int(),
});
export type MilestoneView = z.infer<typeof milestoneViewSchema>;

const versionTermsSchema = z.object({
  amount: z.number().int(),
  paymentTermDays: z.number().int(),
  labourShare: z.number().int(),
  retentionRate: z.number().int(),
  endDate: z.string().nullable().optional(),
  milestones: z.array(milestoneTermSchema).optional(),
});

export const termChangeSchema = z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() });

export const signerSchema = z.object({
  decisionId: idSchema,
  step: z.number().int(),
  stepRole: z.enum(APPROVER_ROLES),
  userName: z.string(),
  decision: z.enum(APPROVAL_DECISIONS),
  comment: z.string(),
  signedAt: timestampSchema,
});

export const changeViewSchema = z.object({
  id: idSchema,
  contractId: idSchema,
  kind: z.enum(CONTRACT_CHANGE_KINDS),
  fromVersion: z.number().int(),
  toVersion: z.number().int().nullable(),
  before: versionTermsSchema,
  after: versionTermsSchema,
  changes: z.array(termChangeSchema),
  reason: z.string(),
  status: z.enum(CONTRACT_CHANGE_STATUSES),
  steps: z.array(z.object({ label: z.string(), role: z.enum(APPROVER_ROLES), scope: z.enum(STEP_SCOPES), mode: z.enum(STEP_MODES) })),
  currentStep: z.number().int().nullable(),
  decisions: z.array(signerSchema),
  createdAt: timestampSchema,
  createdByName: z.string(),
});
export type ChangeView = z.infer<typeof changeViewSchema>;

export const versionViewSchema = z.object({
  version: z.number().int(),
  /** signed: version 1 (the contract as signed); change: an approved change order */
  origin: z.enum(['signed', 'change']),
  at: z.string().nullable(),
  changeId: idSchema.nullable(),
  changes: z.array(termChangeSchema),
  reason: z.string().nullable(),
  signers: z.array(signerSchema),
  recordedByName: z.string().nullable(),
});
export type VersionView = z.infer<typeof versionViewSchema>;

export const certificateInputSchema = z.object({
  contractId: idSchema,
  period: z.string({ error: '请输入计量期' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/u, '计量期格式应为 YYYY-MM'),
  certifiedValue: positiveFen,
  certifiedAt: day,
  certifiedByName: z.string({ error: '请输入确认单位' }).trim().min(2, '请输入确认单位（监理或跟踪审计）').max(100, '确认单位不能超过 100 个字'),
  attachmentIds: z.array(idSchema).min(1, '请上传计量确认单扫描件').max(20, '附件不能超过 20 个'),
});

export const certificateViewSchema = z.object({
  id: idSchema,
  contractId: idSchema,
  period: z.string(),
  certifiedValue: z.number().int(),
  cumulativeCertified: z.number().int(),
  certifiedAt: z.string(),
  certifiedByName: z.string(),
  attachmentIds: z.array(idSchema),
  status: z.enum(CERTIFICATE_STATUSES),
  createdAt: timestampSchema,
});
export type CertificateView = z.infer<typeof certificateViewSchema>;

export const documentViewSchema = z.object({
  attachmentId: idSchema,
  fileName: z.string(),
  sm3: z.string(),
  signerPublicKey: z.string(),
  signerDeviceId: idSchema,
  archivedAt: timestampSchema,
  archivedByName: z.string(),
});

export const documentCheckSchema = z.object({
  /** the file's bytes still hash to the recorded SM3 */
  hashMatches: z.boolean(),
  /** the office countersignature verifies over the recorded statement */
  signatureValid: z.boolean(),
  /** the countersigning key is this installation's own key */
  signerIsThisDevice: z.boolean(),
  sm3: z.string(),
  checkedAt: timestampSchema,
});

export const reminderViewSchema = z.object({
  milestoneId: idSchema,
  contractId: idSchema,
  contractCode: z.string(),
  contractName: z.string(),
  counterpartyName: z.string(),
  isSme: z.boolean(),
  kind: z.enum(MILESTONE_KINDS),
  name: z.string(),
  dueDate: z.string(),
  reminder: z.enum(['overdue', 'nearDue', 'retentionDue', 'retentionEnding']),
  daysLeft: z.number().int(),
});

export const budgetLineOptionSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  year: z.number().int(),
  subjectCode: z.string(),
  fundSource: z.enum(FUND_SOURCES),
  amount: z.number().int(),
});

export const contractDetailSchema = z.object({
  contract: contractViewSchema,
  counterparty: counterpartyViewSchema,
  milestones: z.array(milestoneViewSchema),
  certificates: z.array(certificateViewSchema),
  changes: z.array(changeViewSchema),
  versions: z.array(versionViewSchema),
  document: documentViewSchema.nullable(),
});
export type ContractDetail = z.infer<typeof contractDetailSchema>;

import { z } from 'zod';
import {
  APPROVAL_DECISIONS,
  APPROVAL_SUBJECTS,
  APPROVER_ROLES,
  DECISION_INPUTS,
  HIT_POLICIES,
  STEP_MODES,
  STEP_SCOPES,
} from '../../domain/approval';
import { FUND_SOURCES } from '../../domain/fund-source';
import { PAYMENT_KINDS } from '../../domain/payment-kind';
import { PROJECT_TYPES } from '../../domain/project';
import { ROLES } from '../../domain/roles';
import { idSchema, passwordInputSchema, timestampSchema } from '../common-schemas';
import { method, rolesOnly, SIGNED_IN, topic } from '../method-spec';

/**
 * 审批: the inbox, deciding (signed with the approver's SM2 key), the route of a request with
 * every signature verified, delegations, and the decision tables (审批规则, administrators only).
 * Deciding is open to every signed-in user on purpose: the core refuses an administrator or an
 * applicant under R10 and audits the attempt, which a role filter at the door could not do.
 */

const subjectSchema = z.enum(APPROVAL_SUBJECTS, { error: '审批事项只能是支付申请或合同变更' });
const anyRoleSchema = z.enum(ROLES);

export const routeStepSchema = z.object({
  // the editor may send any role so that the check can name "系统管理员" precisely (R10)
  role: anyRoleSchema,
  scope: z.enum(STEP_SCOPES),
  mode: z.enum(STEP_MODES),
  label: z.string().max(40, '步骤名称不能超过 40 个字'),
});

export const tableDraftSchema = z.object({
  subject: subjectSchema,
  name: z.string().max(60, '规则名称不能超过 60 个字'),
  hitPolicy: z.enum(HIT_POLICIES),
  inputs: z.array(z.object({ input: z.enum(DECISION_INPUTS), label: z.string().max(40) })).max(DECISION_INPUTS.length),
  rules: z
    .array(z.object({ id: z.string().max(36), when: z.array(z.string().max(200, '条件不能超过 200 个字符')).max(DECISION_INPUTS.length), steps: z.array(routeStepSchema).max(20), note: z.string().max(200) }))
    .max(500),
});
export type TableDraftView = z.infer<typeof tableDraftSchema>;

export const tableVersionSchema = tableDraftSchema.extend({
  id: idSchema,
  version: z.number().int(),
  activeFrom: timestampSchema,
  createdAt: timestampSchema,
  createdByName: z.string(),
  inForce: z.boolean(),
});
export type TableVersionView = z.infer<typeof tableVersionSchema>;

export const tableIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  rule: z.number().int().nullable(),
  column: z.number().int().nullable(),
  field: z.string(),
});
export type TableIssueView = z.infer<typeof tableIssueSchema>;

export const factsSchema = z.object({
  amount: z.number({ error: '请输入金额' }).int('金额须精确到分').positive('金额须大于零'),
  projectType: z.enum(PROJECT_TYPES),
  fundSource: z.enum(FUND_SOURCES),
  paymentKind: z.enum(PAYMENT_KINDS).nullable(),
});

const verificationSchema = z.object({
  signatureValid: z.boolean(),
  keyBelongsToSigner: z.boolean(),
  contentMatches: z.boolean(),
  status: z.enum(['valid', 'invalid', 'contentChanged']),
  message: z.string(),
});

export const decisionViewSchema = z.object({
  id: idSchema,
  step: z.number().int(),
  stepLabel: z.string(),
  stepRole: z.enum(APPROVER_ROLES),
  userId: idSchema,
  userName: z.string(),
  onBehalfOfName: z.string().nullable(),
  decision: z.enum(APPROVAL_DECISIONS),
  comment: z.string(),
  signedAt: timestampSchema,
  signerPublicKey: z.string(),
  signature: z.string(),
  /** made in the current round (since the last submission) */
  currentRound: z.boolean(),
  verification: verificationSchema,
});
export type DecisionView = z.infer<typeof decisionViewSchema>;

export const stepViewSchema = z.object({
  index: z.number().int(),
  role: z.enum(APPROVER_ROLES),
  scope: z.enum(STEP_SCOPES),
  mode: z.enum(STEP_MODES),
  label: z.string(),
  state: z.enum(['approved', 'current', 'waiting', 'returned', 'rejected']),
  signed: z.number().int(),
  required: z.number().int(),
  /** who may still sign it (names), for the sheet and for "无人可审批" */
  pendingNames: z.array(z.string()),
});
export type StepView = z.infer<typeof stepViewSchema>;

const termsSchema = z.object({ amount: z.number().int(), paymentTermDays: z.number().int(), labourShare: z.number().int(), retentionRate: z.number().int() });

export const sheetFactsSchema = z.object({
  subject: subjectSchema,
  id: idSchema,
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  amount: z.number().int(),
  applicantName: z.string(),
  submittedAt: timestampSchema.nullable(),
  unitName: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  contractCode: z.string(),
  contractName: z.string(),
  counterpartyName: z.string(),
  /** payment requests */
  paymentKind: z.enum(PAYMENT_KINDS).nullable(),
  labourAmount: z.number().int().nullable(),
  description: z.string(),
  invoiceNos: z.array(z.string()),
  budgetLine: z.object({ year: z.number().int(), subjectCode: z.string(), fundSource: z.enum(FUND_SOURCES) }).nullable(),
  /** contract changes */
  changeKind: z.string().nullable(),
  before: termsSchema.nullable(),
  after: termsSchema.nullable(),
});
export type SheetFacts = z.infer<typeof sheetFactsSchema>;

export const routeViewSchema = z.object({
  facts: sheetFactsSchema,
  route: z
    .object({
      decisionTableId: idSchema,
      decisionTableVersion: z.number().int(),
      tableName: z.string(),
      routedAt: timestampSchema,
      currentStep: z.number().int(),
      steps: z.array(stepViewSchema),
    })
    .nullable(),
  decisions: z.array(decisionViewSchema),
  /** may the caller decide now; if not, why (shown instead of the buttons) */
  mayDecide: z.object({ ok: z.boolean(), message: z.string(), onBehalfOfName: z.string().nullable() }),
});
export type RouteView = z.infer<typeof routeViewSchema>;

export const inboxItemSchema = z.object({
  subject: subjectSchema,
  id: idSchema,
  title: z.string(),
  amount: z.number().int(),
  applicantName: z.string(),
  projectName: z.string(),
  contractName: z.string(),
  submittedAt: timestampSchema.nullable(),
  step: z.number().int(),
  stepCount: z.number().int(),
  stepLabel: z.string(),
  mode: z.enum(STEP_MODES),
  signed: z.number().int(),
  required: z.number().int(),
  onBehalfOfName: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxCountsSchema = z.object({
  total: z.number().int(),
  paymentRequest: z.number().int(),
  contractChange: z.number().int(),
  delegated: z.number().int(),
  /** newest submission among the waiting items, so a client can tell "something new" */
  newestAt: timestampSchema.nullable(),
});
export type InboxCounts = z.infer<typeof inboxCountsSchema>;

export const delegationSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  fromUserId: idSchema,
  fromName: z.string(),
  toUserId: idSchema,
  toName: z.string(),
  role: z.enum(APPROVER_ROLES),
  fromDay: z.string(),
  toDay: z.string(),
  reason: z.string(),
  createdAt: timestampSchema,
  revokedAt: timestampSchema.nullable(),
  revokedBy: z.string().nullable(),
  active: z.boolean(),
});
export type DelegationView = z.infer<typeof delegationSchema>;

const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, '日期格式应为 YYYY-MM-DD');

export const approvalMethods = {
  'approval.inbox': method({
    summary: '我的待审批（含受托审批）及计数',
    params: z.object({}).strict(),
    result: z.object({ items: z.array(inboxItemSchema), counts: inboxCountsSchema }),
    access: SIGNED_IN,
  }),
  'approval.decide': method({
    summary: '审批当前步骤：同意、退回修改或驳回（须填写意见，以本人密码解锁签名密钥进行SM2签名）',
    params: z.object({
      subject: subjectSchema,
      requestId: idSchema,
      decision: z.enum(APPROVAL_DECISIONS, { error: '审批结论只能是同意、退回修改或驳回' }),
      comment: z.string({ error: '请填写审批意见' }).max(500, '审批意见不能超过 500 字'),
      password: passwordInputSchema,
      expectedStep: z.number().int().nonnegative().optional(),
    }),
    result: z.object({
      decisionId: idSchema,
      step: z.number().int(),
      signed: z.number().int(),
      required: z.number().int(),
      stepComplete: z.boolean(),
      currentStep: z.number().int(),
      status: z.string(),
      onBehalfOfName: z.string().nullable(),
    }),
    access: SIGNED_IN,
  }),
  'approval.route': method({
    summary: '审批单：申请要素、审批路线各步状态、审批意见及签名验证结果',
    params: z.object({ subject: subjectSchema, requestId: idSchema }),
    result: routeViewSchema,
    access: SIGNED_IN,
  }),
  'approval.tables.list': method({
    summary: '审批规则的全部版本（新版本在前）',
    params: z.object({ subject: subjectSchema }),
    result: z.array(tableVersionSchema),
    access: rolesOnly('admin'),
  }),
  'approval.tables.get': method({
    summary: '一个审批规则版本',
    params: z.object({ tableId: idSchema }),
    result: tableVersionSchema,
    access: rolesOnly('admin'),
  }),
  'approval.tables.validate': method({
    summary: '检查审批规则：错误（不能发布）与提醒（无规则命中的情形等）',
    params: z.object({ table: tableDraftSchema }),
    result: z.array(tableIssueSchema),
    access: rolesOnly('admin'),
  }),
  'approval.tables.publish': method({
    summary: '发布审批规则新版本（旧版本保留；已提交的申请仍按其固定的版本审批）',
    params: z.object({ table: tableDraftSchema, activeFrom: timestampSchema.nullable().default(null) }),
    result: z.object({ table: tableVersionSchema, warnings: z.array(tableIssueSchema) }),
    access: rolesOnly('admin'),
  }),
  'approval.tables.tryRoute': method({
    summary: '试算：按输入的金额、项目类型、资金来源、款项类型得出审批路线和命中的规则',
    params: z.object({ table: tableDraftSchema, facts: factsSchema }),
    result: z.object({
      issues: z.array(tableIssueSchema),
      steps: z.array(routeStepSchema),
      hits: z.array(z.object({ id: z.string(), index: z.number().int(), note: z.string() })),
    }),
    access: rolesOnly('admin'),
  }),
  'approval.delegations.list': method({
    summary: '审批委托：我委托的与委托给我的（管理员与审计可见本单位全部）',
    params: z.object({}).strict(),
    result: z.array(delegationSchema),
    access: SIGNED_IN,
  }),
  'approval.delegations.create': method({
    summary: '在一段日期内把本人某一审批角色委托给本单位同事（仍受不相容岗位相分离约束）',
    params: z.object({
      toUserId: idSchema,
      role: z.enum(APPROVER_ROLES, { error: '只能委托审批角色' }),
      fromDay: daySchema,
      toDay: daySchema,
      reason: z.string({ error: '请填写委托原因' }).max(200),
    }),
    result: delegationSchema,
    access: rolesOnly(...APPROVER_ROLES),
  }),
  'approval.delegations.revoke': method({
    summary: '撤销审批委托',
    params: z.object({ delegationId: idSchema }),
    result: delegationSchema,
    access: SIGNED_IN,
  }),
  'approval.delegates': method({
    summary: '可接受委托的本单位同事',
    params: z.object({ role: z.enum(APPROVER_ROLES) }),
    result: z.array(z.object({ id: idSchema, name: z.string() })),
    access: rolesOnly(...APPROVER_ROLES),
  }),
};

export const approvalTopics = {
  'approval.inbox': topic({
    summary: '待我审批的计数（有新事项时推送，页面据此提示）',
    params: z.object({}).strict(),
    data: inboxCountsSchema,
    access: SIGNED_IN,
  }),
};

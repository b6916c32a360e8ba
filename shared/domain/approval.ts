import type { Role } from './roles';

/** What an approval decision (审批意见) says. */
export const APPROVAL_DECISIONS = ['approve', 'return', 'reject'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

export const APPROVAL_DECISION_LABELS: Record<ApprovalDecision, string> = {
  approve: '同意',
  return: '退回修改',
  reject: '驳回',
};

/** What is being approved: payment requests, and contract changes, share one routing engine. */
export const APPROVAL_SUBJECTS = ['paymentRequest', 'contractChange'] as const;
export type ApprovalSubject = (typeof APPROVAL_SUBJECTS)[number];

export const APPROVAL_SUBJECT_LABELS: Record<ApprovalSubject, string> = {
  paymentRequest: '支付申请',
  contractChange: '合同变更',
};

/** Whose approvers a step draws from: the applicant's own office or the office above it. */
export const STEP_SCOPES = ['own', 'upper'] as const;
export type StepScope = (typeof STEP_SCOPES)[number];

export const STEP_SCOPE_LABELS: Record<StepScope, string> = {
  own: '本单位',
  upper: '上级单位',
};

/** any = one approver of the role suffices; all = every approver of the role signs (会签). */
export const STEP_MODES = ['any', 'all'] as const;
export type StepMode = (typeof STEP_MODES)[number];

export const STEP_MODE_LABELS: Record<StepMode, string> = {
  any: '任一人审批',
  all: '会签',
};

/** DMN hit policies the decision tables use. */
export const HIT_POLICIES = ['FIRST', 'COLLECT'] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];

export const HIT_POLICY_LABELS: Record<HitPolicy, string> = {
  FIRST: '首条命中',
  COLLECT: '全部命中合并',
};

/** The facts of a request a decision table may test (its input columns). */
export const DECISION_INPUTS = ['amount', 'projectType', 'fundSource', 'paymentKind'] as const;
export type DecisionInput = (typeof DECISION_INPUTS)[number];

export const DECISION_INPUT_LABELS: Record<DecisionInput, string> = {
  amount: '金额（分）',
  projectType: '项目类型',
  fundSource: '资金来源',
  paymentKind: '款项类型',
};

/** One step of an approval route, as a decision table's rule outputs it. */
export interface RouteStep {
  role: ApproverRole;
  scope: StepScope;
  mode: StepMode;
  /** what the approval sheet calls the step, e.g. 分管领导审批 */
  label: string;
}

/** R10: an administrator never approves, so no route step may name the admin role. */
export const APPROVER_ROLES = ['projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer'] as const satisfies readonly Role[];
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/**
 * The route a request or contract change was given when it was submitted, pinned to the version
 * of the decision table that made it, so later rule changes never re-route work in flight.
 */
export interface ApprovalRoute {
  decisionTableId: string;
  decisionTableVersion: number;
  routedAt: number;
  steps: RouteStep[];
  /** index of the step awaiting decisions; equals steps.length once the last step approved */
  currentStep: number;
}

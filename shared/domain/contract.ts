/** 合同状态. The amount of an active contract changes only through an approved ContractChange. */
export const CONTRACT_STATUSES = ['draft', 'active', 'completed', 'settled', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: '草拟',
  active: '履行中',
  completed: '已完工',
  settled: '已结算',
  terminated: '已终止',
};

/** 合同变更类型: an amount change, a change of payment terms, or a supplementary agreement. */
export const CONTRACT_CHANGE_KINDS = ['amount', 'terms', 'supplement'] as const;
export type ContractChangeKind = (typeof CONTRACT_CHANGE_KINDS)[number];

export const CONTRACT_CHANGE_KIND_LABELS: Record<ContractChangeKind, string> = {
  amount: '金额变更',
  terms: '付款条款变更',
  supplement: '补充协议',
};

/** A change is routed for approval like a request; approved → the contract's next version. */
export const CONTRACT_CHANGE_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ContractChangeStatus = (typeof CONTRACT_CHANGE_STATUSES)[number];

export const CONTRACT_CHANGE_STATUS_LABELS: Record<ContractChangeStatus, string> = {
  draft: '草稿',
  submitted: '审批中',
  approved: '已批准',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

/** 付款节点到期规则: a fixed date, or N days after acceptance (R1 counts from acceptance). */
export const MILESTONE_DUE_RULES = ['fixedDate', 'afterAcceptance'] as const;
export type MilestoneDueRule = (typeof MILESTONE_DUE_RULES)[number];

export const MILESTONE_DUE_RULE_LABELS: Record<MilestoneDueRule, string> = {
  fixedDate: '约定日期',
  afterAcceptance: '验收后天数',
};

export const MILESTONE_STATUSES = ['open', 'settled', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  open: '未结清',
  settled: '已结清',
  cancelled: '已取消',
};

/** 计量/进度确认: only confirmed certificates cap progress payments (R4). */
export const CERTIFICATE_STATUSES = ['draft', 'confirmed', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  draft: '草稿',
  confirmed: '已确认',
  revoked: '已撤销',
};

/**
 * The states of a payment request (支付申请) and the moves between them, as drawn in DOMAIN.md.
 * The table is data so the service, the UI (which buttons to show) and the tests share one truth.
 */
export const REQUEST_STATUSES = ['draft', 'submitted', 'approved', 'in_payment', 'paid', 'withdrawn', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  draft: '草稿',
  submitted: '审批中',
  approved: '已审批',
  in_payment: '支付中',
  paid: '已支付',
  withdrawn: '已撤回',
  rejected: '已驳回',
};

export const REQUEST_EVENTS = [
  'submit',
  'approveStep',
  'approveLast',
  'return',
  'withdraw',
  'reject',
  'batch',
  'receipt',
  'bankReturn',
] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];

export const REQUEST_EVENT_LABELS: Record<RequestEvent, string> = {
  submit: '提交',
  approveStep: '审批通过（进入下一步）',
  approveLast: '审批通过（末步）',
  return: '退回',
  withdraw: '撤回',
  reject: '驳回',
  batch: '纳入支付批次',
  receipt: '银行回单确认',
  bankReturn: '银行退汇',
};

export interface RequestTransition {
  readonly event: RequestEvent;
  readonly from: readonly RequestStatus[];
  readonly to: RequestStatus;
}

/**
 * Every allowed move; anything not listed is refused. A resubmit is `submit` from draft again
 * (退回 returns a request to draft and releases its reservation). A bank return (退汇) reported
 * while the request is in payment puts it back to approved, to be batched again.
 */
export const REQUEST_TRANSITIONS: readonly RequestTransition[] = [
  { event: 'submit', from: ['draft'], to: 'submitted' },
  { event: 'approveStep', from: ['submitted'], to: 'submitted' },
  { event: 'approveLast', from: ['submitted'], to: 'approved' },
  { event: 'return', from: ['submitted'], to: 'draft' },
  { event: 'withdraw', from: ['draft', 'submitted'], to: 'withdrawn' },
  { event: 'reject', from: ['submitted'], to: 'rejected' },
  { event: 'batch', from: ['approved'], to: 'in_payment' },
  { event: 'receipt', from: ['in_payment'], to: 'paid' },
  { event: 'bankReturn', from: ['in_payment'], to: 'approved' },
];

/** The state after `event`, or null when the move is not allowed from `from`. */
export function nextRequestStatus(from: RequestStatus, event: RequestEvent): RequestStatus | null {
  const move = REQUEST_TRANSITIONS.find((t) => t.event === event && t.from.includes(from));
  return move ? move.to : null;
}

/** States whose amount is held on the budget line and allocation (reserved, or consumed once paid). */
export const COMMITTING_STATUSES = ['submitted', 'approved', 'in_payment', 'paid'] as const satisfies readonly RequestStatus[];

/**
 * 款项类型 of a payment request and of a contract's payment milestone. Each kind has its own cap:
 * advance R3, progress R4, retention R5.
 */
export const PAYMENT_KINDS = ['advance', 'progress', 'settlement', 'retention', 'other'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
  advance: '预付款',
  progress: '进度款',
  settlement: '结算款',
  retention: '质量保证金',
  other: '其他款项',
};

/** A milestone (付款节点) is one of the contractual kinds; "other" exists only on requests. */
export const MILESTONE_KINDS = ['advance', 'progress', 'settlement', 'retention'] as const satisfies readonly PaymentKind[];
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export function isPaymentKind(value: unknown): value is PaymentKind {
  return typeof value === 'string' && (PAYMENT_KINDS as readonly string[]).includes(value);
}

import { PAYMENT_KINDS, PAYMENT_KIND_LABELS, type PaymentKind } from '../domain/payment-kind';
import { ATTACHMENT_PURPOSE_LABELS, EVIDENCE_RULES, type AttachmentPurpose } from './evidence';

/**
 * 申请模板 per kind: which fields the form asks for and which evidence it demands. The form is
 * built from this, the core checks against the same EVIDENCE_RULES, so the two cannot disagree.
 */
export interface RequestTemplate {
  kind: PaymentKind;
  label: string;
  /** R6: the labour part matters for progress and settlement of works */
  asksLabourAmount: boolean;
  /** the milestone the request pays (none for "other") */
  asksMilestone: boolean;
  /** what the cap is, in one line for the form */
  capNote: string;
  evidence: { purpose: AttachmentPurpose; label: string; required: boolean }[];
  basis: string;
  descriptionHint: string;
}

const DETAILS: Record<PaymentKind, Pick<RequestTemplate, 'asksLabourAmount' | 'asksMilestone' | 'capNote' | 'descriptionHint'>> = {
  advance: {
    asksLabourAmount: false,
    asksMilestone: true,
    capNote: '预付款累计不超过合同金额的 30%（R3），在以后的进度款中扣回',
    descriptionHint: '例：预付款（合同金额的 20%，按合同约定在进度款中扣回）',
  },
  progress: {
    asksLabourAmount: true,
    asksMilestone: true,
    capNote: '进度款累计不超过已确认完成产值扣除质保金、扣回预付款后的金额；低于 80% 将提示（R4）',
    descriptionHint: '例：2026-05 进度款（第 3 期，累计确认产值 ¥…）',
  },
  settlement: {
    asksLabourAmount: true,
    asksMilestone: true,
    capNote: '结算款与此前各款合计不超过合同金额，并预留质量保证金（R5）',
    descriptionHint: '例：竣工结算款（结算审定金额 ¥…，扣留质量保证金 ¥…）',
  },
  retention: {
    asksLabourAmount: false,
    asksMilestone: true,
    capNote: '缺陷责任期满后方可返还（R5）',
    descriptionHint: '例：质量保证金返还（缺陷责任期满，经验收无质量问题）',
  },
  other: {
    asksLabourAmount: false,
    asksMilestone: false,
    capNote: '与其他各款合计不超过合同金额',
    descriptionHint: '例：合同约定的其他费用',
  },
};

export function requestTemplate(kind: PaymentKind): RequestTemplate {
  const rule = EVIDENCE_RULES[kind];
  return {
    kind,
    label: PAYMENT_KIND_LABELS[kind],
    ...DETAILS[kind],
    evidence: [
      ...rule.required.map((purpose) => ({ purpose, label: ATTACHMENT_PURPOSE_LABELS[purpose], required: true })),
      ...rule.optional.map((purpose) => ({ purpose, label: ATTACHMENT_PURPOSE_LABELS[purpose], required: false })),
    ],
    basis: rule.basis,
  };
}

export const REQUEST_TEMPLATES: readonly RequestTemplate[] = PAYMENT_KINDS.map(requestTemplate);

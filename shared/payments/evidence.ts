import type { PaymentKind } from '../domain/payment-kind';

/**
 * What an attachment proves (用途). Stored on the attachment's metadata, so a request's evidence
 * can be checked against what its kind requires, and the approval sheet can list it by name.
 * The contract purposes are here too: the attachment store serves CONTRACTS as well.
 */
export const ATTACHMENT_PURPOSES = [
  'invoice',
  'progressCertificate',
  'acceptanceCertificate',
  'defectPeriodEnd',
  'contract',
  'advanceGuarantee',
  'signedContract',
  'supplementAgreement',
  'other',
] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

export const ATTACHMENT_PURPOSE_LABELS: Record<AttachmentPurpose, string> = {
  invoice: '发票',
  progressCertificate: '计量/进度确认单',
  acceptanceCertificate: '验收证明/结算审定书',
  defectPeriodEnd: '缺陷责任期满证明',
  contract: '合同文本',
  advanceGuarantee: '预付款保函',
  signedContract: '合同正本（电子签章）',
  supplementAgreement: '补充协议',
  other: '其他材料',
};

export function isAttachmentPurpose(value: unknown): value is AttachmentPurpose {
  return typeof value === 'string' && (ATTACHMENT_PURPOSES as readonly string[]).includes(value);
}

export interface EvidenceRule {
  /** attachments the request must carry, by purpose */
  required: readonly AttachmentPurpose[];
  /** offered in the form, never demanded */
  optional: readonly AttachmentPurpose[];
  /** where the requirement comes from, shown beside the template */
  basis: string;
}

/**
 * Evidence per kind (issue 4 item 4). Every kind needs an invoice: a government body pays
 * against a VAT invoice, and invariant 4 (an invoice paid once) can only hold if one is named.
 *
 * Advance: REGULATIONS R3 (财建〔2004〕369号 art. 12) allows an advance only under a signed
 * contract that agrees it, so the contract text is required. An advance guarantee (预付款保函)
 * is not demanded by any rule in REGULATIONS.md (it is a clause of the 清单计价规范 and of model
 * contracts), so it is optional: offices that agreed one attach it, and we do not refuse an
 * advance the law allows.
 */
export const EVIDENCE_RULES: Readonly<Record<PaymentKind, EvidenceRule>> = {
  advance: {
    required: ['invoice', 'contract'],
    optional: ['advanceGuarantee'],
    basis: '《建设工程价款结算暂行办法》第十二条：预付款须在合同中约定，须附合同文本',
  },
  progress: {
    required: ['invoice', 'progressCertificate'],
    optional: ['other'],
    basis: '财建〔2022〕183号：进度款按已确认的完成产值支付，须附计量/进度确认单',
  },
  settlement: {
    required: ['invoice', 'acceptanceCertificate'],
    optional: ['other'],
    basis: '竣工验收后按结算审定金额支付，须附验收证明或结算审定书',
  },
  retention: {
    required: ['invoice', 'defectPeriodEnd'],
    optional: ['other'],
    basis: '建质〔2017〕138号第七条：缺陷责任期满方可返还质量保证金，须附期满证明',
  },
  other: {
    required: ['invoice'],
    optional: ['other'],
    basis: '其他款项须附发票',
  },
};

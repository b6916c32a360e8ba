import { sm3Hex } from '../crypto';
import type { ApprovalDecision, ApprovalSubject, ApproverRole } from '../domain/approval';
import type { PaymentKind } from '../domain/payment-kind';
import { canonicalJson } from '../encoding/canonical-json';

/** What an approver signs (besides the decision itself): the request facts they vouch for. */
export interface PaymentRequestContent {
  requestNo: string;
  contractId: string;
  budgetLineId: string;
  kind: PaymentKind;
  amount: number;
  labourAmount: number;
  invoiceNos: readonly string[];
}

export interface ContractChangeContent {
  contractId: string;
  fromVersion: number;
  before: unknown;
  after: unknown;
  reason: string;
}

/** SM3 of the canonical JSON of the content a decision is about. */
export function requestContentHash(content: PaymentRequestContent): string {
  const { requestNo, contractId, budgetLineId, kind, amount, labourAmount, invoiceNos } = content;
  return sm3Hex(canonicalJson({ requestNo, contractId, budgetLineId, kind, amount, labourAmount, invoiceNos }));
}

export function changeContentHash(content: ContractChangeContent): string {
  const { contractId, fromVersion, before, after, reason } = content;
  return sm3Hex(canonicalJson({ contractId, fromVersion, before, after, reason }));
}

export interface SignedDecisionFields {
  subject: ApprovalSubject;
  requestId: string;
  step: number;
  stepRole: ApproverRole;
  userId: string;
  decision: ApprovalDecision;
  comment: string;
  signedAt: number;
  /** the user the signer stood in for (delegation); absent when they signed for themselves */
  onBehalfOf?: string | undefined;
}

/**
 * The SM3 the approver's SM2 key signs: a canonical JSON of the request id, the content hash,
 * the step, the decision, the comment, the signer and the time (and, for a delegate, whom they
 * stood in for). It is the same payload the seed signs its decisions with
 * (seed/approvals.ts decisionPayloadHash) — `onBehalfOf` is left out when absent — so seeded and
 * real decisions verify alike.
 */
export function decisionPayloadHash(fields: SignedDecisionFields, contentHash: string): string {
  return sm3Hex(
    canonicalJson({
      subject: fields.subject,
      requestId: fields.requestId,
      step: fields.step,
      stepRole: fields.stepRole,
      userId: fields.userId,
      decision: fields.decision,
      comment: fields.comment,
      signedAt: fields.signedAt,
      subjectHash: contentHash,
      onBehalfOf: fields.onBehalfOf,
    }),
  );
}

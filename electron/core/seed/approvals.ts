import { sm3Hex } from '../../../shared/crypto';
import type { ApprovalDecision, ApprovalSubject, ApproverRole } from '../../../shared/domain/approval';
import { canonicalJson } from '../../../shared/encoding/canonical-json';
import type { ApprovalDecisionDoc } from '../db/schemas';
import type { SeedContext, SeedUser } from './model';
import type { Prng } from './prng';
import type { SignJob } from './signer';

export const APPROVE_COMMENTS = ['同意', '同意支付', '情况属实，同意', '经审核，金额与计量确认一致，同意', '资料齐全，同意', '同意，请按程序办理'];
export const RETURN_COMMENTS = ['发票信息与合同不符，请核对后重新提交', '缺少监理签字的计量确认单，请补充', '农民工工资分账金额有误，请修改后重新提交'];
export const REJECT_COMMENTS = ['本期计量未经监理确认，不予支付', '申请金额超出本期确认产值，驳回', '与已支付款项重复，驳回'];

export interface DecisionSpec {
  step: number;
  role: ApproverRole;
  user: SeedUser;
  decision: ApprovalDecision;
  comment: string;
  at: number;
}

/**
 * What an approver signs: the decision and the SM3 of the request (or change) as they saw it.
 * The approval engine will define its own canonical payload; until then this is the seed's, and
 * the seed invariants verify signatures against it.
 */
export function decisionPayloadHash(
  decision: Pick<ApprovalDecisionDoc, 'subject' | 'requestId' | 'step' | 'stepRole' | 'userId' | 'decision' | 'comment' | 'signedAt'>,
  subjectHash: string,
): string {
  return sm3Hex(
    canonicalJson({
      subject: decision.subject,
      requestId: decision.requestId,
      step: decision.step,
      stepRole: decision.stepRole,
      userId: decision.userId,
      decision: decision.decision,
      comment: decision.comment,
      signedAt: decision.signedAt,
      subjectHash,
    }),
  );
}

/** The SM3 of what is being decided: the facts an approver vouches for. */
export function subjectHashOf(snapshot: Record<string, unknown>): string {
  return sm3Hex(canonicalJson(snapshot));
}

/** An append-only, SM2-signed 审批意见; the signature is made in bulk by the sink. */
export function decisionDoc(ctx: SeedContext, subject: ApprovalSubject, requestId: string, subjectHash: string, spec: DecisionSpec): { doc: ApprovalDecisionDoc; job: SignJob } {
  const base = {
    subject,
    requestId,
    step: spec.step,
    stepRole: spec.role,
    userId: spec.user.id,
    decision: spec.decision,
    comment: spec.comment,
    signedAt: spec.at,
  };
  const signedPayloadHash = decisionPayloadHash(base, subjectHash);
  const doc: ApprovalDecisionDoc = {
    id: ctx.ids.next(),
    unitId: ctx.org.county.id,
    createdBy: spec.user.id,
    createdAt: spec.at,
    updatedAt: spec.at,
    docType: 'approvalDecision',
    ...base,
    userName: spec.user.name,
    signedPayloadHash,
    signerPublicKey: spec.user.publicKey,
    signature: '',
  };
  return { doc, job: { message: signedPayloadHash, privateKey: spec.user.privateKey, publicKey: spec.user.publicKey } };
}

/** Who decides each role's step for a project: its lead, its leader, any finance officer. */
export function approverFor(ctx: SeedContext, prng: Prng, projectIndex: number, leadUserId: string, role: ApproverRole): SeedUser {
  const users = ctx.org.byRole[role];
  if (role === 'projectLead') {
    const lead = users.find((u) => u.id === leadUserId);
    if (lead) return lead;
  }
  if (role === 'leader') return users[projectIndex % users.length] ?? ctx.org.admin;
  return prng.pick(users);
}

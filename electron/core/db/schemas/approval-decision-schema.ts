import { docTypeField, type EntitySchema } from './entity-schema';
import {
  APPROVAL_DECISIONS,
  APPROVAL_SUBJECTS,
  APPROVER_ROLES,
  type ApprovalDecision,
  type ApprovalSubject,
  type ApproverRole,
} from '../../../../shared/domain/approval';
import { MAX_ROUTE_STEPS } from './route-parts';
import {
  boundedInteger,
  DOCUMENT_HEADER,
  enumOf,
  HEADER_REQUIRED,
  ID,
  SM2_PUBLIC_KEY,
  SM2_SIGNATURE,
  SM3_HASH,
  text,
  TIMESTAMP,
  type DocumentHeader,
} from './schema-parts';

/**
 * 审批意见, append-only. The approver signs `signedPayloadHash` (SM3 of the canonical decision and
 * the request as it was seen) with their SM2 key; the key is recorded so anyone can verify, and
 * the user's keyHistory proves it was theirs at `signedAt`.
 */
export interface ApprovalDecisionDoc extends DocumentHeader {
  docType: 'approvalDecision';
  subject: ApprovalSubject;
  /** the payment request or contract change decided on */
  requestId: string;
  /** index of the route step */
  step: number;
  /** the role the approver acted in */
  stepRole: ApproverRole;
  userId: string;
  userName: string;
  decision: ApprovalDecision;
  comment: string;
  signedAt: number;
  signedPayloadHash: string;
  signerPublicKey: string;
  signature: string;
  /** the user a delegate stood in for (审批委托); absent when the signer signed for themselves */
  onBehalfOf?: string;
}

export const approvalDecisionSchema: EntitySchema<ApprovalDecisionDoc> = {
  docType: 'approvalDecision',
  description: '审批意见（只增不改）：审批人对支付申请或合同变更某一步的意见，附SM2签名',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('approvalDecision'),
    subject: enumOf(APPROVAL_SUBJECTS),
    requestId: ID,
    step: boundedInteger(0, MAX_ROUTE_STEPS),
    stepRole: enumOf(APPROVER_ROLES),
    userId: ID,
    userName: text(40, 1),
    decision: enumOf(APPROVAL_DECISIONS),
    comment: text(500),
    signedAt: TIMESTAMP,
    signedPayloadHash: SM3_HASH,
    signerPublicKey: SM2_PUBLIC_KEY,
    signature: SM2_SIGNATURE,
    onBehalfOf: ID,
  },
  required: [
    ...HEADER_REQUIRED,
    'docType',
    'subject',
    'requestId',
    'step',
    'stepRole',
    'userId',
    'userName',
    'decision',
    'comment',
    'signedAt',
    'signedPayloadHash',
    'signerPublicKey',
    'signature',
  ],
  // the decisions of a request in step order (R10: one user, one step); a user's signing history
  indexes: [['requestId', 'step'], ['userId', 'signedAt']],
};

import type { Person, ProgressInput } from '../../../shared/approval/approval-progress';
import { changeContentHash, requestContentHash } from '../../../shared/approval/decision-payload';
import type { ApprovalRoute, ApprovalSubject } from '../../../shared/domain/approval';
import { AppError } from '../../../shared/errors';
import type { GovPayDatabase } from '../db/database';
import type { ApprovalDecisionDoc, ContractChangeDoc, ContractDoc, PaymentRequestDoc, UserDoc } from '../db/schemas';
import type { DelegationStore } from './delegation-store';

/** A payment request or a contract change, seen the way approval needs it. */
export interface SubjectRecord {
  subject: ApprovalSubject;
  id: string;
  unitId: string;
  applicantId: string;
  /** true while it waits for decisions */
  inApproval: boolean;
  route: ApprovalRoute | null;
  /** SM3 of the content an approver vouches for (decision-payload.ts) */
  contentHash: string;
  /** what people call it: 申请编号, or the change's contract and kind */
  title: string;
  amount: number;
  request: PaymentRequestDoc | null;
  change: ContractChangeDoc | null;
}

export function requestRecord(doc: PaymentRequestDoc): SubjectRecord {
  return {
    subject: 'paymentRequest',
    id: doc.id,
    unitId: doc.unitId,
    applicantId: doc.applicantId,
    inApproval: doc.status === 'submitted',
    route: doc.route,
    contentHash: requestContentHash(doc),
    title: doc.requestNo,
    amount: doc.amount,
    request: doc,
    change: null,
  };
}

export function changeRecord(doc: ContractChangeDoc, contractNo: string): SubjectRecord {
  return {
    subject: 'contractChange',
    id: doc.id,
    unitId: doc.unitId,
    // a change is filed by whoever drafted it: they answer for it and may not approve it (R10)
    applicantId: doc.createdBy,
    inApproval: doc.status === 'submitted',
    route: doc.route,
    contentHash: changeContentHash(doc),
    title: `${contractNo} 合同变更`,
    amount: doc.after.amount,
    request: null,
    change: doc,
  };
}

export async function loadSubject(db: GovPayDatabase, subject: ApprovalSubject, id: string): Promise<SubjectRecord> {
  if (subject === 'paymentRequest') {
    const doc = await db.payments.findOne(id).exec();
    if (!doc || doc.docType !== 'paymentRequest') throw new AppError('NOT_FOUND', '支付申请不存在', 'requestId');
    return requestRecord(doc.toMutableJSON() as PaymentRequestDoc);
  }
  const doc = await db.contracts.findOne(id).exec();
  if (!doc || doc.docType !== 'contractChange') throw new AppError('NOT_FOUND', '合同变更不存在', 'requestId');
  const change = doc.toMutableJSON() as ContractChangeDoc;
  const contract = await db.contracts.findOne(change.contractId).exec();
  const contractNo = contract && contract.docType === 'contract' ? (contract.toJSON() as ContractDoc).code : '';
  return changeRecord(change, contractNo);
}

export async function decisionsOf(db: GovPayDatabase, requestId: string): Promise<ApprovalDecisionDoc[]> {
  const docs = await db.records.find({ selector: { docType: 'approvalDecision', requestId }, sort: [{ docType: 'asc' }, { requestId: 'asc' }, { step: 'asc' }] }).exec();
  return docs.map((d) => d.toJSON() as ApprovalDecisionDoc).sort((a, b) => a.signedAt - b.signedAt);
}

export function personOf(user: UserDoc): Person {
  return { id: user.id, name: user.name, roles: user.roles, unitId: user.unitId, disabled: user.disabled };
}

/** The people of the request's office and the office above it (the units a step may draw from). */
export async function officesOf(db: GovPayDatabase, unitId: string): Promise<{ upperUnitId: string | null; people: UserDoc[] }> {
  const unit = await db.units.findOne(unitId).exec();
  const upperUnitId = unit?.parentId ?? null;
  const unitIds = upperUnitId ? [unitId, upperUnitId] : [unitId];
  const users = await db.users.find({ selector: { unitId: { $in: unitIds } } }).exec();
  return { upperUnitId, people: users.map((u) => u.toMutableJSON() as UserDoc) };
}

/** Everything the R10 check (shared/approval/approval-progress.ts) reads about one subject. */
export async function progressInputOf(db: GovPayDatabase, delegations: DelegationStore, record: SubjectRecord): Promise<{ input: ProgressInput; users: Map<string, UserDoc>; decisions: ApprovalDecisionDoc[] }> {
  const route = record.route;
  if (!route) throw new AppError('APPROVAL_STATE_INVALID', `${record.title}尚未提交审批，没有审批路线`, 'requestId');
  const { upperUnitId, people } = await officesOf(db, record.unitId);
  const decisions = await decisionsOf(db, record.id);
  const input: ProgressInput = {
    steps: route.steps,
    currentStep: route.currentStep,
    routedAt: route.routedAt,
    applicantId: record.applicantId,
    requestUnitId: record.unitId,
    upperUnitId,
    people: people.map(personOf),
    decisions: decisions.map((d) => ({ userId: d.userId, onBehalfOf: d.onBehalfOf, step: d.step, decision: d.decision, signedAt: d.signedAt })),
    delegations: await delegations.activeNow(),
  };
  return { input, users: new Map(people.map((u) => [u.id, u])), decisions };
}

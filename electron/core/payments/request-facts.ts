import { COMMITTING_STATUSES } from '../../../shared/domain/payment-request-status';
import { AppError } from '../../../shared/errors';
import { isAttachmentPurpose, type AttachmentPurpose } from '../../../shared/payments/evidence';
import type { CommittedByKind, RequestFacts } from '../../../shared/payments/request-rules';
import type { Actor } from '../api/handler-types';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { GovPayDatabase } from '../db/database';
import type {
  AttachmentDoc,
  BudgetLineDoc,
  ContractDoc,
  MilestoneDoc,
  PaymentRequestDoc,
  ProgressCertificateDoc,
  ProjectDoc,
} from '../db/schemas';
import type { InvoiceIndex } from './invoice-index';

/** The documents a request stands on, loaded and checked to belong together. */
export interface RequestContext {
  contract: ContractDoc;
  project: ProjectDoc;
  line: BudgetLineDoc;
  milestone: MilestoneDoc | null;
  attachments: AttachmentDoc[];
}

export interface RequestParts {
  contractId: string;
  budgetLineId: string;
  milestoneId: string | null;
  kind: PaymentRequestDoc['kind'];
  attachmentIds: readonly string[];
}

/** Today in China (UTC+8, one time zone), as YYYY-MM-DD: days of rules are calendar days there. */
export function chinaDay(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function byId<T>(db: GovPayDatabase, collection: 'projects' | 'contracts', id: string, docType: string): Promise<T | null> {
  const doc = await db[collection].findOne(id).exec();
  const data = doc?.toJSON() as ({ docType: string } & T) | undefined;
  return data && data.docType === docType ? data : null;
}

/**
 * Loads contract, project, budget line, milestone and attachments and checks that they fit:
 * everything in the actor's scope, the line belongs to the contract's project, the milestone to
 * the contract and the kind. These are shape errors: even a draft cannot be saved with them.
 */
export async function loadContext(db: GovPayDatabase, store: AttachmentStore, parts: RequestParts, actor: Actor): Promise<RequestContext> {
  const contract = await byId<ContractDoc>(db, 'contracts', parts.contractId, 'contract');
  if (!contract) throw new AppError('NOT_FOUND', '合同不存在', 'contractId');
  if (!actor.scopeUnitIds.includes(contract.unitId)) throw new AppError('OUT_OF_SCOPE', undefined, 'contractId');
  // independent reads once the contract is known: issued together
  const [project, line, milestone, attachments] = await Promise.all([
    byId<ProjectDoc>(db, 'projects', contract.projectId, 'project'),
    byId<BudgetLineDoc>(db, 'projects', parts.budgetLineId, 'budgetLine'),
    parts.milestoneId === null ? Promise.resolve(null) : byId<MilestoneDoc>(db, 'contracts', parts.milestoneId, 'milestone'),
    store.getMany(parts.attachmentIds, actor),
  ]);
  if (!project) throw new AppError('NOT_FOUND', '合同所属项目不存在', 'contractId');
  if (!line) throw new AppError('NOT_FOUND', '预算指标不存在', 'budgetLineId');
  if (line.projectId !== contract.projectId) {
    throw new AppError('VALIDATION_FAILED', `预算指标不属于合同 ${contract.code} 所在的项目“${project.name}”`, 'budgetLineId');
  }
  if (parts.milestoneId !== null) {
    if (!milestone || milestone.contractId !== contract.id) throw new AppError('VALIDATION_FAILED', '付款节点不属于该合同', 'milestoneId');
    if (milestone.kind !== parts.kind) throw new AppError('VALIDATION_FAILED', `付款节点“${milestone.name}”与款项类型不一致`, 'milestoneId');
  }
  return { contract, project, line, milestone, attachments };
}

/** Σ of the contract's committing requests per kind, the request itself left out. */
export async function committedByKind(db: GovPayDatabase, contractId: string, exceptId: string | null): Promise<CommittedByKind> {
  // one exact range of the [contractId, status] index per status: `$in` would read and match
  // every request of the contract, drafts and withdrawn ones included (see BudgetService)
  const perStatus = await Promise.all(
    COMMITTING_STATUSES.map((status) => db.payments.find({ selector: { docType: 'paymentRequest', contractId, status } }).exec()),
  );
  const out: CommittedByKind = { advance: 0, progress: 0, settlement: 0, retention: 0, other: 0 };
  for (const rx of perStatus.flat()) {
    const r = rx.toJSON() as PaymentRequestDoc;
    if (r.id !== exceptId) out[r.kind] += r.amount;
  }
  return out;
}

/** R4: the cumulative value of the latest CONFIRMED 计量/进度确认 (drafts and revoked ones do not count). */
export async function cumulativeCertified(db: GovPayDatabase, contractId: string): Promise<number> {
  const latest = await db.contracts
    .findOne({ selector: { docType: 'progressCertificate', contractId, status: 'confirmed' }, sort: [{ docType: 'desc' }, { contractId: 'desc' }, { status: 'desc' }, { period: 'desc' }] })
    .exec();
  return latest ? (latest.toJSON() as ProgressCertificateDoc).cumulativeCertified : 0;
}

/** R5: the end of the defect-liability period is the retention milestone's due date. */
export async function defectPeriodEnd(db: GovPayDatabase, contractId: string): Promise<string | null> {
  const docs = await db.contracts.find({ selector: { docType: 'milestone', contractId } }).exec();
  const retention = docs.map((d) => d.toJSON() as MilestoneDoc).find((m) => m.kind === 'retention');
  return retention?.dueDate ?? null;
}

export function purposesOf(attachments: readonly AttachmentDoc[]): (AttachmentPurpose | null)[] {
  return attachments.map((a) => (isAttachmentPurpose(a.purpose) ? a.purpose : null));
}

/** Everything evaluateRequest needs, read inside the caller's unit of work when enforcing. */
export async function requestFacts(
  db: GovPayDatabase,
  invoices: InvoiceIndex,
  ctx: RequestContext,
  request: { id: string | null; kind: PaymentRequestDoc['kind']; amount: number; labourAmount: number; invoiceNos: readonly string[] },
  now: number,
  /** submit: only submitted requests' claims count; the form's check warns about drafts too */
  claimsOnly = false,
  /** the contract's committed sums from the index: only while the unit of work wrote no request */
  totalsFromIndex = false,
): Promise<RequestFacts> {
  const [committed, certified, defectEnd, inUse] = await Promise.all([
    totalsFromIndex ? invoices.committedByKind(ctx.contract.id, request.id) : committedByKind(db, ctx.contract.id, request.id),
    cumulativeCertified(db, ctx.contract.id),
    defectPeriodEnd(db, ctx.contract.id),
    invoices.inUse(request.invoiceNos, request.id, claimsOnly),
  ]);
  return {
    kind: request.kind,
    amount: request.amount,
    labourAmount: request.labourAmount,
    invoiceNos: request.invoiceNos,
    evidence: purposesOf(ctx.attachments),
    contract: { code: ctx.contract.code, amount: ctx.contract.amount, retentionRate: ctx.contract.retentionRate, status: ctx.contract.status },
    committed,
    cumulativeCertified: certified,
    defectPeriodEnd: defectEnd,
    today: chinaDay(now),
    invoicesInUse: inUse,
  };
}

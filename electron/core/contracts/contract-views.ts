import { categoryOf, termChanges } from '../../../shared/contracts';
import type {
  CertificateView,
  ChangeView,
  ContractView,
  MilestoneView,
  VersionView,
} from '../../../shared/contracts/contract-api-schemas';
import { COMMITTING_STATUSES } from '../../../shared/domain/payment-request-status';
import type { GovPayDatabase } from '../db/database';
import {
  isDocOfType,
  type ApprovalDecisionDoc,
  type ContractChangeDoc,
  type ContractDoc,
  type MilestoneDoc,
  type PaymentRequestDoc,
  type ProgressCertificateDoc,
} from '../db/schemas';

/** Reads the names and sums views show, once per call rather than once per row. */
export class ViewLookups {
  private readonly users = new Map<string, string>();
  private readonly projects = new Map<string, string>();

  constructor(private readonly db: GovPayDatabase) {}

  async userName(id: string | null | undefined): Promise<string | null> {
    if (!id) return null;
    const cached = this.users.get(id);
    if (cached !== undefined) return cached;
    const doc = await this.db.users.findOne(id).exec();
    const name = doc?.name ?? id;
    this.users.set(id, name);
    return name;
  }

  async projectName(id: string): Promise<string> {
    const cached = this.projects.get(id);
    if (cached !== undefined) return cached;
    const doc = await this.db.projects.findOne(id).exec();
    const name = doc && 'name' in doc ? String(doc.name) : '';
    this.projects.set(id, name);
    return name;
  }

  /** The payment requests of some contracts (all states), grouped by contract. */
  async requestsOf(contractIds: readonly string[]): Promise<Map<string, PaymentRequestDoc[]>> {
    const out = new Map<string, PaymentRequestDoc[]>();
    if (contractIds.length === 0) return out;
    const docs = await this.db.payments.find({ selector: { docType: 'paymentRequest', contractId: { $in: [...contractIds] } } }).exec();
    for (const d of docs) {
      const r = d.toJSON();
      if (!isDocOfType(r, 'paymentRequest')) continue;
      out.set(r.contractId, [...(out.get(r.contractId) ?? []), r as PaymentRequestDoc]);
    }
    return out;
  }

  async decisionsOf(changeId: string): Promise<ApprovalDecisionDoc[]> {
    const docs = await this.db.records.find({ selector: { docType: 'approvalDecision', requestId: changeId } }).exec();
    return docs
      .map((d) => d.toJSON())
      .filter((d): d is ApprovalDecisionDoc => isDocOfType(d, 'approvalDecision') && d.subject === 'contractChange')
      .sort((a, b) => a.signedAt - b.signedAt);
  }
}

const RESERVING = new Set<string>(COMMITTING_STATUSES.filter((s) => s !== 'paid'));

export async function contractView(
  doc: ContractDoc,
  counterparty: { name: string; isSme: boolean },
  requests: readonly PaymentRequestDoc[],
  lookups: ViewLookups,
): Promise<ContractView> {
  const paid = requests.filter((r) => r.status === 'paid').reduce((s, r) => s + r.amount, 0);
  const reserved = requests.filter((r) => RESERVING.has(r.status)).reduce((s, r) => s + r.amount, 0);
  return {
    id: doc.id,
    unitId: doc.unitId,
    code: doc.code,
    name: doc.name,
    projectId: doc.projectId,
    projectName: await lookups.projectName(doc.projectId),
    counterpartyId: doc.counterpartyId,
    counterpartyName: counterparty.name,
    counterpartyIsSme: counterparty.isSme,
    budgetLineId: doc.budgetLineId ?? null,
    category: categoryOf(doc),
    amount: doc.amount,
    signedAt: doc.signedAt,
    signedByName: await lookups.userName(doc.signedBy ?? (doc.signedAt ? doc.createdBy : null)),
    paymentTermDays: doc.paymentTermDays,
    labourShare: doc.labourShare,
    retentionRate: doc.retentionRate,
    status: doc.status,
    version: doc.version,
    endDate: doc.endDate ?? null,
    documentHash: doc.documentHash,
    paid,
    reserved,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function milestoneView(m: MilestoneDoc, contractAmount: number, requests: readonly PaymentRequestDoc[]): MilestoneView {
  const paidAmount = requests.filter((r) => r.milestoneId === m.id && r.status === 'paid').reduce((s, r) => s + r.amount, 0);
  return {
    id: m.id,
    seq: m.seq,
    name: m.name,
    kind: m.kind,
    ratio: m.ratio,
    dueRule: m.dueRule,
    dueDays: m.dueDays,
    acceptedAt: m.acceptedAt,
    dueDate: m.dueDate ?? null,
    status: m.status,
    // progress is paid on the certified value, so it has no fixed share of the contract
    plannedAmount: m.kind === 'progress' ? null : Math.floor((contractAmount * m.ratio) / 10_000),
    paidAmount,
  };
}

export function certificateView(c: ProgressCertificateDoc): CertificateView {
  return {
    id: c.id,
    contractId: c.contractId,
    period: c.period,
    certifiedValue: c.certifiedValue,
    cumulativeCertified: c.cumulativeCertified,
    certifiedAt: c.certifiedAt,
    certifiedByName: c.certifiedByName,
    attachmentIds: c.attachmentIds,
    status: c.status,
    createdAt: c.createdAt,
  };
}

function signers(decisions: readonly ApprovalDecisionDoc[]): ChangeView['decisions'] {
  return decisions.map((d) => ({
    decisionId: d.id,
    step: d.step,
    stepRole: d.stepRole,
    userName: d.userName,
    decision: d.decision,
    comment: d.comment,
    signedAt: d.signedAt,
  }));
}

export async function changeView(c: ContractChangeDoc, lookups: ViewLookups): Promise<ChangeView> {
  const decisions = await lookups.decisionsOf(c.id);
  return {
    id: c.id,
    contractId: c.contractId,
    kind: c.kind,
    fromVersion: c.fromVersion,
    toVersion: c.toVersion ?? (c.status === 'approved' ? c.fromVersion + 1 : null),
    before: c.before,
    after: c.after,
    changes: termChanges(c.before, c.after),
    reason: c.reason,
    status: c.status,
    steps: (c.route?.steps ?? []).map((s) => ({ label: s.label, role: s.role, scope: s.scope, mode: s.mode })),
    currentStep: c.route?.currentStep ?? null,
    decisions: signers(decisions),
    createdAt: c.createdAt,
    createdByName: (await lookups.userName(c.createdBy)) ?? c.createdBy,
  };
}

/**
 * The version history: version 1 as signed, then one entry per approved change in the order the
 * versions follow, each with what changed and the signed decisions that approved it.
 */
export async function versionViews(contract: ContractDoc, changes: readonly ContractChangeDoc[], lookups: ViewLookups): Promise<VersionView[]> {
  const out: VersionView[] = [];
  if (contract.signedAt) {
    out.push({
      version: 1,
      origin: 'signed',
      at: contract.signedAt,
      changeId: null,
      changes: [],
      reason: null,
      signers: [],
      recordedByName: await lookups.userName(contract.signedBy ?? contract.createdBy),
    });
  }
  const approved = changes.filter((c) => c.status === 'approved').sort((a, b) => a.fromVersion - b.fromVersion || a.createdAt - b.createdAt);
  for (const c of approved) {
    const decisions = await lookups.decisionsOf(c.id);
    const wanted = c.decisionIds ? new Set(c.decisionIds) : null;
    out.push({
      version: c.toVersion ?? c.fromVersion + 1,
      origin: 'change',
      at: new Date((c.appliedAt ?? c.updatedAt) + 8 * 3_600_000).toISOString().slice(0, 10),
      changeId: c.id,
      changes: termChanges(c.before, c.after),
      reason: c.reason,
      signers: signers(wanted ? decisions.filter((d) => wanted.has(d.id)) : decisions.filter((d) => d.decision === 'approve')),
      recordedByName: await lookups.userName(c.createdBy),
    });
  }
  return out;
}

import type { ContractDetail, ContractView } from '../../../shared/contracts/contract-api-schemas';
import type { ContractStatus } from '../../../shared/domain/contract';
import type { Actor } from '../api/handler-types';
import { isDocOfType, type ContractDoc, type CounterpartyDoc } from '../db/schemas';
import { CertificateService } from './certificate-service';
import { CONTRACT_READERS, requireRole } from './contract-access';
import { ContractChangeService } from './contract-change-service';
import { ContractDocuments } from './contract-document';
import { ContractDrafts } from './contract-drafts';
import type { ContractDeps } from './contract-ports';
import { findOfType, loadInScope } from './contract-records';
import { contractReminders } from './contract-reminders';
import { certificateView, changeView, contractView, milestoneView, versionViews, ViewLookups } from './contract-views';
import { CounterpartyService } from './counterparty-service';

export interface ContractFilter {
  projectId?: string | undefined;
  counterpartyId?: string | undefined;
  status?: ContractStatus | undefined;
  search?: string | undefined;
}

/**
 * `services.contracts`: counterparties, contracts, milestones, changes, certificates and the
 * signed document, one object per concern behind it. APPROVAL calls the three change methods
 * from inside its own runAtomically; they join that unit of work.
 */
export class ContractService {
  readonly counterparties: CounterpartyService;
  readonly drafts: ContractDrafts;
  readonly changes: ContractChangeService;
  readonly certificates: CertificateService;
  readonly documents: ContractDocuments;

  constructor(private readonly deps: ContractDeps) {
    this.counterparties = new CounterpartyService(deps);
    this.drafts = new ContractDrafts(deps);
    this.changes = new ContractChangeService(deps);
    this.certificates = new CertificateService(deps);
    this.documents = new ContractDocuments(deps);
  }

  /** APPROVAL: the last step approved a contract change → the contract's next version. */
  async applyApprovedChange(changeId: string, actor: Actor): Promise<void> {
    await this.changes.applyApprovedChange(changeId, actor);
  }

  /** APPROVAL: a step returned the change for edits (退回). */
  markChangeReturned(changeId: string, actor: Actor): Promise<void> {
    return this.changes.markChangeReturned(changeId, actor);
  }

  /** APPROVAL: a step rejected the change (驳回). */
  markChangeRejected(changeId: string, actor: Actor): Promise<void> {
    return this.changes.markChangeRejected(changeId, actor);
  }

  reminders(actor: Actor) {
    return contractReminders(this.deps, actor);
  }

  private async payeesOf(contracts: readonly ContractDoc[]): Promise<Map<string, CounterpartyDoc>> {
    const ids = [...new Set(contracts.map((c) => c.counterpartyId))];
    const docs = ids.length === 0 ? [] : await findOfType(this.deps.db, 'counterparty', { id: { $in: ids } });
    return new Map(docs.map((d) => [d.id, d]));
  }

  async views(contracts: readonly ContractDoc[]): Promise<ContractView[]> {
    const lookups = new ViewLookups(this.deps.db);
    const payees = await this.payeesOf(contracts);
    const requests = await lookups.requestsOf(contracts.map((c) => c.id));
    const out: ContractView[] = [];
    for (const c of contracts) {
      const payee = payees.get(c.counterpartyId);
      out.push(await contractView(c, { name: payee?.name ?? '', isSme: payee?.isSme ?? false }, requests.get(c.id) ?? [], lookups));
    }
    return out;
  }

  async list(actor: Actor, filter: ContractFilter): Promise<ContractView[]> {
    requireRole(actor, CONTRACT_READERS);
    const selector: Record<string, unknown> = { unitId: { $in: [...actor.scopeUnitIds] } };
    if (filter.projectId) selector['projectId'] = filter.projectId;
    if (filter.counterpartyId) selector['counterpartyId'] = filter.counterpartyId;
    if (filter.status) selector['status'] = filter.status;
    let docs = await findOfType(this.deps.db, 'contract', selector);
    const term = filter.search?.trim();
    if (term) {
      const payees = await this.payeesOf(docs);
      docs = docs.filter((c) => c.code.includes(term) || c.name.includes(term) || (payees.get(c.counterpartyId)?.name.includes(term) ?? false));
    }
    docs.sort((a, b) => (b.signedAt ?? '9999').localeCompare(a.signedAt ?? '9999') || b.createdAt - a.createdAt);
    return this.views(docs);
  }

  async detail(actor: Actor, contractId: string): Promise<ContractDetail> {
    requireRole(actor, CONTRACT_READERS);
    const { db } = this.deps;
    const contract = await loadInScope(db, 'contract', contractId, actor, 'contractId');
    const payee = await loadInScope(db, 'counterparty', contract.counterpartyId, actor, 'counterpartyId');
    const lookups = new ViewLookups(db);
    const requests = (await lookups.requestsOf([contractId])).get(contractId) ?? [];
    const milestones = (await findOfType(db, 'milestone', { contractId })).sort((a, b) => a.seq - b.seq);
    const certificates = (await findOfType(db, 'progressCertificate', { contractId })).sort((a, b) => a.period.localeCompare(b.period));
    const changes = (await findOfType(db, 'contractChange', { contractId })).sort((a, b) => b.createdAt - a.createdAt);
    const seal = contract.document;
    return {
      contract: await contractView(contract, payee, requests, lookups),
      counterparty: this.counterparties.view(payee, actor),
      milestones: milestones.map((m) => milestoneView(m, contract.amount, requests)),
      certificates: certificates.map(certificateView),
      changes: await Promise.all(changes.map((c) => changeView(c, lookups))),
      versions: await versionViews(contract, changes, lookups),
      document: seal
        ? {
            attachmentId: seal.attachmentId,
            fileName: seal.fileName,
            sm3: seal.sm3,
            signerPublicKey: seal.signerPublicKey,
            signerDeviceId: seal.signerDeviceId,
            archivedAt: seal.archivedAt,
            archivedByName: (await lookups.userName(seal.archivedBy)) ?? seal.archivedBy,
          }
        : null,
    };
  }

  /** The projects and budget lines a new contract may be drawn against, in the actor's scope. */
  async formOptions(actor: Actor) {
    const docs = (await this.deps.db.projects.find({ selector: { unitId: { $in: [...actor.scopeUnitIds] } } }).exec()).map((d) => d.toJSON());
    const projects = docs
      .filter((d) => isDocOfType(d, 'project'))
      .filter((p) => p.status === 'preparing' || p.status === 'active')
      .map((p) => ({ id: p.id, code: p.code, name: p.name, type: p.type }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const open = new Set(projects.map((p) => p.id));
    const budgetLines = docs
      .filter((d) => isDocOfType(d, 'budgetLine'))
      .filter((l) => open.has(l.projectId))
      .map((l) => ({ id: l.id, projectId: l.projectId, year: l.year, subjectCode: l.subjectCode, fundSource: l.fundSource, amount: l.amount }))
      .sort((a, b) => b.year - a.year);
    return { projects, budgetLines };
  }
}

import { categoryOf, contractTermViolations, termChanges, type MilestoneTerm, type VersionTerms } from '../../../shared/contracts';
import { CONTRACT_CHANGE_KIND_LABELS, type ContractChangeKind } from '../../../shared/domain/contract';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { formatFen } from '../../../shared/money';
import { runAtomically } from '../app/unit-of-work';
import type { Actor } from '../api/handler-types';
import { isDocOfType, type ContractChangeDoc, type ContractDoc, type ContractTerms } from '../db/schemas';
import { auditActor, requireRole } from './contract-access';
import { throwFirst } from './contract-drafts';
import { checkFundsInPlace } from './contract-funds';
import type { ContractDeps } from './contract-ports';
import { contractPolicy, findOfType, loadInScope, patchDoc } from './contract-records';
import { termOfMilestone } from './contract-terms';
import { applySchedule, assertScheduleReplaceable, committedOnContract } from './contract-schedule';

/** What a change order proposes: the full terms after it (absent end date / milestones = unchanged). */
export interface ChangeProposal {
  contractId: string;
  kind: ContractChangeKind;
  reason: string;
  amount: number;
  paymentTermDays: number;
  labourShare: number;
  retentionRate: number;
  endDate?: string | null | undefined;
  milestones?: MilestoneTerm[] | undefined;
  attachmentId?: string | null | undefined;
}

/** Contracts whose terms may still change: signed and not yet settled or terminated. */
const CHANGEABLE = new Set<ContractDoc['status']>(['active', 'completed']);

/**
 * 合同变更/补充协议. A projectLead submits the full terms after the change; the rules of a new
 * contract apply to them (R1, R3–R6, and R7 for an increase); APPROVAL routes and decides. The
 * three `…Change` methods below are APPROVAL's calls: they join the caller's unit of work
 * (runAtomically does that by itself when the lock is already held), so the decision, the new
 * contract version and both audit events commit together.
 */
export class ContractChangeService {
  constructor(private readonly deps: ContractDeps) {}

  private async currentTerms(contract: ContractDoc): Promise<{ terms: VersionTerms; schedule: MilestoneTerm[] }> {
    const milestones = (await findOfType(this.deps.db, 'milestone', { contractId: contract.id })).filter((m) => m.status !== 'cancelled').sort((a, b) => a.seq - b.seq);
    const schedule = milestones.map(termOfMilestone);
    const terms: VersionTerms = {
      amount: contract.amount,
      paymentTermDays: contract.paymentTermDays,
      labourShare: contract.labourShare,
      retentionRate: contract.retentionRate,
      endDate: contract.endDate ?? null,
      milestones: schedule,
    };
    return { terms, schedule };
  }

  /** Every rule a change's result must meet, checked at submission and again when applied. */
  private async checkResult(actor: Actor, contract: ContractDoc, after: ContractTerms, schedule: readonly MilestoneTerm[]): Promise<void> {
    const { db } = this.deps;
    const payee = await loadInScope(db, 'counterparty', contract.counterpartyId, actor, 'counterpartyId');
    const policy = await contractPolicy(db);
    const terms = {
      amount: after.amount,
      category: categoryOf(contract),
      paymentTermDays: after.paymentTermDays,
      backToBack: false,
      labourShare: after.labourShare,
      retentionRate: after.retentionRate,
      milestones: after.milestones ?? schedule,
    };
    throwFirst(contractTermViolations(terms, { isSme: payee.isSme, hasWageAccount: payee.wageAccountEnc !== null }, policy));
    const committed = await committedOnContract(db, contract.id);
    if (after.amount < committed) {
      throw new AppError('CONTRACT_TERMS_INVALID', `变更后的合同金额不能低于已申请（占用及已付）的 ${formatFen(committed)}`, 'amount');
    }
    if (after.milestones) await assertScheduleReplaceable(db, contract.id, after.milestones);
    if (after.amount > contract.amount) {
      if (!contract.budgetLineId) {
        throw new AppError('CONTRACT_FUNDS_NOT_IN_PLACE', 'R7：该合同未登记预算指标，无法核实增加部分的资金是否落实（《政府投资条例》第二十二条）', 'amount');
      }
      await checkFundsInPlace(db, this.deps.budget(), { id: contract.id, projectId: contract.projectId, budgetLineId: contract.budgetLineId }, after.amount, 'amount');
    }
  }

  async submit(actor: Actor, proposal: ChangeProposal): Promise<ContractChangeDoc> {
    requireRole(actor, ['projectLead']);
    const { db, lock, audit, clock } = this.deps;
    return runAtomically(lock, db, async () => {
      const contract = await loadInScope(db, 'contract', proposal.contractId, actor, 'contractId');
      if (!CHANGEABLE.has(contract.status)) throw new AppError('CONTRACT_STATE_INVALID', '只有履行中或已完工的合同可以变更', 'contractId');
      const pending = await findOfType(db, 'contractChange', { contractId: contract.id, status: 'submitted' });
      if (pending.length > 0) throw new AppError('CONTRACT_CHANGE_STATE_INVALID', '该合同已有一项变更在审批中，请待其办结后再提交', 'contractId');
      const { terms: before, schedule } = await this.currentTerms(contract);
      const after: ContractTerms = {
        amount: proposal.amount,
        paymentTermDays: proposal.paymentTermDays,
        labourShare: proposal.labourShare,
        retentionRate: proposal.retentionRate,
        ...(proposal.endDate !== undefined ? { endDate: proposal.endDate } : {}),
        ...(proposal.milestones !== undefined ? { milestones: proposal.milestones } : {}),
      };
      const changed = termChanges(before, after);
      if (changed.length === 0) throw new AppError('CONTRACT_TERMS_INVALID', '变更后的条款与现行版本相同', 'amount');
      if (proposal.kind === 'amount' && after.amount === before.amount) throw new AppError('CONTRACT_TERMS_INVALID', '金额变更须改变合同金额', 'amount');
      if (proposal.kind === 'terms' && after.amount !== before.amount) throw new AppError('CONTRACT_TERMS_INVALID', '付款条款变更不能改变合同金额；请选择“金额变更”或“补充协议”', 'kind');
      await this.checkResult(actor, contract, after, schedule);
      const route = await this.deps.approval().routeFor('contractChange', await this.routeFacts(contract, Math.abs(after.amount - before.amount)));
      const now = clock.now();
      const storedBefore: ContractTerms = { amount: before.amount, paymentTermDays: before.paymentTermDays, labourShare: before.labourShare, retentionRate: before.retentionRate };
      if (after.endDate !== undefined) storedBefore.endDate = before.endDate ?? null;
      if (after.milestones !== undefined) storedBefore.milestones = schedule;
      const doc: ContractChangeDoc = {
        id: newId(),
        unitId: contract.unitId,
        createdBy: actor.user.id,
        createdAt: now,
        updatedAt: now,
        docType: 'contractChange',
        contractId: contract.id,
        kind: proposal.kind,
        fromVersion: contract.version,
        before: storedBefore,
        after,
        reason: proposal.reason,
        status: 'submitted',
        route,
        documentHash: null,
        ...(proposal.attachmentId ? { attachmentId: proposal.attachmentId } : {}),
      };
      await db.contracts.insert(doc);
      await audit.appendLocked({
        unitId: contract.unitId,
        actor: auditActor(actor),
        action: 'contractChange.submit',
        entity: 'contractChange',
        entityId: doc.id,
        summary: `提交${CONTRACT_CHANGE_KIND_LABELS[proposal.kind]}（${contract.code} 第 ${contract.version} 版）：${changed.map((c) => `${c.label} ${c.before} → ${c.after}`).join('；')}`,
        payload: { changeId: doc.id, contractId: contract.id, fromVersion: contract.version, before: storedBefore, after, reason: proposal.reason, route },
      });
      return doc;
    });
  }

  /** The facts the decision table reads: the money the change moves, the project, the fund source. */
  private async routeFacts(contract: ContractDoc, amount: number) {
    const { db } = this.deps;
    const project = (await db.projects.findOne(contract.projectId).exec())?.toJSON();
    if (!project || !isDocOfType(project, 'project')) throw new AppError('NOT_FOUND', '合同所属项目不存在', 'contractId');
    const line = contract.budgetLineId ? (await db.projects.findOne(contract.budgetLineId).exec())?.toJSON() : undefined;
    const fundSource = line && isDocOfType(line, 'budgetLine') ? line.fundSource : (project.fundSources[0] ?? 'other');
    return { amount, projectType: project.type, fundSource, paymentKind: null };
  }

  private async submittedChange(changeId: string, actor: Actor): Promise<{ change: ContractChangeDoc; contract: ContractDoc }> {
    const change = await loadInScope(this.deps.db, 'contractChange', changeId, actor, 'changeId');
    if (change.status !== 'submitted') throw new AppError('CONTRACT_CHANGE_STATE_INVALID', '该合同变更不在审批中', 'changeId');
    const contract = await loadInScope(this.deps.db, 'contract', change.contractId, actor, 'contractId');
    return { change, contract };
  }

  /** Approved by the last route step: the contract's next version, with the history entry. */
  async applyApprovedChange(changeId: string, actor: Actor): Promise<ContractDoc> {
    const { db, lock, audit, clock } = this.deps;
    return runAtomically(lock, db, async () => {
      const { change, contract } = await this.submittedChange(changeId, actor);
      if (contract.version !== change.fromVersion) {
        throw new AppError('CONTRACT_CHANGE_STALE', `合同已是第 ${contract.version} 版，该变更按第 ${change.fromVersion} 版起草，须重新起草`, 'changeId');
      }
      const { schedule } = await this.currentTerms(contract);
      // the rules again: the payee's SME flag or the budget may have changed while it waited
      await this.checkResult(actor, contract, change.after, schedule);
      const now = clock.now();
      const toVersion = contract.version + 1;
      const next: Partial<ContractDoc> = {
        amount: change.after.amount,
        paymentTermDays: change.after.paymentTermDays,
        labourShare: change.after.labourShare,
        retentionRate: change.after.retentionRate,
        ...(change.after.endDate ? { endDate: change.after.endDate } : {}),
        version: toVersion,
        updatedAt: now,
      };
      await patchDoc(db, contract.id, next);
      if (change.after.milestones) await applySchedule(db, { ...contract, ...next } as ContractDoc, change.after.milestones, { createdBy: change.createdBy, now });
      const decisions = (await db.records.find({ selector: { docType: 'approvalDecision', requestId: changeId } }).exec())
        .map((d) => d.toJSON())
        .filter((d) => isDocOfType(d, 'approvalDecision') && d.subject === 'contractChange' && d.decision === 'approve')
        .map((d) => d.id);
      await patchDoc(db, changeId, { status: 'approved', toVersion, decisionIds: decisions, appliedAt: now, updatedAt: now });
      await audit.appendLocked({
        unitId: contract.unitId,
        actor: auditActor(actor),
        action: 'contractChange.apply',
        entity: 'contract',
        entityId: contract.id,
        summary: `合同变更生效：${contract.code} 第 ${contract.version} 版 → 第 ${toVersion} 版，合同金额 ${formatFen(contract.amount)} → ${formatFen(change.after.amount)}`,
        payload: { changeId, contractId: contract.id, fromVersion: contract.version, toVersion, after: change.after, decisionIds: decisions },
      });
      return { ...contract, ...next } as ContractDoc;
    });
  }

  /** 退回修改: back to draft for the applicant; the contract is untouched. */
  async markChangeReturned(changeId: string, actor: Actor): Promise<void> {
    await this.close(changeId, actor, 'draft', 'contractChange.return', '退回');
  }

  /** 驳回: final; the contract is untouched. */
  async markChangeRejected(changeId: string, actor: Actor): Promise<void> {
    await this.close(changeId, actor, 'rejected', 'contractChange.reject', '驳回');
  }

  private async close(changeId: string, actor: Actor, status: 'draft' | 'rejected', action: string, verb: string): Promise<void> {
    const { db, lock, audit, clock } = this.deps;
    await runAtomically(lock, db, async () => {
      const { change, contract } = await this.submittedChange(changeId, actor);
      await patchDoc(db, changeId, { status, updatedAt: clock.now() });
      await audit.appendLocked({
        unitId: change.unitId,
        actor: auditActor(actor),
        action,
        entity: 'contractChange',
        entityId: changeId,
        summary: `合同变更被${verb}（${contract.code} 第 ${change.fromVersion} 版），合同条款不变`,
        payload: { changeId, contractId: contract.id, status },
      });
    });
  }

  async list(actor: Actor, filter: { contractId?: string | undefined; status?: ContractChangeDoc['status'] | undefined }): Promise<ContractChangeDoc[]> {
    const selector: Record<string, unknown> = { unitId: { $in: [...actor.scopeUnitIds] } };
    if (filter.contractId) selector['contractId'] = filter.contractId;
    if (filter.status) selector['status'] = filter.status;
    const docs = await findOfType(this.deps.db, 'contractChange', selector);
    return docs.sort((a, b) => b.createdAt - a.createdAt);
  }
}

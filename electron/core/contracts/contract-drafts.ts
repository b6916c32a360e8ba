import { chinaDayOf, contractTermViolations, type RuleViolation } from '../../../shared/contracts';
import type { ContractInput } from '../../../shared/contracts/contract-api-schemas';
import { formatFen } from '../../../shared/money';
import { CONTRACT_STATUS_LABELS } from '../../../shared/domain/contract';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { runAtomically } from '../app/unit-of-work';
import type { Actor } from '../api/handler-types';
import { isDocOfType, type ContractDoc, type CounterpartyDoc, type MilestoneDoc } from '../db/schemas';
import { auditActor, CONTRACT_WRITERS, requireRole } from './contract-access';
import { checkFundsInPlace } from './contract-funds';
import type { ContractDeps } from './contract-ports';
import { contractPolicy, findOfType, loadInScope, patchDoc } from './contract-records';
import { dueDateAfterAcceptance, milestoneDocs, storedTermDays, termsOfContract, termsOfInput } from './contract-terms';

/** The first refusal as the error the caller sees: code, Chinese message naming rule and law, field. */
export function throwFirst(violations: readonly RuleViolation[]): void {
  const first = violations[0];
  if (first) throw new AppError(first.code, first.message, first.field);
}

/**
 * Drafting and signing contracts. A draft may be edited freely (every save is checked against
 * R1, R3–R6); signing checks them again with the payee as it is now, and R7 against the budget
 * line, inside one unit of work with the status change and its audit event. After signing the
 * terms change only through an approved change order (contract-change-service.ts).
 */
export class ContractDrafts {
  constructor(private readonly deps: ContractDeps) {}

  /** The project (in scope), its budget line and the payee; returns the payee and the project's office. */
  private async checkReferences(actor: Actor, input: ContractInput): Promise<{ payee: CounterpartyDoc; unitId: string }> {
    const { db } = this.deps;
    const project = await db.projects.findOne(input.projectId).exec();
    const projectDoc = project?.toJSON();
    if (!projectDoc || !isDocOfType(projectDoc, 'project') || !actor.scopeUnitIds.includes(projectDoc.unitId)) {
      throw new AppError('NOT_FOUND', '项目不存在', 'projectId');
    }
    const line = (await db.projects.findOne(input.budgetLineId).exec())?.toJSON();
    if (!line || !isDocOfType(line, 'budgetLine') || line.projectId !== input.projectId) {
      throw new AppError('NOT_FOUND', '预算指标不存在或不属于该项目', 'budgetLineId');
    }
    const payee = await loadInScope(db, 'counterparty', input.counterpartyId, actor, 'counterpartyId');
    return { payee, unitId: projectDoc.unitId };
  }

  private async checkTerms(input: ContractInput, payee: CounterpartyDoc): Promise<number> {
    const policy = await contractPolicy(this.deps.db);
    throwFirst(contractTermViolations(termsOfInput(input), { isSme: payee.isSme, hasWageAccount: payee.wageAccountEnc !== null }, policy));
    return storedTermDays(input, policy);
  }

  private async assertCodeFree(unitId: string, code: string, exceptId: string | null): Promise<void> {
    const same = await findOfType(this.deps.db, 'contract', { unitId, code });
    if (same.some((c) => c.id !== exceptId)) throw new AppError('CONTRACT_CODE_TAKEN', `合同编号“${code}”已被使用`, 'code');
  }

  async create(actor: Actor, input: ContractInput): Promise<ContractDoc> {
    requireRole(actor, CONTRACT_WRITERS);
    const { db, lock, audit, clock } = this.deps;
    return runAtomically(lock, db, async () => {
      // the contract belongs to the project's office (an upper office may draft for a county)
      const { payee, unitId } = await this.checkReferences(actor, input);
      const termDays = await this.checkTerms(input, payee);
      await this.assertCodeFree(unitId, input.code, null);
      const now = clock.now();
      const doc: ContractDoc = {
        id: newId(),
        unitId,
        createdBy: actor.user.id,
        createdAt: now,
        updatedAt: now,
        docType: 'contract',
        code: input.code,
        name: input.name,
        projectId: input.projectId,
        counterpartyId: input.counterpartyId,
        amount: input.amount,
        signedAt: null,
        paymentTermDays: termDays,
        labourShare: input.labourShare,
        retentionRate: input.retentionRate,
        status: 'draft',
        version: 1,
        documentHash: null,
        category: input.category,
        budgetLineId: input.budgetLineId,
        ...(input.endDate ? { endDate: input.endDate } : {}),
      };
      await db.contracts.insert(doc);
      await db.contracts.bulkInsert(milestoneDocs(doc, input.milestones, termDays, { createdBy: actor.user.id, now }));
      await audit.appendLocked({
        unitId,
        actor: auditActor(actor),
        action: 'contract.create',
        entity: 'contract',
        entityId: doc.id,
        summary: `起草合同 ${doc.code}“${doc.name}”，金额 ${formatFen(doc.amount)}`,
        payload: { ...doc, milestones: input.milestones },
      });
      return doc;
    });
  }

  async update(actor: Actor, contractId: string, input: ContractInput): Promise<ContractDoc> {
    requireRole(actor, CONTRACT_WRITERS);
    const { db, lock, audit, clock } = this.deps;
    return runAtomically(lock, db, async () => {
      const before = await loadInScope(db, 'contract', contractId, actor, 'contractId');
      if (before.status !== 'draft') {
        throw new AppError('CONTRACT_STATE_INVALID', '合同已签订，条款只能通过合同变更（补充协议）修改', 'contractId');
      }
      const { payee } = await this.checkReferences(actor, input);
      const termDays = await this.checkTerms(input, payee);
      await this.assertCodeFree(before.unitId, input.code, contractId);
      const now = clock.now();
      const next: Partial<ContractDoc> = {
        code: input.code,
        name: input.name,
        projectId: input.projectId,
        counterpartyId: input.counterpartyId,
        amount: input.amount,
        paymentTermDays: termDays,
        labourShare: input.labourShare,
        retentionRate: input.retentionRate,
        category: input.category,
        budgetLineId: input.budgetLineId,
        ...(input.endDate ? { endDate: input.endDate } : {}),
        updatedAt: now,
      };
      await patchDoc(db, contractId, next);
      // a draft's schedule is replaced whole: nothing has been paid against a draft
      const old = await db.contracts.find({ selector: { docType: 'milestone', contractId } }).exec();
      for (const m of old) await m.remove();
      await db.contracts.bulkInsert(milestoneDocs(before, input.milestones, termDays, { createdBy: actor.user.id, now }));
      await audit.appendLocked({
        unitId: before.unitId,
        actor: auditActor(actor),
        action: 'contract.update',
        entity: 'contract',
        entityId: contractId,
        summary: `修改合同草稿 ${input.code}，金额 ${formatFen(input.amount)}`,
        payload: { before, after: next, milestones: input.milestones },
      });
      return { ...before, ...next } as ContractDoc;
    });
  }

  async milestonesOf(contractId: string): Promise<MilestoneDoc[]> {
    const list = await findOfType(this.deps.db, 'milestone', { contractId });
    return list.sort((a, b) => a.seq - b.seq);
  }

  /** 登记签订: draft → active (履行中), version 1, after R1, R3–R6 and R7 pass. */
  async sign(actor: Actor, contractId: string, signedAt: string): Promise<ContractDoc> {
    requireRole(actor, CONTRACT_WRITERS);
    const { db, lock, audit, clock } = this.deps;
    return runAtomically(lock, db, async () => {
      const doc = await loadInScope(db, 'contract', contractId, actor, 'contractId');
      if (doc.status !== 'draft') throw new AppError('CONTRACT_STATE_INVALID', '只有草拟状态的合同可以登记签订', 'contractId');
      if (signedAt > chinaDayOf(clock.now())) throw new AppError('VALIDATION_FAILED', '签订日期不能晚于今天', 'signedAt');
      if (!doc.budgetLineId) throw new AppError('VALIDATION_FAILED', '请先为合同选择预算指标（R7 须核实资金已落实）', 'budgetLineId');
      const payee = await loadInScope(db, 'counterparty', doc.counterpartyId, actor, 'counterpartyId');
      const policy = await contractPolicy(db);
      const milestones = await this.milestonesOf(contractId);
      throwFirst(contractTermViolations(termsOfContract(doc, milestones), { isSme: payee.isSme, hasWageAccount: payee.wageAccountEnc !== null }, policy));
      const funds = await checkFundsInPlace(db, this.deps.budget(), { id: doc.id, projectId: doc.projectId, budgetLineId: doc.budgetLineId }, doc.amount);
      const now = clock.now();
      const changes: Partial<ContractDoc> = { status: 'active', signedAt, signedBy: actor.user.id, version: 1, updatedAt: now };
      await patchDoc(db, contractId, changes);
      await audit.appendLocked({
        unitId: doc.unitId,
        actor: auditActor(actor),
        action: 'contract.sign',
        entity: 'contract',
        entityId: contractId,
        summary: `登记合同签订 ${doc.code}，金额 ${formatFen(doc.amount)}，签订日期 ${signedAt}`,
        payload: { contractId, amount: doc.amount, signedAt, budgetLineId: doc.budgetLineId, funds },
      });
      return { ...doc, ...changes };
    });
  }

  /**
   * Closing a signed contract: 已完工 once the works are accepted, or 已终止 (terminated). A
   * termination ends the contract's claim on its budget line (R7 stops counting its remainder),
   * so it is refused while a request of it still holds a reservation; paid money stays paid.
   * 已结算 is not set here: it follows from the settlement payment.
   */
  async close(actor: Actor, contractId: string, status: 'completed' | 'terminated', reason: string): Promise<ContractDoc> {
    requireRole(actor, CONTRACT_WRITERS);
    const { db, lock, audit, clock } = this.deps;
    return runAtomically(lock, db, async () => {
      const doc = await loadInScope(db, 'contract', contractId, actor, 'contractId');
      const allowed = status === 'completed' ? doc.status === 'active' : doc.status === 'active' || doc.status === 'completed';
      if (!allowed) throw new AppError('CONTRACT_STATE_INVALID', `合同当前为${CONTRACT_STATUS_LABELS[doc.status]}，不能改为${CONTRACT_STATUS_LABELS[status]}`, 'status');
      if (status === 'terminated') {
        const open = await db.payments.find({ selector: { docType: 'paymentRequest', contractId, status: { $in: ['submitted', 'approved', 'in_payment'] } } }).exec();
        if (open.length > 0) throw new AppError('CONTRACT_STATE_INVALID', `该合同还有 ${open.length} 笔支付申请在审批或支付中，须先办结或撤回`, 'status');
      }
      const changes: Partial<ContractDoc> = { status, updatedAt: clock.now() };
      await patchDoc(db, contractId, changes);
      await audit.appendLocked({
        unitId: doc.unitId,
        actor: auditActor(actor),
        action: status === 'completed' ? 'contract.complete' : 'contract.terminate',
        entity: 'contract',
        entityId: contractId,
        summary: `合同 ${doc.code} ${CONTRACT_STATUS_LABELS[doc.status]} → ${CONTRACT_STATUS_LABELS[status]}：${reason}`,
        payload: { contractId, from: doc.status, to: status, reason },
      });
      return { ...doc, ...changes };
    });
  }

  /**
   * 验收日期 for an afterAcceptance milestone (its due date follows, R1) or the agreed day of a
   * fixedDate one. A settled milestone keeps its dates: they are what was paid against.
   */
  async setMilestoneDate(actor: Actor, milestoneId: string, date: string): Promise<MilestoneDoc> {
    requireRole(actor, CONTRACT_WRITERS);
    const { db, lock, audit, clock } = this.deps;
    return runAtomically(lock, db, async () => {
      const m = await loadInScope(db, 'milestone', milestoneId, actor, 'milestoneId');
      if (m.status !== 'open') throw new AppError('CONTRACT_STATE_INVALID', '已结清或已取消的付款节点不能修改日期', 'milestoneId');
      const contract = await loadInScope(db, 'contract', m.contractId, actor, 'contractId');
      if (contract.status === 'draft') throw new AppError('CONTRACT_STATE_INVALID', '合同尚未签订', 'milestoneId');
      const afterAcceptance = m.dueRule === 'afterAcceptance';
      if (afterAcceptance && date > chinaDayOf(clock.now())) throw new AppError('VALIDATION_FAILED', '验收日期不能晚于今天', 'date');
      const changes: Partial<MilestoneDoc> = afterAcceptance
        ? { acceptedAt: date, dueDate: dueDateAfterAcceptance(m, date), updatedAt: clock.now() }
        : { dueDate: date, updatedAt: clock.now() };
      await patchDoc(db, milestoneId, changes);
      await audit.appendLocked({
        unitId: m.unitId,
        actor: auditActor(actor),
        action: afterAcceptance ? 'milestone.accept' : 'milestone.schedule',
        entity: 'milestone',
        entityId: milestoneId,
        summary: afterAcceptance
          ? `登记“${m.name}”验收日期 ${date}，到期日 ${changes.dueDate ?? ''}（${contract.code}）`
          : `约定“${m.name}”付款日期 ${date}（${contract.code}）`,
        payload: { milestoneId, contractId: contract.id, ...changes },
      });
      return { ...m, ...changes };
    });
  }
}

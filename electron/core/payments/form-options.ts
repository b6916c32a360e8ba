import type { z } from 'zod';
import type { contractDetailOptionSchema, contractOptionSchema } from '../../../shared/api/methods/payment-methods';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../api/handler-types';
import type { GovPayDatabase } from '../db/database';
import type { BudgetLineDoc, ContractDoc, CounterpartyDoc, MilestoneDoc, ProjectDoc } from '../db/schemas';
import { cumulativeCertified, defectPeriodEnd } from './request-facts';
import { budgetLineLabel } from './request-views';

type ContractOption = z.infer<typeof contractOptionSchema>;
type ContractDetail = z.infer<typeof contractDetailOptionSchema>;

/** Contracts money may be requested against: signed (active, completed or settled) and in scope. */
export async function contractOptions(db: GovPayDatabase, actor: Actor): Promise<ContractOption[]> {
  const docs = await db.contracts
    .find({ selector: { docType: 'contract', unitId: { $in: [...actor.scopeUnitIds] }, status: { $in: ['active', 'completed', 'settled'] } } })
    .exec();
  const contracts = docs.map((d) => d.toJSON() as ContractDoc);
  const projects = await db.projects.findByIds([...new Set(contracts.map((c) => c.projectId))]).exec();
  const payees = await db.contracts.findByIds([...new Set(contracts.map((c) => c.counterpartyId))]).exec();
  return contracts
    .flatMap((c) => {
      const project = projects.get(c.projectId)?.toJSON() as ProjectDoc | undefined;
      if (!project || project.status === 'closed') return [];
      const payee = payees.get(c.counterpartyId)?.toJSON() as CounterpartyDoc | undefined;
      return [
        {
          id: c.id,
          code: c.code,
          name: c.name,
          projectId: c.projectId,
          projectName: project.name,
          projectType: project.type,
          counterpartyName: payee?.name ?? '',
          amount: c.amount,
          status: c.status,
          labourShare: c.labourShare,
          retentionRate: c.retentionRate,
        },
      ];
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** What the form needs once a contract is chosen: its project's budget lines and its milestones. */
export async function contractDetail(db: GovPayDatabase, contractId: string, actor: Actor): Promise<ContractDetail> {
  const found = await db.contracts.findOne(contractId).exec();
  const contract = found?.toJSON() as ContractDoc | undefined;
  if (!contract || contract.docType !== 'contract') throw new AppError('NOT_FOUND', '合同不存在', 'contractId');
  if (!actor.scopeUnitIds.includes(contract.unitId)) throw new AppError('OUT_OF_SCOPE', undefined, 'contractId');
  const [lines, milestones, certified, defectEnd] = await Promise.all([
    db.projects.find({ selector: { docType: 'budgetLine', projectId: contract.projectId } }).exec(),
    db.contracts.find({ selector: { docType: 'milestone', contractId } }).exec(),
    cumulativeCertified(db, contractId),
    defectPeriodEnd(db, contractId),
  ]);
  return {
    budgetLines: lines
      .map((d) => d.toJSON() as BudgetLineDoc)
      .sort((a, b) => b.year - a.year || a.subjectCode.localeCompare(b.subjectCode))
      .map((l) => ({ id: l.id, year: l.year, subjectCode: l.subjectCode, fundSource: l.fundSource, amount: l.amount, label: budgetLineLabel(l) })),
    milestones: milestones
      .map((d) => d.toJSON() as MilestoneDoc)
      .sort((a, b) => a.seq - b.seq)
      .map((m) => ({ id: m.id, name: m.name, kind: m.kind, ratio: m.ratio, dueDate: m.dueDate ?? null, status: m.status })),
    cumulativeCertified: certified,
    defectPeriodEnd: defectEnd,
  };
}

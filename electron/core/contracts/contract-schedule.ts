import type { MilestoneTerm } from '../../../shared/contracts';
import { COMMITTING_STATUSES } from '../../../shared/domain/payment-request-status';
import { AppError } from '../../../shared/errors';
import type { GovPayDatabase } from '../db/database';
import { isDocOfType, type ContractDoc, type MilestoneDoc } from '../db/schemas';
import { findOfType, patchDoc } from './contract-records';
import { dueDateAfterAcceptance, milestoneDocs } from './contract-terms';

/** Σ of the contract's requests that reserve or consumed money: a change may not go below it. */
export async function committedOnContract(db: GovPayDatabase, contractId: string): Promise<number> {
  const docs = await db.payments.find({ selector: { docType: 'paymentRequest', contractId, status: { $in: [...COMMITTING_STATUSES] } } }).exec();
  return docs.map((d) => d.toJSON()).reduce((sum, r) => sum + (isDocOfType(r, 'paymentRequest') ? r.amount : 0), 0);
}

async function liveMilestones(db: GovPayDatabase, contractId: string): Promise<MilestoneDoc[]> {
  const all = await findOfType(db, 'milestone', { contractId });
  return all.filter((m) => m.status !== 'cancelled').sort((a, b) => a.seq - b.seq);
}

/**
 * A new schedule is matched to the current one position by position: the same kind at the same
 * place is the same milestone (kept, with its acceptance date and payments), anything else
 * replaces it. A settled milestone has been paid against, so it may be amended but never dropped.
 */
export async function assertScheduleReplaceable(db: GovPayDatabase, contractId: string, terms: readonly MilestoneTerm[]): Promise<void> {
  const current = await liveMilestones(db, contractId);
  current.forEach((old, i) => {
    const next = terms[i];
    if (old.status === 'settled' && (!next || next.kind !== old.kind)) {
      throw new AppError('CONTRACT_TERMS_INVALID', `已结清的付款节点“${old.name}”不能删除或改变款项类型`, `milestones.${i}`);
    }
  });
}

/** Writes the schedule a change approved (inside the change's unit of work). */
export async function applySchedule(db: GovPayDatabase, contract: ContractDoc, terms: readonly MilestoneTerm[], header: { createdBy: string; now: number }): Promise<void> {
  const current = await liveMilestones(db, contract.id);
  let nextSeq = Math.max(0, ...(await findOfType(db, 'milestone', { contractId: contract.id })).map((m) => m.seq)) + 1;
  const length = Math.max(current.length, terms.length);
  for (let i = 0; i < length; i += 1) {
    const old = current[i];
    const term = terms[i];
    if (old && term && old.kind === term.kind) {
      const dueDays = term.dueRule === 'afterAcceptance' ? (term.dueDays ?? contract.paymentTermDays) : null;
      const changes: Partial<MilestoneDoc> = { name: term.name.trim(), ratio: term.ratio, dueRule: term.dueRule, dueDays, updatedAt: header.now };
      if (term.dueRule === 'fixedDate' && term.dueDate) changes.dueDate = term.dueDate;
      if (term.dueRule === 'afterAcceptance' && old.acceptedAt) changes.dueDate = dueDateAfterAcceptance({ dueDays }, old.acceptedAt);
      await patchDoc(db, old.id, changes);
      continue;
    }
    if (old) await patchDoc(db, old.id, { status: 'cancelled', updatedAt: header.now });
    if (term) {
      const [doc] = milestoneDocs(contract, [term], contract.paymentTermDays, header, nextSeq);
      nextSeq += 1;
      if (doc) await db.contracts.insert(doc);
    }
  }
}

import {
  addDays,
  categoryOf,
  effectiveTermDays,
  type ContractPolicy,
  type ContractTermsInput,
  type MilestoneTerm,
} from '../../../shared/contracts';
import type { ContractInput } from '../../../shared/contracts/contract-api-schemas';
import { newId } from '../../../shared/ids/uuidv7';
import type { ContractDoc, MilestoneDoc } from '../db/schemas';

/** The rules' view of a form's input. */
export function termsOfInput(input: ContractInput): ContractTermsInput {
  return {
    amount: input.amount,
    category: input.category,
    paymentTermDays: input.paymentTermDays,
    backToBack: input.backToBack,
    labourShare: input.labourShare,
    retentionRate: input.retentionRate,
    milestones: input.milestones,
  };
}

/** A stored milestone as a term again (the seed and this service store the same shape). */
export function termOfMilestone(m: MilestoneDoc): MilestoneTerm {
  return {
    name: m.name,
    kind: m.kind,
    ratio: m.ratio,
    dueRule: m.dueRule,
    dueDays: m.dueRule === 'afterAcceptance' ? m.dueDays : null,
    dueDate: m.dueRule === 'fixedDate' ? (m.dueDate ?? null) : null,
  };
}

/** The rules' view of a stored contract, to check it again at signing or before a change. */
export function termsOfContract(doc: ContractDoc, milestones: readonly MilestoneDoc[]): ContractTermsInput {
  return {
    amount: doc.amount,
    category: categoryOf(doc),
    paymentTermDays: doc.paymentTermDays,
    // never stored: a contract carrying such a clause is refused before it is saved
    backToBack: false,
    labourShare: doc.labourShare,
    retentionRate: doc.retentionRate,
    milestones: milestones.filter((m) => m.status !== 'cancelled').sort((a, b) => a.seq - b.seq).map(termOfMilestone),
  };
}

/**
 * The milestone documents of a schedule. An afterAcceptance milestone stores its days (its own,
 * or the contract's term, so a later change of the term does not silently move it); its due
 * date follows once the acceptance date is recorded.
 */
export function milestoneDocs(
  contract: Pick<ContractDoc, 'id' | 'unitId'>,
  terms: readonly MilestoneTerm[],
  termDays: number,
  header: { createdBy: string; now: number },
  firstSeq = 1,
): MilestoneDoc[] {
  return terms.map((t, i) => {
    const doc: MilestoneDoc = {
      id: newId(),
      unitId: contract.unitId,
      createdBy: header.createdBy,
      createdAt: header.now,
      updatedAt: header.now,
      docType: 'milestone',
      contractId: contract.id,
      seq: firstSeq + i,
      name: t.name.trim(),
      kind: t.kind,
      ratio: t.ratio,
      dueRule: t.dueRule,
      dueDays: t.dueRule === 'afterAcceptance' ? (t.dueDays ?? termDays) : null,
      acceptedAt: null,
      status: 'open',
    };
    if (t.dueRule === 'fixedDate' && t.dueDate) doc.dueDate = t.dueDate;
    return doc;
  });
}

/** R1: the due date of an afterAcceptance milestone is the acceptance date plus its days. */
export function dueDateAfterAcceptance(m: Pick<MilestoneDoc, 'dueDays'>, acceptedAt: string): string {
  return addDays(acceptedAt, m.dueDays ?? 0);
}

export function storedTermDays(input: Pick<ContractTermsInput, 'paymentTermDays'>, policy: ContractPolicy): number {
  return effectiveTermDays(input, policy);
}

import { fundsInPlace, fundsViolation, type FundsPosition, type SignedOnLine } from '../../../shared/contracts';
import { COMMITTING_STATUSES } from '../../../shared/domain/payment-request-status';
import { AppError } from '../../../shared/errors';
import type { GovPayDatabase } from '../db/database';
import { isDocOfType, type ContractDoc } from '../db/schemas';
import type { BudgetPort } from './contract-ports';
import { findOfType } from './contract-records';

/** A contract binds its line from signing until it is settled or terminated. */
const BINDING = new Set<ContractDoc['status']>(['active', 'completed']);

/** Σ of committing requests (reserved or paid) on one line, by contract. */
async function committedByContract(db: GovPayDatabase, budgetLineId: string): Promise<Map<string, number>> {
  const docs = await db.payments.find({ selector: { docType: 'paymentRequest', budgetLineId, status: { $in: [...COMMITTING_STATUSES] } } }).exec();
  const out = new Map<string, number>();
  for (const d of docs) {
    const r = d.toJSON();
    if (!isDocOfType(r, 'paymentRequest')) continue;
    out.set(r.contractId, (out.get(r.contractId) ?? 0) + r.amount);
  }
  return out;
}

/**
 * R7 for `contract` (new, or after a change to `amount`) on its budget line. Only contracts that
 * recorded their line count as promised money: the demo seed's contracts predate the field and
 * draw on several yearly lines, so no single line can be charged with their remainder.
 * Call inside the unit of work that signs or applies the change, so nothing moves in between.
 */
export async function checkFundsInPlace(
  db: GovPayDatabase,
  budget: BudgetPort,
  contract: Pick<ContractDoc, 'id' | 'projectId'> & { budgetLineId: string },
  amount: number,
  field = 'budgetLineId',
): Promise<FundsPosition> {
  const position = await budget.position(contract.budgetLineId);
  const committed = await committedByContract(db, contract.budgetLineId);
  const signed = await findOfType(db, 'contract', { projectId: contract.projectId });
  const others: SignedOnLine[] = signed
    .filter((c) => c.id !== contract.id && c.budgetLineId === contract.budgetLineId && BINDING.has(c.status))
    .map((c) => ({ contractId: c.id, amount: c.amount, committed: committed.get(c.id) ?? 0 }));
  const result = fundsInPlace({ available: position.available, others, amount, committedSelf: committed.get(contract.id) ?? 0 });
  const violation = fundsViolation(result, field);
  if (violation) throw new AppError(violation.code, violation.message, violation.field);
  return result;
}

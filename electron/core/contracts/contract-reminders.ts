import { chinaDayOf, classifyReminders, type DueItem, type Reminder } from '../../../shared/contracts';
import type { Actor } from '../api/handler-types';
import { isDocOfType, type ContractDoc, type CounterpartyDoc } from '../db/schemas';
import { CONTRACT_READERS, requireRole } from './contract-access';
import type { ContractDeps } from './contract-ports';
import { contractPolicy, findOfType } from './contract-records';

/** Contracts whose open milestones still call for payment (a settled contract still owes retention). */
const LIVE = new Set<ContractDoc['status']>(['active', 'completed', 'settled']);

/** The China day of the latest paid request of each milestone. */
async function lastPaidDayByMilestone(deps: ContractDeps, milestoneIds: readonly string[]): Promise<Map<string, string>> {
  const docs = await deps.db.payments.find({ selector: { docType: 'paymentRequest', status: 'paid', milestoneId: { $in: [...milestoneIds] } } }).exec();
  const out = new Map<string, string>();
  for (const d of docs) {
    const r = d.toJSON();
    if (!isDocOfType(r, 'paymentRequest') || r.milestoneId === null) continue;
    const day = chinaDayOf(r.updatedAt);
    if ((out.get(r.milestoneId) ?? '') < day) out.set(r.milestoneId, day);
  }
  return out;
}

/**
 * 付款提醒 for the dashboard: R1 overdue and near-due payments (SME payees flagged), R5 defect
 * periods ending. Read from the open milestones with a due date, in the actor's scope.
 */
export async function contractReminders(deps: ContractDeps, actor: Actor): Promise<Reminder[]> {
  requireRole(actor, CONTRACT_READERS);
  const { db, clock } = deps;
  const scope = [...actor.scopeUnitIds];
  const milestones = (await findOfType(db, 'milestone', { status: 'open', unitId: { $in: scope } })).filter((m) => m.dueDate !== undefined);
  if (milestones.length === 0) return [];
  const contracts = new Map((await findOfType(db, 'contract', { id: { $in: [...new Set(milestones.map((m) => m.contractId))] } })).map((c) => [c.id, c]));
  const payees = new Map<string, CounterpartyDoc>(
    (await findOfType(db, 'counterparty', { id: { $in: [...new Set([...contracts.values()].map((c) => c.counterpartyId))] } })).map((p) => [p.id, p]),
  );
  const paidSince = await lastPaidDayByMilestone(deps, milestones.map((m) => m.id));
  const items: DueItem[] = [];
  for (const m of milestones) {
    const contract = contracts.get(m.contractId);
    if (!contract || !LIVE.has(contract.status) || m.dueDate === undefined) continue;
    // a recurring milestone (progress) stays open; it is not owed when paid since its acceptance
    const paidDay = paidSince.get(m.id);
    if (paidDay !== undefined && (m.acceptedAt === null || paidDay >= m.acceptedAt)) continue;
    const payee = payees.get(contract.counterpartyId);
    items.push({
      milestoneId: m.id,
      contractId: contract.id,
      contractCode: contract.code,
      contractName: contract.name,
      counterpartyName: payee?.name ?? '',
      isSme: payee?.isSme ?? false,
      kind: m.kind,
      name: m.name,
      dueDate: m.dueDate,
    });
  }
  return classifyReminders(items, chinaDayOf(clock.now()), await contractPolicy(db));
}

import type { BudgetLineView, BudgetTotals } from '../../../shared/api/methods/budget-methods';
import type { ProjectView } from '../../../shared/api/methods/project-methods';
import { usedBasisPoints, type BudgetPosition } from '../../../shared/budget/position';
import { usageLevel } from '../../../shared/budget/threshold';
import type { GovPayDatabase } from '../db/database';
import type { AllocationDoc, BudgetLineDoc, ProjectDoc } from '../db/schemas';
import { SUBJECT_NAMES } from '../seed/vocab/budget-subjects';

/** Names the views show next to ids, read once per call. */
export interface NameBook {
  units: Map<string, string>;
  users: Map<string, string>;
}

export async function loadNameBook(db: GovPayDatabase): Promise<NameBook> {
  const [units, users] = await Promise.all([db.units.find().exec(), db.users.find().exec()]);
  return {
    units: new Map(units.map((u) => [u.id, u.name])),
    users: new Map(users.map((u) => [u.id, u.name])),
  };
}

export function lineView(line: BudgetLineDoc, position: BudgetPosition, allocations: readonly AllocationDoc[], deviceId: string): BudgetLineView {
  return {
    id: line.id,
    projectId: line.projectId,
    unitId: line.unitId,
    year: line.year,
    subjectCode: line.subjectCode,
    subjectName: SUBJECT_NAMES[line.subjectCode] ?? '',
    fundSource: line.fundSource,
    amount: line.amount,
    monthlyPlan: line.monthlyPlan ?? null,
    position,
    usedBp: usedBasisPoints(position),
    level: usageLevel(position),
    allocations: allocations.map((a) => ({ id: a.id, holderDeviceId: a.holderDeviceId, amount: a.amount, heldHere: a.holderDeviceId === deviceId })),
    createdAt: line.createdAt,
    updatedAt: line.updatedAt,
  };
}

export function totalsOf(positions: readonly BudgetPosition[]): BudgetTotals {
  const totals = { amount: 0, reserved: 0, paid: 0, available: 0 };
  for (const p of positions) {
    totals.amount += p.amount;
    totals.reserved += p.reserved;
    totals.paid += p.paid;
    totals.available += p.available;
  }
  return totals;
}

export function projectView(project: ProjectDoc, names: NameBook, positions: readonly BudgetPosition[]): ProjectView {
  return {
    id: project.id,
    unitId: project.unitId,
    code: project.code,
    name: project.name,
    type: project.type,
    ownerUnitId: project.ownerUnitId,
    ownerUnitName: names.units.get(project.ownerUnitId) ?? '',
    fundSources: project.fundSources,
    leadUserId: project.leadUserId,
    leadName: names.users.get(project.leadUserId) ?? '',
    status: project.status,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    totals: totalsOf(positions),
    warningLines: positions.filter((p) => usageLevel(p) !== 'normal').length,
  };
}

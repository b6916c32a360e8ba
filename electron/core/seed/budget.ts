import { COMMITTING_STATUSES, type RequestStatus } from '../../../shared/domain/payment-request-status';
import type { AllocationDoc, BudgetLineDoc } from '../db/schemas';
import { dayOf, instantAt, yearOf, yearStart } from './calendar';
import type { DocSink } from './doc-sink';
import type { ProjectPlan, RequestPlan, SeedContext } from './model';
import type { Prng } from './prng';

/** Budgets are approved in whole 万元 (¥10,000 = 1,000,000 分). */
const WAN_FEN = 1_000_000;

/** Construction spends little in the Spring Festival months and evenly after. */
const MONTH_WEIGHTS = [3, 4, 8, 9, 10, 10, 9, 9, 10, 10, 9, 9] as const;

export function isCommitting(status: RequestStatus): boolean {
  return (COMMITTING_STATUSES as readonly RequestStatus[]).includes(status);
}

function roundUp(fen: number, unit: number): number {
  return Math.ceil(fen / unit) * unit;
}

function monthlyPlan(amount: number): number[] {
  const plan = MONTH_WEIGHTS.map((w) => Math.floor((amount * w) / 100));
  const rest = amount - plan.reduce((a, b) => a + b, 0);
  plan[11] = (plan[11] ?? 0) + rest;
  return plan;
}

export interface ProjectBudget {
  lines: BudgetLineDoc[];
  lineFor(request: RequestPlan): BudgetLineDoc;
}

/**
 * 预算指标 of a project: one line per year × fund-source slot (each slot its own 预算科目), sized
 * so reserved + paid never passes the line (invariant 1): a line's amount is its commitments
 * over a utilisation below one, rounded up to 万元. One line per district is run close to its
 * ceiling so the budget warning (R8, 90 %) has something to show. Each line's whole amount is
 * allocated to this installation's finance desk (DESIGN.md, offline budget safety).
 */
export function planBudget(ctx: SeedContext, prng: Prng, project: ProjectPlan, requests: readonly RequestPlan[], nearCeiling: boolean): ProjectBudget {
  const slots = project.fundSources.length;
  const keyOf = (year: number, slot: number) => `${year}:${Math.min(slot, slots - 1)}`;
  const years = new Set<number>([yearOf(project.startDay)]);
  for (const r of requests) years.add(yearOf(r.timeline.createdDay));
  if (project.status === 'active' || project.status === 'preparing') years.add(yearOf(ctx.asOfDay));
  const committed = new Map<string, number>();
  for (const r of requests) {
    const key = keyOf(yearOf(r.timeline.createdDay), r.contract.fundSlot);
    if (isCommitting(r.status)) committed.set(key, (committed.get(key) ?? 0) + r.amount);
  }
  const busiest = [...committed.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const contractTotal = project.contracts.reduce((sum, c) => sum + c.doc.amount, 0);
  const finance = ctx.org.byRole.finance;
  const projectCreatedDay = dayOf(project.doc.createdAt);
  const byKey = new Map<string, BudgetLineDoc>();
  for (const year of [...years].sort((a, b) => a - b)) {
    for (let slot = 0; slot < slots; slot += 1) {
      const key = keyOf(year, slot);
      const used = committed.get(key) ?? 0;
      const utilisation = nearCeiling && key === busiest ? prng.float(0.91, 0.985) : prng.float(0.55, 0.95);
      const amount = used > 0 ? roundUp(used / utilisation, WAN_FEN) : Math.max(10 * WAN_FEN, roundUp((contractTotal * prng.float(0.1, 0.3)) / slots, WAN_FEN));
      const createdAt = Math.max(instantAt(yearStart(year) - prng.int(5, 20), 600), instantAt(projectCreatedDay, 0) + 86_400_000);
      const creator = prng.pick(finance);
      const line: BudgetLineDoc = {
        id: ctx.ids.next(),
        unitId: ctx.org.county.id,
        createdBy: creator.id,
        createdAt,
        updatedAt: createdAt,
        docType: 'budgetLine',
        projectId: project.doc.id,
        year,
        subjectCode: project.subjects[slot] ?? project.subjects[0] ?? '2120399',
        fundSource: project.fundSources[slot] ?? 'fiscal',
        amount,
      };
      if (year === yearOf(ctx.asOfDay)) line.monthlyPlan = monthlyPlan(amount);
      byKey.set(key, line);
    }
  }
  return {
    lines: [...byKey.values()],
    lineFor(request) {
      const line = byKey.get(keyOf(yearOf(request.timeline.createdDay), request.contract.fundSlot));
      if (!line) throw new Error('a request without a budget line');
      return line;
    },
  };
}

/** The lines and their allocations, all held by this installation's finance desk. */
export function emitBudget(ctx: SeedContext, budget: ProjectBudget, sink: DocSink): void {
  for (const line of budget.lines) {
    sink.add('projects', line);
    const allocation: AllocationDoc = {
      id: ctx.ids.next(),
      unitId: line.unitId,
      createdBy: line.createdBy,
      createdAt: line.createdAt,
      updatedAt: line.createdAt,
      docType: 'allocation',
      budgetLineId: line.id,
      holderDeviceId: ctx.deviceId,
      amount: line.amount,
    };
    sink.add('projects', allocation);
  }
}

import { COMMITTING_STATUSES, type RequestStatus } from '../../../shared/domain/payment-request-status';
import type { AllocationDoc, BudgetLineDoc } from '../db/schemas';
import { dayOf, instantAt, parseDay, yearOf, yearStart } from './calendar';
import type { DocSink } from './doc-sink';
import { settles } from './finalize';
import type { ContractPlan, ProjectPlan, RequestPlan, SeedContext } from './model';
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

/** Line key: year × fund-source slot (a project with fewer sources folds onto its last slot). */
function keyOf(project: ProjectPlan, year: number, slot: number): string {
  return `${year}:${Math.min(slot, project.fundSources.length - 1)}`;
}

/**
 * The line a contract is signed against (R7): the year it was signed, or for a draft the current
 * year, when it would be signed. Its requests still draw on the line of the year they are filed
 * in (annual 预算指标), so the signing-year line is the one charged with the contract's rest.
 */
function contractKey(ctx: SeedContext, c: ContractPlan): string {
  const year = c.doc.signedAt === null ? yearOf(ctx.asOfDay) : yearOf(parseDay(c.doc.signedAt));
  return keyOf(c.project, year, c.fundSlot);
}

/** What a project's lines must carry, before any amount is drawn. */
export interface LineNeeds {
  years: Set<number>;
  /** Σ committing requests (reserved or paid) per line key (invariant 1) */
  used: Map<string, number>;
  /**
   * Per line key, Σ over the contracts signed against it and not yet settled of what they may
   * still claim there: the larger of the amount and a pending increase, less their committing
   * requests on that line. The contracts service counts exactly this as promised money (R7).
   */
  promised: Map<string, number>;
  /** the most used line that promises nothing: the one that may run close to its ceiling */
  busiest: string | undefined;
}

export function lineNeeds(ctx: SeedContext, project: ProjectPlan, pendingAfter: ReadonlyMap<ContractPlan, number>): LineNeeds {
  const years = new Set<number>([yearOf(project.startDay)]);
  const used = new Map<string, number>();
  const byContract = new Map<ContractPlan, Map<string, number>>();
  for (const c of project.contracts) {
    const own = new Map<string, number>();
    byContract.set(c, own);
    for (const r of c.requests) {
      const year = yearOf(r.timeline.createdDay);
      years.add(year);
      if (!isCommitting(r.status)) continue;
      const key = keyOf(project, year, c.fundSlot);
      used.set(key, (used.get(key) ?? 0) + r.amount);
      own.set(key, (own.get(key) ?? 0) + r.amount);
    }
  }
  if (project.status === 'active' || project.status === 'preparing') years.add(yearOf(ctx.asOfDay));
  const promised = new Map<string, number>();
  for (const c of project.contracts) {
    const key = contractKey(ctx, c);
    years.add(Number(key.split(':')[0]));
    // a settled contract claims nothing more; a draft is sized for so the demo can sign it
    if (settles(c)) continue;
    const ceiling = Math.max(c.doc.amount, pendingAfter.get(c) ?? 0);
    const rest = Math.max(0, ceiling - (byContract.get(c)?.get(key) ?? 0));
    promised.set(key, (promised.get(key) ?? 0) + rest);
  }
  const busiest = [...used.entries()].filter(([key]) => !promised.get(key)).sort((a, b) => b[1] - a[1])[0]?.[0];
  return { years, used, promised, busiest };
}

export interface ProjectBudget {
  lines: BudgetLineDoc[];
  lineFor(request: RequestPlan): BudgetLineDoc;
  /** the line the contract was signed (or is to be signed) against, R7 */
  lineOf(contract: ContractPlan): BudgetLineDoc;
}

/**
 * 预算指标 of a project: one line per year × fund-source slot (each slot its own 预算科目), sized
 * so reserved + paid never passes the line (invariant 1) and the line a contract was signed
 * against still holds what that contract may claim (R7): a line's amount is its commitments over
 * a utilisation below one, plus what it promises, rounded up to 万元. One line per district (one
 * that promises nothing) is run close to its ceiling so the budget warning (R8, 90 %) has
 * something to show. Each line's whole amount is allocated to this installation's finance desk
 * (DESIGN.md, offline budget safety).
 */
export function planBudget(ctx: SeedContext, prng: Prng, project: ProjectPlan, needs: LineNeeds, nearCeiling: boolean): ProjectBudget {
  const slots = project.fundSources.length;
  const contractTotal = project.contracts.reduce((sum, c) => sum + c.doc.amount, 0);
  const finance = ctx.org.byRole.finance;
  const projectCreatedDay = dayOf(project.doc.createdAt);
  const byKey = new Map<string, BudgetLineDoc>();
  for (const year of [...needs.years].sort((a, b) => a - b)) {
    for (let slot = 0; slot < slots; slot += 1) {
      const key = keyOf(project, year, slot);
      const used = needs.used.get(key) ?? 0;
      const utilisation = nearCeiling && key === needs.busiest ? prng.float(0.91, 0.985) : prng.float(0.55, 0.95);
      const base = used > 0 ? used / utilisation : Math.max(10 * WAN_FEN, (contractTotal * prng.float(0.1, 0.3)) / slots);
      const amount = roundUp(base + (needs.promised.get(key) ?? 0), WAN_FEN);
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
  const at = (key: string) => {
    const line = byKey.get(key);
    if (!line) throw new Error(`no budget line ${key} in project ${project.doc.code}`);
    return line;
  };
  return {
    lines: [...byKey.values()],
    lineFor: (request) => at(keyOf(project, yearOf(request.timeline.createdDay), request.contract.fundSlot)),
    lineOf: (contract) => at(contractKey(ctx, contract)),
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

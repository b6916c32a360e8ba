import { addAttempts, addBankReturn, ensureEveryState } from './attempts';
import { emitBudget, isCommitting, lineNeeds, planBudget, type ProjectBudget } from './budget';
import { planChanges, planContracts, type ChangePlan } from './contracts';
import { emitDisbursement, type Payable } from './disbursement';
import type { DocSink } from './doc-sink';
import { emitChange, emitProject, finalizeContract, finalizeProject } from './finalize';
import type { ContractPlan, SeedContext, SeedUser } from './model';
import { planCertificates, planPayments } from './payment-plan';
import { planProjects, PROJECTS_PER_DISTRICT } from './projects';
import { emitRequest } from './request-docs';
import { statusAt } from './request-timeline';
import { emitRiskAlerts, type LineUse } from './risk-alerts';

/** The person who files a contract's requests (经办人): a project lead who is not its lead (R10). */
function applicantFor(ctx: SeedContext, c: ContractPlan, pick: (n: number) => number): SeedUser {
  const others = ctx.org.byRole.projectLead.filter((u) => u.id !== c.project.doc.leadUserId);
  return others[pick(others.length)] ?? ctx.org.admin;
}

/**
 * One district: ten projects with their contracts, certificates, requests in every state, the
 * budget that pays them, their disbursement and ledger, and the risk warnings they cause.
 * Everything random comes from the district's own forked stream, so district n looks the same
 * whatever the districts before it drew.
 */
export async function buildDistrict(ctx: SeedContext, district: number, usedNames: Set<string>, sink: DocSink): Promise<void> {
  const prng = ctx.prng.fork(`district:${district}`);
  const projects = planProjects(ctx, prng, usedNames);
  for (const project of projects) project.contracts = planContracts(ctx, prng, project);
  const contracts = projects.flatMap((p) => p.contracts);
  const changes: ChangePlan[] = contracts.flatMap((c) => planChanges(ctx, prng, c));
  for (const c of contracts) {
    planCertificates(ctx, prng, c, sink);
    c.requests = planPayments(ctx, prng, c);
    const applicant = applicantFor(ctx, c, (n) => prng.int(0, Math.max(0, n - 1)));
    for (const r of c.requests) {
      r.applicant = applicant;
      r.status = statusAt(r.timeline, ctx.asOfDay);
    }
  }
  addAttempts(ctx, prng, contracts);
  addBankReturn(ctx, prng, contracts);
  ensureEveryState(ctx, contracts);

  const projectIndex = (i: number) => district * PROJECTS_PER_DISTRICT + i;
  // a pending increase must find its money on the contract's line when it is approved (R7)
  const pendingAfter = new Map(changes.filter((c) => c.doc.status === 'submitted').map((c) => [c.contract, c.doc.after.amount]));
  const planned = projects.map((project) => ({ project, needs: lineNeeds(ctx, project, pendingAfter) }));
  // the drawn project, or the next one with a line that promises nothing to a contract
  const drawn = prng.int(0, projects.length - 1);
  const nearCeiling = planned.map((_, k) => (drawn + k) % planned.length).find((i) => planned[i]?.needs.busiest !== undefined);
  const budgets: ProjectBudget[] = planned.map(({ project, needs }, i) => planBudget(ctx, prng, project, needs, i === nearCeiling));
  const payables: Payable[] = [];
  const uses: LineUse[] = [];
  projects.forEach((project, i) => {
    const budget = budgets[i];
    if (!budget) return;
    emitBudget(ctx, budget, sink);
    for (const c of project.contracts) c.doc.budgetLineId = budget.lineOf(c).id;
    const used = new Map<string, { reserved: number; paid: number }>();
    for (const c of project.contracts) {
      for (const r of c.requests) {
        const line = budget.lineFor(r);
        const doc = emitRequest(ctx, prng, r, projectIndex(i), line.id, sink);
        payables.push({ plan: r, doc, line });
        if (isCommitting(r.status)) {
          const u = used.get(line.id) ?? { reserved: 0, paid: 0 };
          if (r.status === 'paid') u.paid += r.amount;
          else u.reserved += r.amount;
          used.set(line.id, u);
        }
      }
    }
    for (const line of budget.lines) uses.push({ line, project, ...(used.get(line.id) ?? { reserved: 0, paid: 0 }) });
  });
  emitDisbursement(ctx, prng, payables, sink);
  for (const change of changes) emitChange(ctx, prng, change, projectIndex(projects.indexOf(change.contract.project)), sink);
  for (const c of contracts) finalizeContract(ctx, c);
  for (const project of projects) {
    finalizeProject(project);
    emitProject(project, sink);
  }
  emitRiskAlerts(ctx, prng, uses, contracts, sink);
  await sink.flushIfFull();
}

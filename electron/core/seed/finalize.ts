import type { ContractChangeDoc, MilestoneDoc } from '../db/schemas';
import { approverFor, APPROVE_COMMENTS, decisionDoc, subjectHashOf } from './approvals';
import { dayText, EVENT_MINUTE, instantAt, parseDay, type Day } from './calendar';
import type { ChangePlan } from './contracts';
import type { DocSink } from './doc-sink';
import type { ContractPlan, ProjectPlan, RequestPlan, SeedContext } from './model';
import type { Prng } from './prng';

function paidAt(r: RequestPlan): number {
  return instantAt(r.timeline.bankReturn?.receiptDay ?? r.timeline.receiptDay, EVENT_MINUTE.receipt + 45);
}

function paidOf(c: ContractPlan, kind: RequestPlan['kind']): RequestPlan | undefined {
  return c.requests.find((r) => r.kind === kind && r.status === 'paid' && !r.attempt);
}

/** Settled once its settlement is paid: from then on the contract claims nothing more (R7). */
export function settles(c: ContractPlan): boolean {
  return paidOf(c, 'settlement') !== undefined;
}

function settle(m: MilestoneDoc | undefined, fields: Partial<MilestoneDoc>, at: number | null): void {
  if (!m) return;
  Object.assign(m, fields);
  if (at !== null) m.updatedAt = Math.max(m.createdAt, at);
}

/**
 * Contract, milestone and project states from what was paid: a contract is settled once its
 * settlement is paid, completed once accepted; a milestone is settled once its payment is; a
 * project is closed only when every contract is settled and its retention returned.
 */
export function finalizeContract(ctx: SeedContext, c: ContractPlan): void {
  const doc = c.doc;
  if (doc.status === 'draft') return;
  const signedDay = doc.signedAt ? parseDay(doc.signedAt) : null;
  const settlement = paidOf(c, 'settlement');
  const accepted = c.acceptanceDay <= ctx.asOfDay;
  if (settlement) {
    doc.status = 'settled';
    doc.updatedAt = Math.max(doc.updatedAt, paidAt(settlement));
  } else if (accepted) {
    doc.status = 'completed';
    doc.updatedAt = Math.max(doc.updatedAt, instantAt(c.acceptanceDay, 17 * 60));
  }
  const m = c.milestones;
  const advance = paidOf(c, 'advance');
  settle(m.advance, { status: advance ? 'settled' : 'open', ...(signedDay !== null ? { dueDate: dayText(signedDay + 30) } : {}) }, advance ? paidAt(advance) : null);
  const lastConfirmed = [...c.certificates].reverse().find((cert) => cert.status === 'confirmed' && cert.cumulativeCertified < c.settlementValue);
  if (lastConfirmed) {
    const day: Day = parseDay(lastConfirmed.certifiedAt);
    settle(m.progress, { acceptedAt: lastConfirmed.certifiedAt, dueDate: dayText(day + doc.paymentTermDays) }, lastConfirmed.createdAt);
  }
  if (settlement) settle(m.progress, { status: 'settled' }, paidAt(settlement));
  if (accepted) {
    settle(
      m.settlement,
      { acceptedAt: dayText(c.acceptanceDay), dueDate: dayText(c.acceptanceDay + doc.paymentTermDays), status: settlement ? 'settled' : 'open' },
      settlement ? paidAt(settlement) : instantAt(c.acceptanceDay, 17 * 60),
    );
    const retention = paidOf(c, 'retention');
    settle(m.retention, { dueDate: dayText(c.acceptanceDay + 730), status: retention ? 'settled' : 'open' }, retention ? paidAt(retention) : instantAt(c.acceptanceDay, 17 * 60));
  }
}

export function finalizeProject(project: ProjectPlan): void {
  const doc = project.doc;
  const done = (c: ContractPlan) => c.doc.status === 'settled' && (!c.milestones.retention || c.milestones.retention.status === 'settled');
  if (doc.status === 'closed' && !project.contracts.every(done)) doc.status = 'completed';
  for (const c of project.contracts) doc.updatedAt = Math.max(doc.updatedAt, c.doc.createdAt);
  if (doc.status !== 'active' && doc.status !== 'preparing') {
    for (const c of project.contracts) doc.updatedAt = Math.max(doc.updatedAt, c.doc.updatedAt);
  }
  project.status = doc.status;
}

/** Everything of a project that hangs off its contracts, once its states are final. */
export function emitProject(project: ProjectPlan, sink: DocSink): void {
  sink.add('projects', project.doc);
  for (const c of project.contracts) {
    sink.add('contracts', c.doc);
    for (const m of Object.values(c.milestones)) if (m) sink.add('contracts', m);
    for (const cert of c.certificates) sink.add('contracts', cert);
  }
}

/** A contract change and the signed decisions of its route (财务审核, 分管领导审批). */
export function emitChange(ctx: SeedContext, prng: Prng, change: ChangePlan, projectIndex: number, sink: DocSink): void {
  const doc: ContractChangeDoc = change.doc;
  const route = doc.route;
  if (!route) return;
  const subjectHash = subjectHashOf({ contractId: doc.contractId, fromVersion: doc.fromVersion, before: doc.before, after: doc.after, reason: doc.reason });
  let last = doc.createdAt;
  change.decisionDays.forEach((day, step) => {
    const role = route.steps[step]?.role ?? 'finance';
    const user = approverFor(ctx, prng, projectIndex, change.contract.project.doc.leadUserId, role);
    const at = instantAt(day, EVENT_MINUTE.decision + step * 25 + prng.int(0, 20));
    const { doc: decision, job } = decisionDoc(ctx, 'contractChange', doc.id, subjectHash, { step, role, user, decision: 'approve', comment: prng.pick(APPROVE_COMMENTS), at });
    sink.addSigned(decision, job);
    last = at;
  });
  route.currentStep = change.decisionDays.length;
  doc.updatedAt = last;
  sink.add('contracts', doc);
}

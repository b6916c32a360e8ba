import type { PaymentRequestDoc } from '../db/schemas';
import { attachment } from './attachments';
import { approverFor, APPROVE_COMMENTS, decisionDoc, REJECT_COMMENTS, RETURN_COMMENTS, subjectHashOf, type DecisionSpec } from './approvals';
import { EVENT_MINUTE, instantAt, yearOf, type Day } from './calendar';
import type { DocSink } from './doc-sink';
import type { RequestPlan, SeedContext } from './model';
import type { Prng } from './prng';

function decisionAt(prng: Prng, day: Day, step: number): number {
  return instantAt(day, EVENT_MINUTE.decision + step * 25 + prng.int(0, 20));
}

/** The instant of the last thing that happened to a real request by the end of the data. */
function lastEventAt(plan: RequestPlan, asOfDay: Day, decisions: readonly DecisionSpec[], createdAt: number): number {
  const t = plan.timeline;
  const b = t.bankReturn;
  const lastDecision = decisions[decisions.length - 1]?.at ?? createdAt;
  switch (plan.status) {
    case 'paid':
      return instantAt(b && b.returnDay <= asOfDay ? b.receiptDay : t.receiptDay, EVENT_MINUTE.receipt);
    case 'in_payment':
      return instantAt(b && b.returnDay <= asOfDay ? b.batchDay : t.batchDay, EVENT_MINUTE.released);
    case 'approved':
      return b && b.returnDay <= asOfDay ? instantAt(b.returnDay, EVENT_MINUTE.bankReturn) : lastDecision;
    case 'submitted':
      return Math.max(lastDecision, instantAt(t.returned && t.returned.day <= asOfDay ? t.returned.resubmitDay : t.submitDay, EVENT_MINUTE.submitted));
    default:
      return Math.max(lastDecision, createdAt);
  }
}

/** Every decision made on the request by the end of the data, in order. */
function decisionsOf(ctx: SeedContext, prng: Prng, plan: RequestPlan, projectIndex: number): DecisionSpec[] {
  const t = plan.timeline;
  const lead = plan.contract.project.doc.leadUserId;
  const approver = (step: number) => {
    const role = plan.route[step]?.role ?? 'projectLead';
    return { role, user: approverFor(ctx, prng, projectIndex, lead, role) };
  };
  const out: DecisionSpec[] = [];
  const approve = (step: number, day: Day) => out.push({ step, ...approver(step), decision: 'approve', comment: prng.pick(APPROVE_COMMENTS), at: decisionAt(prng, day, step) });
  const attempt = plan.attempt;
  if (attempt?.outcome === 'rejected') {
    for (let step = 0; step < attempt.step; step += 1) approve(step, t.stepDays[step] ?? t.submitDay);
    const day = t.stepDays[attempt.step] ?? t.submitDay;
    out.push({ step: attempt.step, ...approver(attempt.step), decision: 'reject', comment: prng.pick(REJECT_COMMENTS), at: decisionAt(prng, day, attempt.step) });
    return out;
  }
  if (attempt?.outcome === 'withdrawn' || t.submitDay > ctx.asOfDay) return out;
  const r = t.returned;
  if (r) {
    r.approvedDays.forEach((day, step) => {
      if (day <= ctx.asOfDay) approve(step, day);
    });
    if (r.day > ctx.asOfDay) return out;
    out.push({ step: r.step, ...approver(r.step), decision: 'return', comment: prng.pick(RETURN_COMMENTS), at: decisionAt(prng, r.day, r.step) });
    if (r.resubmitDay > ctx.asOfDay) return out;
  }
  t.stepDays.forEach((day, step) => {
    if (day <= ctx.asOfDay) approve(step, day);
  });
  return out;
}

/**
 * The request document, its evidence and its signed decisions, consistent with its state:
 * drafts are not routed, a submitted request waits at the step after its last approval, a
 * rejected one stopped at the rejecting step, the rest passed every step of the pinned route.
 */
export function emitRequest(ctx: SeedContext, prng: Prng, plan: RequestPlan, projectIndex: number, budgetLineId: string, sink: DocSink): PaymentRequestDoc {
  const t = plan.timeline;
  const createdAt = instantAt(t.createdDay, EVENT_MINUTE.created + prng.int(0, 110));
  const id = ctx.ids.next();
  plan.id = id;
  const year = yearOf(t.createdDay);
  const requestNo = `ZF-${year}-${String(ctx.counters.next(`request:${year}`)).padStart(6, '0')}`;
  const applicant = plan.applicant.id;
  // one scanned bundle per request (申请表、发票、验收资料); certificates carry their own scans
  const docs = [attachment(ctx, prng, createdAt, applicant, `${requestNo}-付款申请资料（含发票）.pdf`)];
  for (const doc of docs) sink.add('records', doc);
  const contract = plan.contract.doc;
  const snapshot = { requestNo, contractId: contract.id, budgetLineId, kind: plan.kind, amount: plan.amount, labourAmount: plan.labourAmount, invoiceNos: plan.invoiceNos };
  const subjectHash = subjectHashOf(snapshot);
  const decisions = decisionsOf(ctx, prng, plan, projectIndex);
  for (const spec of decisions) {
    const { doc, job } = decisionDoc(ctx, 'paymentRequest', id, subjectHash, spec);
    sink.addSigned(doc, job);
  }

  const attempt = plan.attempt;
  const routedDay = t.returned && t.returned.resubmitDay <= ctx.asOfDay ? t.returned.resubmitDay : t.submitDay;
  const submitted = plan.status !== 'draft' && !(attempt?.outcome === 'withdrawn' && !attempt.fromSubmitted);
  const submittedAt = submitted ? instantAt(routedDay, EVENT_MINUTE.submitted + prng.int(0, 110)) : null;
  const approvalsThisRound = decisions.filter((d) => d.decision === 'approve' && (!t.returned || d.at > instantAt(t.returned.day, 0))).length;
  const currentStep =
    plan.status === 'rejected' && attempt?.outcome === 'rejected'
      ? attempt.step
      : plan.status === 'submitted'
        ? t.returned && t.returned.day > ctx.asOfDay
          ? decisions.length
          : approvalsThisRound
        : plan.status === 'withdrawn'
          ? 0
          : plan.route.length;
  let updatedAt = lastEventAt(plan, ctx.asOfDay, decisions, createdAt);
  if (attempt?.outcome === 'withdrawn') updatedAt = instantAt(attempt.day, EVENT_MINUTE.decision + prng.int(0, 120));
  const doc: PaymentRequestDoc = {
    id,
    unitId: ctx.org.county.id,
    createdBy: applicant,
    createdAt,
    updatedAt: Math.max(updatedAt, submittedAt ?? createdAt),
    docType: 'paymentRequest',
    requestNo,
    contractId: contract.id,
    budgetLineId,
    milestoneId: plan.milestone?.id ?? null,
    kind: plan.kind,
    amount: plan.amount,
    labourAmount: plan.labourAmount,
    description: plan.description.slice(0, 500),
    invoiceNos: plan.invoiceNos,
    attachmentIds: docs.map((d) => d.id),
    applicantId: applicant,
    status: plan.status,
    route:
      submittedAt === null
        ? null
        : { decisionTableId: ctx.tables.paymentTableId, decisionTableVersion: 1, routedAt: submittedAt, steps: plan.route, currentStep },
    split: null,
    submittedAt,
  };
  sink.add('payments', doc);
  return doc;
}

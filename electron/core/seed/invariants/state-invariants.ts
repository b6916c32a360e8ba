import { sm2Verify } from '../../../../shared/crypto';
import { keyValidAt } from '../../../../shared/domain/key-history';
import type { ApprovalDecisionDoc, PaymentRequestDoc } from '../../db/schemas';
import { decisionPayloadHash, subjectHashOf } from '../approvals';
import { APPROVAL_THRESHOLD_FEN } from '../decision-tables';
import { groupBy, sum, type SeedData } from './load-seed-data';

/** The decisions of the request's current round: those after its last return (退回). */
function currentRound(decisions: readonly ApprovalDecisionDoc[]): ApprovalDecisionDoc[] {
  const lastReturn = decisions.map((d) => d.decision).lastIndexOf('return');
  return decisions.slice(lastReturn + 1);
}

function checkRoute(r: PaymentRequestDoc, decisions: readonly ApprovalDecisionDoc[], tables: SeedData['decisionTable'], violations: string[]): void {
  const label = `[state] ${r.requestNo} (${r.status})`;
  const rejects = decisions.filter((d) => d.decision === 'reject');
  if (r.status === 'draft' || (r.status === 'withdrawn' && r.route === null)) {
    if (r.route !== null || r.submittedAt !== null) violations.push(`${label}: unsubmitted but routed`);
    const last = decisions.at(-1);
    if (last && last.decision !== 'return') violations.push(`${label}: decisions on a draft that was not returned`);
    return;
  }
  const route = r.route;
  if (!route || r.submittedAt === null) return void violations.push(`${label}: submitted without a route`);
  const table = tables.find((t) => t.id === route.decisionTableId && t.version === route.decisionTableVersion && t.subject === 'paymentRequest');
  if (!table) violations.push(`${label}: route pins an unknown decision table`);
  const expected = r.amount < APPROVAL_THRESHOLD_FEN ? 1 : 3;
  if (route.steps.length !== expected) violations.push(`${label}: ${route.steps.length} steps, table gives ${expected}`);
  const round = currentRound(decisions);
  const approvedSteps = round.filter((d) => d.decision === 'approve').map((d) => d.step);
  const firstSteps = (n: number) => approvedSteps.length === n && approvedSteps.every((s, i) => s === i);
  switch (r.status) {
    case 'submitted':
      if (route.currentStep >= route.steps.length || !firstSteps(route.currentStep) || rejects.length > 0) violations.push(`${label}: step ${route.currentStep} vs approvals ${approvedSteps.join(',')}`);
      break;
    case 'approved':
    case 'in_payment':
    case 'paid':
      if (route.currentStep !== route.steps.length || !firstSteps(route.steps.length) || rejects.length > 0) violations.push(`${label}: not every step approved`);
      break;
    case 'rejected':
      if (rejects.length !== 1 || rejects[0]?.step !== route.currentStep || decisions.at(-1)?.decision !== 'reject') violations.push(`${label}: rejection does not match the route`);
      break;
    case 'withdrawn':
      if (rejects.length > 0) violations.push(`${label}: withdrawn after a rejection`);
      break;
    default:
      break;
  }
  for (const d of decisions) {
    if (route.steps[d.step]?.role !== d.stepRole) violations.push(`${label}: decision at step ${d.step} in role ${d.stepRole}`);
  }
}

export interface StateCheckOptions {
  /** verify every decision signature (slow at large scales), or one in `sampleEvery` */
  sampleEvery: number;
}

/**
 * Invariant 5 and the state machine: routes, decisions and states agree; no applicant signs,
 * no one signs two steps (R10); the signer held the step's role and the key valid at signing;
 * signatures verify (every one, or a sample at large scales).
 */
export function checkStates(data: SeedData, violations: string[], options: StateCheckOptions): void {
  const users = new Map(data.users.map((u) => [u.id, u]));
  const decisions = groupBy(
    data.approvalDecision.filter((d) => d.subject === 'paymentRequest').sort((a, b) => a.signedAt - b.signedAt),
    (d) => d.requestId,
  );
  const changeIds = new Set(data.contractChange.map((c) => c.id));
  const requestIds = new Set(data.paymentRequest.map((r) => r.id));
  for (const r of data.paymentRequest) {
    const mine = decisions.get(r.id) ?? [];
    checkRoute(r, mine, data.decisionTable, violations);
    const steps = new Map<string, Set<number>>();
    for (const d of mine) {
      if (d.userId === r.applicantId) violations.push(`[R10] ${r.requestNo}: the applicant signed step ${d.step}`);
      steps.set(d.userId, (steps.get(d.userId) ?? new Set()).add(d.step));
      if (d.signedAt < r.createdAt) violations.push(`[state] ${r.requestNo}: decided before it was filed`);
    }
    for (const [userId, set] of steps) if (set.size > 1) violations.push(`[R10] ${r.requestNo}: ${userId} signed steps ${[...set].join(',')}`);
  }
  // what each decision vouches for: the request (or change) exactly as it is stored
  const subjects = new Map<string, string>();
  for (const r of data.paymentRequest) {
    const { requestNo, contractId, budgetLineId, kind, amount, labourAmount, invoiceNos } = r;
    subjects.set(r.id, subjectHashOf({ requestNo, contractId, budgetLineId, kind, amount, labourAmount, invoiceNos }));
  }
  for (const c of data.contractChange) {
    subjects.set(c.id, subjectHashOf({ contractId: c.contractId, fromVersion: c.fromVersion, before: c.before, after: c.after, reason: c.reason }));
  }
  data.approvalDecision.forEach((d, i) => {
    if (!requestIds.has(d.requestId) && !changeIds.has(d.requestId)) violations.push(`[state] decision ${d.id} on nothing`);
    if (decisionPayloadHash(d, subjects.get(d.requestId) ?? '') !== d.signedPayloadHash) violations.push(`[signature] decision ${d.id} signs something else than the stored request`);
    const user = users.get(d.userId);
    if (!user || !user.roles.includes(d.stepRole)) return void violations.push(`[R10] decision ${d.id}: signer lacks role ${d.stepRole}`);
    if (keyValidAt(user.keyHistory, d.signedAt) !== d.signerPublicKey) violations.push(`[signature] decision ${d.id}: not the signer's key at signing time`);
    if (i % options.sampleEvery === 0 && !sm2Verify(d.signedPayloadHash, d.signature, d.signerPublicKey)) violations.push(`[signature] decision ${d.id} does not verify`);
  });
}

/**
 * Invariant 7 and the payment states: batches hold their instructions; each instruction is
 * released once (unique idempotency key) and matched to one receipt of its amount; what went
 * out for a request equals its amount exactly when it is in payment or paid.
 */
export function checkDisbursement(data: SeedData, violations: string[]): void {
  const batches = new Map(data.paymentBatch.map((b) => [b.id, b]));
  const receipts = new Map(data.bankReceipt.map((r) => [r.id, r]));
  const keys = new Set<string>();
  const matched = new Set<string>();
  for (const i of data.paymentInstruction) {
    const batch = batches.get(i.batchId);
    if (!batch || !batch.requestIds.includes(i.requestId)) violations.push(`[payment] instruction ${i.id} outside its batch`);
    if (keys.has(i.idempotencyKey)) violations.push(`[payment] idempotency key ${i.idempotencyKey} used twice`);
    keys.add(i.idempotencyKey);
    if (i.receiptId !== undefined) {
      if (matched.has(i.receiptId)) violations.push(`[payment] receipt ${i.receiptId} matches two instructions`);
      matched.add(i.receiptId);
      const receipt = receipts.get(i.receiptId);
      if (!receipt || receipt.amount !== i.amount || receipt.instructionId !== i.id) violations.push(`[payment] instruction ${i.id}: receipt does not match`);
    } else if (i.status === 'paid' || i.status === 'returned') violations.push(`[payment] instruction ${i.id} ${i.status} without a receipt`);
  }
  const refs = new Set<string>();
  for (const r of data.bankReceipt) {
    if (refs.has(r.bankRef)) violations.push(`[payment] bank reference ${r.bankRef} twice`);
    refs.add(r.bankRef);
  }
  const byBatch = groupBy(data.paymentInstruction, (i) => i.batchId);
  for (const b of data.paymentBatch) {
    const list = byBatch.get(b.id) ?? [];
    if (sum(list.map((i) => i.amount)) !== b.totalAmount) violations.push(`[payment] batch ${b.batchNo}: total ≠ Σ instructions`);
    const open = list.some((i) => i.status === 'sent');
    if ((b.status === 'released') !== open || b.releasedAt === null) violations.push(`[payment] batch ${b.batchNo}: status ${b.status} vs instructions`);
  }
  const byRequest = groupBy(data.paymentInstruction, (i) => i.requestId);
  for (const r of data.paymentRequest) {
    const list = byRequest.get(r.id) ?? [];
    const sent = sum(list.filter((i) => i.status === 'sent').map((i) => i.amount));
    const paid = sum(list.filter((i) => i.status === 'paid').map((i) => i.amount));
    const ok =
      r.status === 'paid' ? paid === r.amount && sent === 0 : r.status === 'in_payment' ? sent === r.amount && paid === 0 : sent === 0 && paid === 0;
    if (!ok) violations.push(`[payment] ${r.requestNo} (${r.status}): sent ${sent}, paid ${paid}, amount ${r.amount}`);
    if (r.status !== 'approved' && r.status !== 'in_payment' && r.status !== 'paid' && list.length > 0) violations.push(`[payment] ${r.requestNo} (${r.status}) has instructions`);
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../electron/core/api/handler-types';
import { runAtomically } from '../../../electron/core/app/unit-of-work';
import type { RiskAlertDoc, UnitDoc, UserDoc } from '../../../electron/core/db/schemas';
import { PaymentRequestService } from '../../../electron/core/payments/payment-request-service';
import { valueOf } from '../../support/test-core';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world';

/**
 * Issue 4 item 7's refusals on a real core: beyond the budget, an advance over 30 %, a second
 * use of one invoice number. Each is refused with its Chinese message naming the rule, and
 * nothing is written: no document, no audit event, the request still a draft.
 */
let world: PaymentsWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function draft(w: PaymentsWorld, fields: { kind: 'advance' | 'progress'; amount: number; invoiceNos: string[] }) {
  const evidence = fields.kind === 'advance' ? ['invoice', 'contract'] as const : ['invoice', 'progressCertificate'] as const;
  const attachmentIds = [];
  for (const purpose of evidence) attachmentIds.push((await w.upload(purpose)).id);
  return valueOf(
    await w.lead.call('payments.saveDraft', {
      contractId: w.contract.id,
      budgetLineId: w.budgetLineId,
      milestoneId: w.milestones[fields.kind].id,
      kind: fields.kind,
      amount: fields.amount,
      labourAmount: 0,
      description: '测试',
      invoiceNos: fields.invoiceNos,
      attachmentIds,
    }),
  );
}

async function refusedWithNothingSaved(w: PaymentsWorld, id: string) {
  const before = await w.counts();
  const result = await w.lead.call('payments.submit', { id });
  expect(await w.counts()).toEqual(before);
  const after = valueOf(await w.lead.call('payments.get', { id }));
  expect(after.request.status).toBe('draft');
  expect(after.request.route).toBeNull();
  if (result.ok) throw new Error('submit should have been refused');
  return result.error;
}

describe('submit refusals leave nothing behind', () => {
  it('beyond the budget line: R8 message, nothing saved', async () => {
    world = await startPaymentsWorld({ budgetFen: 10_000_000 });
    const { request, check } = await draft(world, { kind: 'progress', amount: 20_000_000, invoiceNos: ['26352000000000000101'] });
    // the draft was saved and shows where the budget would stand
    expect(check.availableAfter).toBe(-10_000_000);
    // and says, with submit's own words, that submitting will be refused
    expect(check.violations.map((v) => [v.code, v.field])).toEqual([['BUDGET_EXCEEDED', 'amount']]);
    const error = await refusedWithNothingSaved(world, request.id);
    expect(error.code).toBe('BUDGET_EXCEEDED');
    expect(error.message).toContain('超出预算指标');
    expect(error.message).toContain('《预算法》');
    expect(error.field).toBe('amount');
  });

  it('an advance over 30 %: 《建设工程价款结算暂行办法》第十二条, nothing saved', async () => {
    world = await startPaymentsWorld();
    const { request, check } = await draft(world, { kind: 'advance', amount: 30_000_001, invoiceNos: ['26352000000000000102'] });
    expect(check.violations.map((v) => v.code)).toEqual(['ADVANCE_OVER_LIMIT']);
    const error = await refusedWithNothingSaved(world, request.id);
    expect(error.code).toBe('ADVANCE_OVER_LIMIT');
    expect(error.message).toContain('《建设工程价款结算暂行办法》（财建〔2004〕369号）第十二条');
    expect(error.message).toContain('预付款不得超过合同金额的30%');
    expect(error.field).toBe('amount');
  });

  it('a second use of one invoice number: refused naming the first request, nothing saved', async () => {
    world = await startPaymentsWorld();
    const invoice = '26352000000000000103';
    const first = await draft(world, { kind: 'progress', amount: 10_000_000, invoiceNos: [invoice] });
    const submitted = valueOf(await world.lead.call('payments.submit', { id: first.request.id }));
    expect(submitted.status).toBe('submitted');
    const second = await draft(world, { kind: 'progress', amount: 5_000_000, invoiceNos: [invoice] });
    expect(second.check.violations.map((v) => v.code)).toEqual(['INVOICE_ALREADY_USED']);
    const error = await refusedWithNothingSaved(world, second.request.id);
    expect(error.code).toBe('INVOICE_ALREADY_USED');
    expect(error.message).toContain(first.request.requestNo);
    expect(error.message).toContain('同一张发票只能支付一次');
    expect(error.field).toBe('invoiceNos.0');
  });

  it('a withdrawn request gives its invoice number back', async () => {
    world = await startPaymentsWorld();
    const invoice = '26352000000000000104';
    const first = await draft(world, { kind: 'progress', amount: 10_000_000, invoiceNos: [invoice] });
    valueOf(await world.lead.call('payments.submit', { id: first.request.id }));
    valueOf(await world.lead.call('payments.withdraw', { id: first.request.id, reason: '金额填报有误' }));
    const second = await draft(world, { kind: 'progress', amount: 5_000_000, invoiceNos: [invoice] });
    expect(valueOf(await world.lead.call('payments.submit', { id: second.request.id })).status).toBe('submitted');
  });

  it('two submits racing with one invoice number: exactly one wins (checked under the write lock)', async () => {
    world = await startPaymentsWorld();
    const invoice = '26352000000000000105';
    const a = await draft(world, { kind: 'progress', amount: 1_000_000, invoiceNos: [invoice] });
    const b = await draft(world, { kind: 'progress', amount: 2_000_000, invoiceNos: [invoice] });
    const results = await Promise.all([world.lead.call('payments.submit', { id: a.request.id }), world.lead.call('payments.submit', { id: b.request.id })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.error.code))).toEqual(['INVOICE_ALREADY_USED']);
  });
});

/**
 * The budget numbers of the submit path: what one submit reserves counts against the next (the
 * service keeps the line's committing requests from the committed state), the R8 warning is
 * raised from the position the check already had, and a submit joining a larger unit of work
 * falls back to reading the line, which sees what that unit wrote.
 */
describe('submit and the budget line', () => {
  it('a reservation made by one submit counts against the next one, and a withdraw gives it back', async () => {
    world = await startPaymentsWorld({ budgetFen: 10_000_000 });
    const a = await draft(world, { kind: 'progress', amount: 6_000_000, invoiceNos: ['26352000000000000111'] });
    const b = await draft(world, { kind: 'progress', amount: 5_000_000, invoiceNos: ['26352000000000000112'] });
    expect(valueOf(await world.lead.call('payments.submit', { id: a.request.id })).status).toBe('submitted');
    const error = await refusedWithNothingSaved(world, b.request.id);
    expect(error.code).toBe('BUDGET_EXCEEDED');
    expect(error.message).toContain('可用余额 ¥40,000.00');
    valueOf(await world.lead.call('payments.withdraw', { id: a.request.id, reason: '改期申请' }));
    expect(valueOf(await world.lead.call('payments.submit', { id: b.request.id })).status).toBe('submitted');
    expect((await world.services.budget.position(world.budgetLineId)).reserved).toBe(5_000_000);
  });

  it('two submits racing for the same budget money: exactly one reserves it, the line is never overspent', async () => {
    world = await startPaymentsWorld({ budgetFen: 10_000_000 });
    const a = await draft(world, { kind: 'progress', amount: 6_000_000, invoiceNos: ['26352000000000000121'] });
    const b = await draft(world, { kind: 'progress', amount: 5_000_000, invoiceNos: ['26352000000000000122'] });
    const c = await draft(world, { kind: 'progress', amount: 4_000_000, invoiceNos: ['26352000000000000123'] });
    // Sent together: the second and third take the write lock the moment the first lets go.
    const drafts = [a, b, c];
    const results = await Promise.all(drafts.map((d) => world!.lead.call('payments.submit', { id: d.request.id })));
    // Whatever order the lock served them in, no two of ¥60,000 / ¥50,000 / ¥40,000 fit next to
    // the third in ¥100,000, and the refusal is the budget's.
    const accepted = drafts.filter((_d, i) => results[i]?.ok).map((d) => d.request.amount);
    const refused = results.flatMap((r) => (r.ok ? [] : [r.error.code]));
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(new Set(refused)).toEqual(new Set(['BUDGET_EXCEEDED']));
    const reservedByAccepted = accepted.reduce((sum, amount) => sum + amount, 0);
    expect(reservedByAccepted).toBeLessThanOrEqual(10_000_000);
    const position = await world.services.budget.position(world.budgetLineId);
    expect(position.reserved).toBe(reservedByAccepted);
    expect(position.available).toBe(10_000_000 - reservedByAccepted);
  });

  it('a submit that brings the line to 90 % raises the R8 warning with its audit event, once', async () => {
    const w = (world = await startPaymentsWorld({ budgetFen: 10_000_000 }));
    const a = await draft(w, { kind: 'progress', amount: 8_999_999, invoiceNos: ['26352000000000000115'] });
    const b = await draft(w, { kind: 'progress', amount: 1, invoiceNos: ['26352000000000000116'] });
    valueOf(await w.lead.call('payments.submit', { id: a.request.id }));
    expect(await w.services.db.riskalerts.count().exec()).toBe(0);
    valueOf(await w.lead.call('payments.submit', { id: b.request.id }));
    const alerts = (await w.services.db.riskalerts.find().exec()).map((d) => d.toJSON() as RiskAlertDoc);
    expect(alerts).toMatchObject([{ detector: 'budget.nearCeiling', severity: 'warning', state: 'open', evidence: { usedBp: 9_000, reserved: 9_000_000, paid: 0, rule: 'R8' } }]);
    const raised = await w.services.db.auditevents.find({ selector: { action: 'budget.warningRaised' } }).exec();
    expect(raised).toHaveLength(1);
  });

  it('a submit joining a unit of work that already reserved on the line sees that reservation', async () => {
    const w = (world = await startPaymentsWorld({ budgetFen: 10_000_000 }));
    const a = await draft(w, { kind: 'progress', amount: 6_000_000, invoiceNos: ['26352000000000000113'] });
    const b = await draft(w, { kind: 'progress', amount: 5_000_000, invoiceNos: ['26352000000000000114'] });
    const { db, lock, clock, audit, budget, approval, attachments } = w.services;
    const payments = new PaymentRequestService({ db, lock, clock, audit, budget, approval, attachments });
    const user = (await db.users.findOne(w.leadId).exec())?.toMutableJSON() as UserDoc;
    const unit = (await db.units.findOne(w.unitId).exec())?.toMutableJSON() as UnitDoc;
    const actor: Actor = { user, unit, roles: ['projectLead'], sessionId: 'test', dataKey: null, scopeUnitIds: [w.unitId] };
    try {
      const refused = runAtomically(lock, db, async () => {
        // the outer unit's own, not yet committed reservation: only a query of the line sees it
        await payments.submit(a.request.id, actor);
        await payments.submit(b.request.id, actor);
      });
      await expect(refused).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
      expect((await budget.position(w.budgetLineId)).reserved).toBe(0);
    } finally {
      payments.close();
    }
  });
});

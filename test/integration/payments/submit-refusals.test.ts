import { afterEach, describe, expect, it } from 'vitest';
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueOf } from '../../support/test-core';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world';

/** Draft → submit (route pinned, budget reserved, audit event) → withdraw (released), and who may do what. */
let w: PaymentsWorld;
beforeAll(async () => {
  w = await startPaymentsWorld();
});
afterAll(async () => {
  await w.close();
});

async function progressDraft(amount: number, invoice: string, extra: { id?: string; labourAmount?: number } = {}) {
  const invoiceFile = await w.upload('invoice', '发票.pdf');
  const certificate = await w.upload('progressCertificate', '2026-10计量确认单.pdf');
  return valueOf(
    await w.lead.call('payments.saveDraft', {
      ...(extra.id ? { id: extra.id } : {}),
      contractId: w.contract.id,
      budgetLineId: w.budgetLineId,
      milestoneId: w.milestones.progress.id,
      kind: 'progress',
      amount,
      labourAmount: extra.labourAmount ?? 0,
      description: '2026-10 进度款（第 1 期）',
      invoiceNos: [invoice],
      attachmentIds: [invoiceFile.id, certificate.id],
    }),
  );
}

describe('payment request lifecycle', () => {
  it('templates list the evidence each kind requires', async () => {
    const templates = valueOf(await w.lead.call('payments.templates', {}));
    const progress = templates.find((t) => t.kind === 'progress');
    expect(progress?.evidence.filter((e) => e.required).map((e) => e.purpose)).toEqual(['invoice', 'progressCertificate']);
    expect(templates.find((t) => t.kind === 'advance')?.evidence.find((e) => e.purpose === 'advanceGuarantee')?.required).toBe(false);
  });

  it('a draft saves with rule warnings and the budget position; numbers are readable and sequential', async () => {
    const before = await w.counts();
    const { request, check } = await progressDraft(12_345_678, '26352000000000000201', { labourAmount: 99_999_999 });
    expect(request.status).toBe('draft');
    expect(request.requestNo).toMatch(/^ZF-2026-\d{6}$/u);
    expect(request.amountCapitals).toBe('壹拾贰万叁仟肆佰伍拾陆元柒角捌分');
    expect(check.violations.map((v) => v.code)).toEqual(['LABOUR_OVER_AMOUNT']);
    expect(check.budget?.available).toBe(200_000_000);
    expect(check.availableAfter).toBe(200_000_000 - 12_345_678);
    const after = await w.counts();
    expect(after.payments).toBe((before.payments ?? 0) + 1);
    const second = await progressDraft(100_000, '26352000000000000202');
    expect(Number(second.request.requestNo.slice(-6))).toBe(Number(request.requestNo.slice(-6)) + 1);
    // the labour warning blocks submit; fixing the draft (edit) lets it through
    const refused = await w.lead.call('payments.submit', { id: request.id });
    expect(refused.ok ? null : refused.error.code).toBe('LABOUR_OVER_AMOUNT');
    const fixed = await progressDraft(12_345_678, '26352000000000000201', { id: request.id, labourAmount: 2_000_000 });
    expect(fixed.request.id).toBe(request.id);
    expect(fixed.check.violations).toEqual([]);
  });

  it('submit pins the route, reserves the budget and appends one audit event in the same unit of work', async () => {
    const { request } = await progressDraft(60_000_000 - 11_500_000, '26352000000000000203');
    const audit = await w.services.db.auditevents.count().exec();
    const before = await w.services.budget.position(w.budgetLineId);
    const submitted = valueOf(await w.lead.call('payments.submit', { id: request.id }));
    expect(submitted.status).toBe('submitted');
    expect(submitted.route?.steps.length).toBeGreaterThan(0);
    expect(submitted.route?.currentStep).toBe(0);
    expect(submitted.submittedAt).not.toBeNull();
    const after = await w.services.budget.position(w.budgetLineId);
    expect(after.reserved - before.reserved).toBe(submitted.amount);
    const events = await w.services.db.auditevents.find({ selector: { entityId: request.id } }).exec();
    expect(events.map((e) => e.action)).toContain('paymentRequest.submit');
    expect(await w.services.db.auditevents.count().exec()).toBeGreaterThan(audit);
    // a submitted request cannot be edited or submitted again
    const again = await w.lead.call('payments.submit', { id: request.id });
    expect(again.ok ? null : again.error.code).toBe('REQUEST_STATE_INVALID');
    // withdraw releases the reservation
    const withdrawn = valueOf(await w.lead.call('payments.withdraw', { id: request.id, reason: '发票开具有误' }));
    expect(withdrawn.status).toBe('withdrawn');
    expect((await w.services.budget.position(w.budgetLineId)).reserved).toBe(before.reserved);
  });

  it('finance may read but not file; only the applicant may withdraw', async () => {
    const filed = await w.finance.call('payments.saveDraft', {
      contractId: w.contract.id,
      budgetLineId: w.budgetLineId,
      kind: 'other',
      amount: 100,
      invoiceNos: [],
    });
    expect(filed.ok ? null : filed.error.code).toBe('FORBIDDEN');
    const list = valueOf(await w.finance.call('payments.list', {}));
    expect(list.total).toBeGreaterThan(0);
    expect(list.items[0]?.contractCode).toBe('HT-2026-00001');
  });

  it('refuses a budget line of another project and a milestone of another kind as shape errors', async () => {
    const wrongMilestone = await w.lead.call('payments.saveDraft', {
      contractId: w.contract.id,
      budgetLineId: w.budgetLineId,
      milestoneId: w.milestones.advance.id,
      kind: 'progress',
      amount: 100,
    });
    expect(wrongMilestone.ok ? null : wrongMilestone.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'milestoneId' });
  });

  it('retention release before the defect-liability period ends is refused (R5)', async () => {
    const invoiceFile = await w.upload('invoice');
    const proof = await w.upload('defectPeriodEnd');
    const { request } = valueOf(
      await w.lead.call('payments.saveDraft', {
        contractId: w.contract.id,
        budgetLineId: w.budgetLineId,
        milestoneId: w.milestones.retention.id,
        kind: 'retention',
        amount: 1_000_000,
        invoiceNos: ['26352000000000000204'],
        attachmentIds: [invoiceFile.id, proof.id],
      }),
    );
    const refused = await w.lead.call('payments.submit', { id: request.id });
    expect(refused.ok ? null : refused.error.code).toBe('RETENTION_NOT_DUE');
    expect(refused.ok ? '' : refused.error.message).toContain('2028-12-31');
  });

  it('a returned request (draft again) is edited and resubmitted: routed and reserved anew', async () => {
    const { request } = await progressDraft(3_000_000, '26352000000000000205');
    const first = valueOf(await w.lead.call('payments.submit', { id: request.id }));
    const reserved = (await w.services.budget.position(w.budgetLineId)).reserved;
    // 退回 as APPROVAL writes it: back to draft, the old route kept for the record
    const rx = await w.services.db.payments.findOne(request.id).exec();
    await rx?.incrementalPatch({ status: 'draft', updatedAt: w.services.clock.now() });
    expect((await w.services.budget.position(w.budgetLineId)).reserved).toBe(reserved - 3_000_000);
    w.t.clock.advance(60_000);
    const edited = await progressDraft(2_500_000, '26352000000000000205', { id: request.id });
    expect(edited.request.status).toBe('draft');
    const again = valueOf(await w.lead.call('payments.submit', { id: request.id }));
    expect(again.status).toBe('submitted');
    expect(again.amount).toBe(2_500_000);
    expect(again.route?.routedAt).toBeGreaterThan(first.route?.routedAt ?? Infinity);
    expect((await w.services.budget.position(w.budgetLineId)).reserved).toBe(reserved - 500_000);
  });
});

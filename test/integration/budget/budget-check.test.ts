import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../electron/core/api/handler-types';
import { runAtomically } from '../../../electron/core/app/unit-of-work';
import type { PaymentRequestDoc, RiskAlertDoc } from '../../../electron/core/db/schemas';
import type { RequestStatus } from '../../../shared/domain/payment-request-status';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { valueOf } from '../../support/test-core';
import { startBudgetWorld, type BudgetWorld } from './budget-world';

/**
 * The budget check on a real SQLite core: requests are written as documents the way the request
 * service and the seed write them, and the check runs inside a unit of work like its callers do.
 */
describe('budget check, allocations and the R8 warning', () => {
  let w: BudgetWorld;
  let lineId: string;
  let projectId: string;
  let actor: Actor;

  beforeEach(async () => {
    w = await startBudgetWorld();
    const project = valueOf(await w.lead.call('projects.create', { code: 'XM-1', name: '城南环路改造工程', type: 'municipalRoad', fundSources: ['fiscal'] }));
    projectId = project.id;
    const line = valueOf(await w.finance.call('budget.lines.create', { projectId, year: 2026, subjectCode: '2120303', fundSource: 'fiscal', amount: 1_000_000_00 }));
    lineId = line.id;
    const me = valueOf(await w.finance.call('auth.me', {}));
    const user = (await w.t.core.services.db.users.findOne(me.user.id).exec())?.toJSON();
    const unit = (await w.t.core.services.db.units.findOne(me.user.unitId).exec())?.toJSON();
    if (!user || !unit) throw new Error('finance user missing');
    actor = { user, unit, roles: ['finance'], sessionId: 'test', dataKey: null, scopeUnitIds: [unit.id] } as unknown as Actor;
  });
  afterEach(async () => w.close());

  async function putRequest(amount: number, status: RequestStatus): Promise<string> {
    const { db, clock } = w.t.core.services;
    const now = clock.now();
    const doc: PaymentRequestDoc = {
      id: newId(),
      unitId: actor.unit.id,
      createdBy: actor.user.id,
      createdAt: now,
      updatedAt: now,
      docType: 'paymentRequest',
      requestNo: `ZF-${now}-${Math.floor(amount)}`.slice(0, 32),
      contractId: newId(),
      budgetLineId: lineId,
      milestoneId: null,
      kind: 'progress',
      amount,
      labourAmount: 0,
      description: '进度款',
      invoiceNos: [],
      attachmentIds: [],
      applicantId: actor.user.id,
      status,
      route: null,
      split: null,
      submittedAt: status === 'draft' ? null : now,
    };
    await db.payments.insert(doc);
    return doc.id;
  }

  async function commit(amount: number, excludeRequestId?: string) {
    const { budget, lock, db } = w.t.core.services;
    return runAtomically(lock, db, () => budget.assertCanCommit({ budgetLineId: lineId, amount, ...(excludeRequestId ? { excludeRequestId } : {}) }));
  }

  it('holds the whole new line on this device and derives reserved and paid from the requests', async () => {
    const view = valueOf(await w.finance.call('projects.get', { projectId })).lines[0];
    expect(view?.allocations).toEqual([expect.objectContaining({ amount: 1_000_000_00, heldHere: true, holderDeviceId: w.t.core.services.device.deviceId })]);
    const ticks: number[] = [];
    const stop = w.leadConnection.subscribe('budget.changed', {}, (d) => ticks.push((d as { tick: number }).tick), () => undefined);
    await vi.waitFor(() => expect(ticks).toEqual([0]), { timeout: 5_000 });
    await putRequest(300_000_00, 'submitted');
    await putRequest(200_000_00, 'paid');
    // the two writes come as one tick after the initial push
    await vi.waitFor(() => expect(ticks).toEqual([0, 1]), { timeout: 5_000 });
    stop();
    await putRequest(100_000_00, 'draft');
    await putRequest(50_000_00, 'rejected');
    const position = valueOf(await w.lead.call('budget.position', { budgetLineId: lineId }));
    expect(position).toMatchObject({ amount: 1_000_000_00, reserved: 300_000_00, paid: 200_000_00, available: 500_000_00, heldHere: 1_000_000_00, availableHere: 500_000_00, warnRatio: 0.9 });
  });

  it('blocks at 100 % with 《预算法》/R8 and the numbers, and re-checks a request without counting it twice', async () => {
    const big = await putRequest(900_000_00, 'submitted');
    await expect(commit(100_000_00)).resolves.toMatchObject({ available: 100_000_00 });
    const refused = await commit(100_000_01).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'BUDGET_EXCEEDED', field: 'amount' });
    expect((refused as AppError).message).toMatch(/《预算法》\/R8.*¥100,000\.01.*可用余额 ¥100,000\.00/u);
    await expect(commit(900_000_00, big)).resolves.toMatchObject({ reserved: 0 });
  });

  it('refuses money of the line that another device holds (ALLOCATION_EXCEEDED)', async () => {
    const { db, budget } = w.t.core.services;
    const allocation = (await db.projects.find({ selector: { docType: 'allocation', budgetLineId: lineId } }).exec())[0];
    await allocation?.incrementalPatch({ amount: 600_000_00 });
    await db.projects.insert({ ...(allocation?.toJSON() as object), id: newId(), holderDeviceId: newId(), amount: 400_000_00 } as never);
    await putRequest(500_000_00, 'approved');
    expect(await budget.position(lineId)).toMatchObject({ available: 500_000_00, heldHere: 600_000_00, availableHere: 100_000_00 });
    await expect(commit(100_000_01)).rejects.toMatchObject({ code: 'ALLOCATION_EXCEEDED' });
    // and a line edit may not take money another device holds
    expect(await w.finance.call('budget.lines.update', { budgetLineId: lineId, amount: 500_000_00 })).toMatchObject({ ok: false, error: { code: 'ALLOCATION_EXCEEDED' } });
  });

  it('keeps a line at or above reserved + paid, moves the allocation with it, and checks the monthly plan', async () => {
    await putRequest(600_000_00, 'in_payment');
    expect(await w.finance.call('budget.lines.update', { budgetLineId: lineId, amount: 599_999_99 })).toMatchObject({
      ok: false,
      error: { code: 'BUDGET_BELOW_COMMITTED', field: 'amount' },
    });
    const grown = valueOf(await w.finance.call('budget.lines.update', { budgetLineId: lineId, amount: 1_200_000_00 }));
    expect(grown.allocations[0]?.amount).toBe(1_200_000_00);
    const plan = Array.from({ length: 12 }, () => 100_000_00);
    expect(await w.finance.call('budget.lines.update', { budgetLineId: lineId, monthlyPlan: plan.map((m, i) => (i === 0 ? m + 1 : m)) })).toMatchObject({
      ok: false,
      error: { code: 'MONTHLY_PLAN_INVALID', field: 'monthlyPlan' },
    });
    expect(valueOf(await w.finance.call('budget.lines.update', { budgetLineId: lineId, monthlyPlan: plan })).monthlyPlan).toEqual(plan);
    expect(valueOf(await w.finance.call('budget.lines.update', { budgetLineId: lineId, monthlyPlan: null })).monthlyPlan).toBeNull();
    expect(await w.lead.call('budget.lines.update', { budgetLineId: lineId, amount: 2_000_000_00 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a duplicate line and a fund source the project does not have', async () => {
    expect(await w.finance.call('budget.lines.create', { projectId, year: 2026, subjectCode: '2120303', fundSource: 'fiscal', amount: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BUDGET_LINE_DUPLICATE' },
    });
    expect(await w.finance.call('budget.lines.create', { projectId, year: 2026, subjectCode: '2120303', fundSource: 'ppp', amount: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'fundSource' },
    });
    expect(valueOf(await w.finance.call('budget.lines.create', { projectId, year: 2027, subjectCode: '2120303', fundSource: 'fiscal', amount: 1 })).year).toBe(2027);
  });

  it('raises one R8 warning alert with an audit event when 90 % is reached, and shows the notice', async () => {
    const { budget, lock, db } = w.t.core.services;
    const note = () => runAtomically(lock, db, () => budget.noteCommitChange(lineId, actor));
    await putRequest(899_999_99, 'submitted');
    await note();
    expect(await db.riskalerts.count().exec()).toBe(0);
    expect(valueOf(await w.finance.call('budget.notices', {}))).toEqual([]);
    await putRequest(1, 'submitted');
    await note();
    await note();
    const alerts = (await db.riskalerts.find().exec()).map((d) => d.toJSON() as RiskAlertDoc);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ detector: 'budget.nearCeiling', severity: 'warning', state: 'open', evidence: { usedBp: 9_000, rule: 'R8' } });
    expect(alerts[0]?.title).toContain('预算指标已使用90.00%：城南环路改造工程');
    const events = valueOf(await w.auditor.call('audit.events', { limit: 10 })).events;
    expect(events.filter((e) => e.action === 'budget.warningRaised')).toHaveLength(1);
    const notices = valueOf(await w.lead.call('budget.notices', {}));
    expect(notices).toMatchObject([{ budgetLineId: lineId, projectCode: 'XM-1', usedBp: 9_000, level: 'warning', alert: { state: 'open' } }]);
    // a risk officer's disposition stands for the usage it saw; only further use raises a new alert
    await (await db.riskalerts.findOne(alerts[0]?.id ?? '').exec())?.incrementalPatch({ state: 'dismissed' });
    await note();
    expect(await db.riskalerts.count().exec()).toBe(1);
    await putRequest(10_000_00, 'approved');
    await note();
    expect((await db.riskalerts.find({ selector: { state: 'open' } }).exec()).length).toBe(1);
    expect(await db.riskalerts.count().exec()).toBe(2);
    // past 95 % the alert being handled turns critical instead of a third alert appearing
    await putRequest(50_000_00, 'approved');
    await note();
    const open = (await db.riskalerts.find({ selector: { state: 'open' } }).exec()).map((d) => d.toJSON() as RiskAlertDoc);
    expect(open).toMatchObject([{ severity: 'critical', evidence: { usedBp: 9_600 } }]);
    expect(await db.riskalerts.count().exec()).toBe(2);
    const report = valueOf(await w.auditor.call('budget.warningReport', {}));
    expect(report.notices).toHaveLength(1);
    expect(report.notices[0]?.usedBp).toBe(9_600);
    const xlsx = valueOf(await w.auditor.call('budget.warningReportXlsx', {}));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('预算预警报告');
    expect(sheet?.getRow(1).getCell(1).value).toBe('示例县财政局 预算执行预警报告');
    expect(sheet?.getRow(5).values).toEqual([undefined, 'XM-1', '城南环路改造工程', 2026, '2120303', '财政资金', 1_000_000, 960_000, 0, 40_000, 0.96, '预警', '待处理']);
  });

  it('lets the administrator tighten the warning ratio, never loosen it', async () => {
    expect(await w.admin.call('budget.settings.set', { warnRatio: 0.95 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'warnRatio' } });
    expect(await w.finance.call('budget.settings.set', { warnRatio: 0.8 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    valueOf(await w.admin.call('budget.settings.set', { warnRatio: 0.8 }));
    await putRequest(800_000_00, 'approved');
    expect(valueOf(await w.finance.call('budget.notices', {}))).toHaveLength(1);
    expect(valueOf(await w.finance.call('budget.position', { budgetLineId: lineId })).warnRatio).toBe(0.8);
  });
});

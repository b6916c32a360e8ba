import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RxCollection } from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/app/clock';
import { createCore, type Core } from '../../../electron/core/app/create-core';
import { checkFundsInPlace } from '../../../electron/core/contracts/contract-funds';
import type { BudgetLineDoc, ContractChangeDoc, ContractDoc, PaymentRequestDoc } from '../../../electron/core/db/schemas';
import { parseDay, yearOf } from '../../../electron/core/seed/calendar';
import { checkSeedInvariants } from '../../../electron/core/seed/invariants/check-seed-invariants';
import { seedDatabase, type SeedDatabaseOptions } from '../../../electron/core/seed/seed-database';
import { COMMITTING_STATUSES } from '../../../shared/domain/payment-request-status';
import { START_TIME, typed, valueOf } from '../../support/test-core';

const PASSWORD = 'Seed#Funds2026';
const AS_OF = '2026-11-30';

/**
 * The seed's contracts as the contracts capability reads them: what each buys (R6) and the budget
 * line it was signed against (R7), checked with the capability's own R7 function and API.
 */
describe('seeded contracts, their category and budget line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'govpay-seed-funds-'));
  let core: Core;
  let summary: Awaited<ReturnType<typeof seedDatabase>>;
  const all = async <T>(collection: 'projects' | 'contracts' | 'payments' | 'riskalerts', docType: string): Promise<T[]> => {
    const found: { toJSON(): unknown }[] = await (core.services.db[collection] as RxCollection).find({ selector: { docType } }).exec();
    return found.map((d) => d.toJSON() as T);
  };

  beforeAll(async () => {
    const options: SeedDatabaseOptions = { directory: dataDir, scale: 1, seed: 'contract-funds', asOfDay: parseDay(AS_OF), password: PASSWORD, devMode: true };
    summary = await seedDatabase(options);
    core = await createCore({ dataDir, runtime: 'browser', clock: new ManualClock(START_TIME), devMode: true, logger: { error: () => undefined } });
  }, 120_000);
  afterAll(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records a category and the line of the signing year (drafts: this year) of the same project and fund source', async () => {
    const lines = new Map((await all<BudgetLineDoc>('projects', 'budgetLine')).map((l) => [l.id, l]));
    const contracts = await all<ContractDoc>('contracts', 'contract');
    expect(contracts.length).toBeGreaterThan(20);
    for (const c of contracts) {
      expect({ code: c.code, works: c.category === 'works' }).toEqual({ code: c.code, works: c.labourShare > 0 });
      expect(['works', 'goods', 'services']).toContain(c.category);
      const line = lines.get(c.budgetLineId ?? '');
      expect({ code: c.code, project: line?.projectId }).toEqual({ code: c.code, project: c.projectId });
      const year = c.signedAt === null ? yearOf(parseDay(AS_OF)) : Number(c.signedAt.slice(0, 4));
      expect({ code: c.code, year: line?.year }).toEqual({ code: c.code, year });
    }
    // requests filed in the signing year draw on the contract's own line; later years on theirs
    const byId = new Map(contracts.map((c) => [c.id, c]));
    const requests = await all<PaymentRequestDoc>('payments', 'paymentRequest');
    let sameYear = 0;
    for (const r of requests) {
      const c = byId.get(r.contractId);
      const line = lines.get(r.budgetLineId);
      if (!c?.signedAt || !line) throw new Error(`request ${r.requestNo} without contract or line`);
      expect(line.fundSource).toBe(lines.get(c.budgetLineId ?? '')?.fundSource);
      if (line.year === Number(c.signedAt.slice(0, 4))) {
        sameYear += 1;
        expect(r.budgetLineId).toBe(c.budgetLineId);
      }
    }
    expect(sameYear).toBeGreaterThan(10);
    // lines that promise nothing still run close to the ceiling: the R8 warning has something to show
    const alerts = await all<{ detector: string }>('riskalerts', 'riskAlert');
    expect(alerts.filter((a) => a.detector === 'budget.nearCeiling').length).toBeGreaterThan(0);
  });

  it('passes the contracts service’s own R7 check for every signed contract and every pending increase', async () => {
    const db = core.services.db;
    const contracts = await all<ContractDoc>('contracts', 'contract');
    const bound = contracts.filter((c) => c.status === 'active' || c.status === 'completed');
    expect(bound.length).toBeGreaterThan(5);
    for (const c of bound) {
      const position = await checkFundsInPlace(db, core.services.budget, { id: c.id, projectId: c.projectId, budgetLineId: c.budgetLineId ?? '' }, c.amount);
      expect(position.ok).toBe(true);
    }
    const pending = (await all<ContractChangeDoc>('contracts', 'contractChange')).filter((c) => c.status === 'submitted');
    for (const change of pending) {
      const c = contracts.find((x) => x.id === change.contractId);
      if (!c) throw new Error('change of a missing contract');
      await checkFundsInPlace(db, core.services.budget, { id: c.id, projectId: c.projectId, budgetLineId: c.budgetLineId ?? '' }, change.after.amount, 'amount');
    }
  });

  it('lets a project lead sign the seeded draft through the API (R1, R3–R7 pass) and refuses an increase beyond its line (R7)', async () => {
    const contracts = await all<ContractDoc>('contracts', 'contract');
    const draft = contracts.find((c) => c.status === 'draft');
    if (!draft) throw new Error('the seed has no draft contract');
    const lead = summary.users.find((u) => u.roles.includes('projectLead'));
    if (!lead) throw new Error('no project lead');
    const api = typed(core.connect('direct'));
    valueOf(await api.call('auth.login', { login: lead.login, password: PASSWORD }));
    const signed = valueOf(await api.call('contracts.sign', { contractId: draft.id, signedAt: '2026-12-01' }));
    expect(signed.status).toBe('active');

    // now bound: its line has nothing left for a contract twice its size
    const position = await core.services.budget.position(draft.budgetLineId ?? '');
    const doubled = draft.amount + position.available + 100;
    const refused = await api.call('contracts.submitChange', {
      contractId: draft.id,
      kind: 'amount',
      reason: '测试：超出预算指标的增加',
      amount: doubled,
      paymentTermDays: draft.paymentTermDays,
      labourShare: draft.labourShare,
      retentionRate: draft.retentionRate,
    });
    expect(refused.ok ? null : [refused.error.code, refused.error.field]).toEqual(['CONTRACT_FUNDS_NOT_IN_PLACE', 'amount']);
    expect(refused.ok ? '' : refused.error.message).toMatch(/^R7：/);
    expect(await core.services.db.contracts.count({ selector: { docType: 'contractChange', contractId: draft.id } }).exec()).toBe(0);
  });

  it('is caught by the seed invariants when a signed contract’s line loses its room', async () => {
    const db = core.services.db;
    const contracts = await all<ContractDoc>('contracts', 'contract');
    const requests = await all<PaymentRequestDoc>('payments', 'paymentRequest');
    const committing = new Set<string>(COMMITTING_STATUSES);
    // a contract still owed a lot on its line: cut the line to what is committed there
    const victim = contracts
      .filter((c) => c.status === 'active')
      .map((c) => ({ c, rest: c.amount - requests.filter((r) => r.contractId === c.id && r.budgetLineId === c.budgetLineId && committing.has(r.status)).reduce((s, r) => s + r.amount, 0) }))
      .sort((a, b) => b.rest - a.rest)[0];
    if (!victim) throw new Error('no active contract');
    expect((await checkSeedInvariants(db)).violations.filter((v) => v.startsWith('[R7]'))).toEqual([]);
    const line = await db.projects.findOne(victim.c.budgetLineId ?? '').exec();
    if (!line) throw new Error('no line');
    const used = requests.filter((r) => r.budgetLineId === line.id && committing.has(r.status)).reduce((s, r) => s + r.amount, 0);
    await line.incrementalPatch({ amount: used + Math.floor(victim.rest / 2) });
    const violations = (await checkSeedInvariants(db)).violations.filter((v) => v.startsWith('[R7]'));
    expect(violations.some((v) => v.startsWith(`[R7] ${victim.c.code} needs`))).toBe(true);
  });
});

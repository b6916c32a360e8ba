import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../electron/core/api/handler-types';
import { ManualClock } from '../../../electron/core/app/clock';
import { createCore, type Core } from '../../../electron/core/app/create-core';
import type { PaymentRequestDoc, UnitDoc, UserDoc } from '../../../electron/core/db/schemas';
import { instantAt, parseDay } from '../../../electron/core/seed/calendar';
import { seedDatabase } from '../../../electron/core/seed/seed-database';
import { unitsInScope } from '../../../electron/core/units/unit-scope';
import { tempDir } from '../../fixtures/db/temp-database';

const PASSWORD = 'Seed#2026a';
const AS_OF = '2026-11-30';

/**
 * The demo office (体验数据) as the seed writes it: approval reads its tables, routes and signed
 * decisions as its own — every seeded signature verifies on the 审批单, the inbox finds the seeded
 * requests waiting, and a seeded request can be decided further.
 */
describe('approval on the seeded demo office', () => {
  let core: Core;
  let cleanup: () => void;
  const actor = async (user: UserDoc): Promise<Actor> => {
    const units = (await core.services.db.units.find().exec()).map((u) => u.toMutableJSON() as UnitDoc);
    const unit = units.find((u) => u.id === user.unitId) as UnitDoc;
    return { user, unit, roles: [...user.roles], sessionId: 'seed', dataKey: null, scopeUnitIds: unitsInScope(unit.id, units) };
  };
  beforeAll(async () => {
    const temp = tempDir('govpay-approval-seed-');
    cleanup = temp.cleanup;
    await seedDatabase({ directory: temp.dir, scale: 1, seed: 'approval-seed', asOfDay: parseDay(AS_OF), password: PASSWORD, devMode: true });
    core = await createCore({ dataDir: temp.dir, runtime: 'browser', clock: new ManualClock(instantAt(parseDay(AS_OF) + 1, 0)), devMode: true, logger: { error: () => undefined } });
  }, 240_000);
  afterAll(async () => {
    await core?.close();
    cleanup?.();
  });

  it('routes with the seeded table (version 1) and verifies every seeded signature of finished requests', async () => {
    const { services } = core;
    const route = await services.approval.routeFor('paymentRequest', { amount: 60_000_000, projectType: 'municipalRoad', fundSource: 'fiscal', paymentKind: 'progress' });
    expect([route.decisionTableVersion, route.steps.map((s) => s.role)]).toEqual([1, ['projectLead', 'finance', 'leader']]);
    const approved = (await services.db.payments.find({ selector: { docType: 'paymentRequest', status: 'approved' }, limit: 5 }).exec()).map((d) => d.toJSON() as PaymentRequestDoc);
    expect(approved.length).toBeGreaterThan(0);
    const auditorDoc = (await services.db.users.find().exec()).map((u) => u.toMutableJSON() as UserDoc).find((u) => u.roles.includes('auditor'));
    const auditor = await actor(auditorDoc as UserDoc);
    for (const r of approved) {
      const view = await services.approval.views.route(auditor, 'paymentRequest', r.id);
      expect(view.decisions.length).toBeGreaterThan(0);
      expect(view.decisions.map((d) => d.verification.status)).toEqual(view.decisions.map(() => 'valid'));
      expect(view.route?.steps.every((s) => s.state === 'approved')).toBe(true);
    }
  });

  it('the inbox of a seeded approver holds seeded submitted requests, and one can be signed further', async () => {
    const { services } = core;
    const users = (await services.db.users.find().exec()).map((u) => u.toMutableJSON() as UserDoc);
    let decided = false;
    for (const user of users.filter((u) => !u.roles.includes('admin') && !u.disabled)) {
      const inbox = await services.approval.views.inbox(await actor(user));
      const item = inbox.items.find((i) => i.subject === 'paymentRequest');
      if (!item) continue;
      const result = await services.approval.decider.decide(await actor(user), { subject: 'paymentRequest', requestId: item.id, decision: 'approve', comment: '同意', password: PASSWORD });
      expect(result.step).toBe(item.step);
      const view = await services.approval.views.route(await actor(user), 'paymentRequest', item.id);
      expect(view.decisions.filter((d) => d.currentRound).every((d) => d.verification.status === 'valid')).toBe(true);
      decided = true;
      break;
    }
    expect(decided).toBe(true);
  });
});

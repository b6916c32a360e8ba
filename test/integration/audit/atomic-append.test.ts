import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_HEAD_FILE } from '../../../shared/audit';
import { runAtomically } from '../../../electron/core/app/unit-of-work';
import { SETUP_INPUT, startTestCore, typed, valueOf, type TestCore } from '../../support/test-core';

/**
 * Issue 3, item 5: an audit event is appended in the same transaction as the change it records.
 * A unit of work that fails after appending leaves neither the change nor the event, and the
 * chain goes on from what is really stored.
 */
describe('audit events commit and roll back with their change', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
    valueOf(await typed(t.core.connect('direct')).call('setup.initialize', SETUP_INPUT));
  });
  afterEach(async () => {
    await t.close();
  });

  const headFile = (): { seq: number; hash: string } => JSON.parse(readFileSync(join(t.dataDir, AUDIT_HEAD_FILE), 'utf8')) as { seq: number; hash: string };

  it('a failing unit of work leaves no event, no change and no checkpoint behind', async () => {
    const { db, lock, audit } = t.core.services;
    const unit = await db.units.findOne().exec();
    if (!unit) throw new Error('no unit');
    const before = await audit.list({ limit: 1 });
    const fileBefore = headFile();
    expect(fileBefore.seq).toBe(before.total);

    await expect(
      runAtomically(lock, db, async () => {
        await unit.incrementalPatch({ name: '改名后的单位', updatedAt: t.clock.now() });
        await audit.appendLocked({ unitId: unit.id, actor: null, action: 'unit.rename', entity: 'unit', entityId: unit.id, summary: '改名', payload: {} });
        throw new Error('the business rule failed after the append');
      }),
    ).rejects.toThrow('the business rule failed after the append');

    expect((await db.units.findOne(unit.id).exec())?.name).toBe(SETUP_INPUT.unit.name);
    const after = await audit.list({ limit: 5 });
    expect(after.total).toBe(before.total);
    expect(after.events.map((e) => e.action)).not.toContain('unit.rename');
    // the sidecar checkpoint was never moved onto the event that did not commit
    expect(headFile()).toEqual(fileBefore);

    // The next append continues the chain from the stored head, and the chain verifies.
    const appended = await audit.append({ unitId: unit.id, actor: null, action: 'unit.check', entity: 'unit', entityId: unit.id, summary: '检查', payload: {} });
    expect(appended.seq).toBe(before.total + 1);
    expect(appended.prevHash).toBe(before.events[0]?.hash);
    expect(headFile().seq).toBe(appended.seq);
    const report = await audit.verify();
    expect(report.ok).toBe(true);
  });

  it('a committed unit of work keeps the change and its event together', async () => {
    const { db, lock, audit } = t.core.services;
    const unit = await db.units.findOne().exec();
    if (!unit) throw new Error('no unit');
    const before = await audit.list({ limit: 1 });
    await runAtomically(lock, db, async () => {
      await unit.incrementalPatch({ name: '改名后的单位', updatedAt: t.clock.now() });
      await audit.appendLocked({ unitId: unit.id, actor: null, action: 'unit.rename', entity: 'unit', entityId: unit.id, summary: '改名', payload: {} });
    });
    expect((await db.units.findOne(unit.id).exec())?.name).toBe('改名后的单位');
    const after = await audit.list({ limit: 1 });
    expect(after.total).toBe(before.total + 1);
    expect(after.events[0]?.action).toBe('unit.rename');
    expect(headFile().seq).toBe(after.total);
  });

  it('a refused sign-in still records its failure count and audit event', async () => {
    const api = typed(t.core.connect('direct'));
    const refused = await api.call('auth.login', { login: 'admin', password: 'Wrong#Pass2026' });
    expect(refused.ok).toBe(false);
    const user = await t.core.services.db.users.findOne({ selector: { loginKey: 'admin' } }).exec();
    expect(user?.failedLoginCount).toBe(1);
    const last = await t.core.services.audit.list({ limit: 1 });
    expect(last.events[0]?.action).toBe('auth.loginFailed');
  });
});

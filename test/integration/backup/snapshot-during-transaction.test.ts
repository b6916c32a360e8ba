import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAtomically } from '../../../electron/core/app/unit-of-work';
import { takeSnapshot } from '../../../electron/core/backup/snapshot';
import { SETUP_INPUT, startTestCore, typed, valueOf, type TestCore } from '../../support/test-core';

/**
 * The backup's online snapshot asked for while a unit of work is open (someone approving a
 * payment) must wait for it and copy everything committed — SQLite's plain backup would copy
 * nothing and still report success.
 */
describe('online snapshot next to an open unit of work', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
    valueOf(await typed(t.core.connect('direct')).call('setup.initialize', SETUP_INPUT));
  });
  afterEach(async () => {
    await t.close();
  });

  it('copies the committed database, including the unit of work that was open', async () => {
    const { db, lock, audit } = t.core.services;
    const unit = await db.units.findOne().exec();
    if (!unit) throw new Error('no unit');
    const destination = join(t.dataDir, 'snapshot-test.sqlite');
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const work = runAtomically(lock, db, async () => {
      await audit.appendLocked({ unitId: unit.id, actor: null, action: 'test.inside', entity: 'unit', entityId: unit.id, summary: '事务中', payload: {} });
      opened();
      await held;
    });
    await isOpen;
    // asked for from outside while the transaction is open, as the backup scheduler would
    const snapshot = takeSnapshot(join(t.dataDir, 'govpay.sqlite'), destination, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    finish();
    await work;
    await snapshot;
    const total = (await audit.list({ limit: 1 })).total;
    const copy = new Database(destination, { readonly: true });
    try {
      const table = copy
        .prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'col_auditevents_v%'`)
        .pluck()
        .get();
      expect(table).toBeDefined();
      const rows = copy.prepare<[], number>(`SELECT COUNT(*) FROM "${table}"`).pluck().get();
      expect(rows).toBe(total);
    } finally {
      copy.close();
    }
  });
});

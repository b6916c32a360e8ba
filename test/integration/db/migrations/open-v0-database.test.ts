import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_NAME, openDatabase, type GovPayDatabase } from '../../../../electron/core/db/database';
import type { MigrationReport } from '../../../../electron/core/db/migrations';
import { COLLECTION_NAMES, COLLECTION_SCHEMAS } from '../../../../electron/core/db/schemas';
import { getDatabaseFilePath } from '../../../../electron/core/db/sqlite-storage';
import { tempDir } from '../../../fixtures/db/temp-database';
import { writeV0Database, type V0Database } from '../../../fixtures/db/write-v0-database';

/** The stored JSON without RxDB's bookkeeping, for field-by-field comparison. */
function plain<T>(doc: { toJSON(withMetaFields?: boolean): unknown } | null | undefined): T {
  if (!doc) throw new Error('document missing after migration');
  return doc.toJSON() as T;
}

function tablesOf(dir: string): string[] {
  const file = new Database(getDatabaseFilePath(dir, DATABASE_NAME), { readonly: true });
  try {
    return file.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'col\\_%' ESCAPE '\\'`).all().map((t) => t.name);
  } finally {
    file.close();
  }
}

describe('a database written by schema release 0, opened by the current code', () => {
  const tmp = tempDir('govpay-v0-');
  let v0: V0Database;
  let db: GovPayDatabase;
  const reports: MigrationReport[] = [];
  let revisionsBefore: Map<string, string>;

  beforeAll(async () => {
    v0 = await writeV0Database(tmp.dir);
    expect(tablesOf(tmp.dir)).toContain('col_users_v0');
    const file = new Database(getDatabaseFilePath(tmp.dir, DATABASE_NAME), { readonly: true });
    revisionsBefore = new Map(file.prepare<[], { id: string; _rev: string }>('SELECT id, _rev FROM col_users_v0').all().map((r) => [r.id, r._rev]));
    file.close();
    db = await openDatabase({ directory: tmp.dir, devMode: true, onMigrated: (r) => reports.push(r) });
  });
  afterAll(async () => {
    if (!db.closed) await db.close();
    tmp.cleanup();
  });

  it('runs exactly the users v0 → v1 migration, over every stored user', () => {
    expect(reports).toEqual([{ collection: 'users', toVersion: 1, handled: v0.users.length, total: v0.users.length }]);
  });

  it('gives every user a key history starting with their current key, and keeps every other field', async () => {
    for (const before of v0.users) {
      const after = plain<Record<string, unknown>>(await db.users.findOne(before.id).exec());
      expect(after).toEqual({ ...before, keyHistory: [{ publicKey: before.publicKey, validFrom: before.createdAt, validTo: null }] });
    }
  });

  it('keeps revisions, so sync checkpoints and conflict detection see the same documents', async () => {
    for (const before of v0.users) {
      const doc = await db.users.findOne(before.id).exec();
      expect(doc?.revision).toBe(revisionsBefore.get(before.id));
    }
  });

  it('still finds users through their indexes, including a name outside the BMP', async () => {
    const liu = await db.users.findOne({ selector: { loginKey: 'liu' } }).exec();
    expect(liu?.name).toBe('刘𠀋');
    const unitId = v0.units[0]?.id ?? '';
    const byUnit = await db.users.find({ selector: { unitId }, sort: [{ loginKey: 'asc' }] }).exec();
    expect(byUnit.map((u) => u.loginKey)).toEqual(['admin', 'liu', 'zhang']);
  });

  it('leaves the collections that did not change exactly as they were', async () => {
    expect((await db.units.find().exec()).map((d) => d.toJSON())).toEqual(v0.units);
    const events = await db.auditevents.find({ sort: [{ deviceId: 'asc' }, { seq: 'asc' }] }).exec();
    expect(events.map((d) => d.toJSON())).toEqual(v0.auditevents);
    for (const session of v0.sessions) expect(plain(await db.sessions.findOne(session.id).exec())).toEqual(session);
    for (const setting of v0.settings) expect(plain(await db.settings.findOne(setting.id).exec())).toEqual(setting);
  });

  it('creates the new collections empty, and drops the old users table', async () => {
    for (const name of ['projects', 'contracts', 'payments', 'riskalerts', 'records'] as const) {
      expect(await db[name].count().exec(), name).toBe(0);
    }
    await db.close();
    const tables = tablesOf(tmp.dir);
    expect(tables).toContain('col_users_v1');
    expect(tables).not.toContain('col_users_v0');
    // besides RxDB's own internal store, exactly one table per collection at its current version
    const expected = COLLECTION_NAMES.map((name) => `col_${name}_v${COLLECTION_SCHEMAS[name].version}`);
    expect(tables.filter((t) => !t.startsWith('col__rxdb')).sort()).toEqual(expected.sort());
  });

  it('opens the upgraded file again without migrating anything', async () => {
    const again: MigrationReport[] = [];
    const reopened = await openDatabase({ directory: tmp.dir, devMode: true, onMigrated: (r) => again.push(r) });
    try {
      expect(again).toEqual([]);
      expect(await reopened.users.count().exec()).toBe(v0.users.length);
      const admin = await reopened.users.findOne({ selector: { loginKey: 'admin' } }).exec();
      expect(admin?.keyHistory).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });
});

describe('a migration that cannot produce a valid document', () => {
  it('stops the open with the collection named, and leaves the old data in place', async () => {
    const tmp = tempDir('govpay-v0-bad-');
    try {
      const v0 = await writeV0Database(tmp.dir);
      // damage one stored public key so the v1 keyHistory entry cannot validate
      const file = new Database(getDatabaseFilePath(tmp.dir, DATABASE_NAME));
      const victim = v0.users[1];
      if (!victim) throw new Error('fixture has no second user');
      const row = file.prepare<[string], { json: string }>('SELECT json FROM col_users_v0 WHERE id = ?').get(victim.id);
      if (!row) throw new Error('row missing');
      file.prepare('UPDATE col_users_v0 SET json = ? WHERE id = ?').run(JSON.stringify({ ...JSON.parse(row.json), publicKey: 'not-a-key' }), victim.id);
      file.close();

      await expect(openDatabase({ directory: tmp.dir, devMode: true })).rejects.toThrow(/migration of users to schema v1 failed/);
      expect(tablesOf(tmp.dir)).toContain('col_users_v0');
    } finally {
      tmp.cleanup();
    }
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillWithDefaultSettings, type RxDocumentData } from 'rxdb/plugins/core';
import { ManualClock } from '../../../electron/core/app/clock';
import { createCore, type Core } from '../../../electron/core/app/create-core';
import { auditEventSchemaV0, type AuditEventDoc } from '../../../electron/core/db/schemas';
import { getKeyColumns, getTableNames, quoteIdentifier } from '../../../electron/core/db/sqlite-storage/table-layout';
import { encodeIndexKey } from '../../../electron/core/db/sqlite-storage/index-keys';
import { ADMIN_PASSWORD, SETUP_INPUT, START_TIME, typed, valueOf, type TypedCaller } from '../../support/test-core';

/**
 * A real core on a real SQLite file, closed and reopened around raw edits of the file — what
 * someone with the database file and an SQLite shell could do, below every check of the core.
 */

export const DATABASE_FILE = 'govpay.sqlite';
export const EVENTS_TABLE = getTableNames('auditevents', auditEventSchemaV0.version).tableName;
export const SETTINGS_TABLE = getTableNames('settings', 0).tableName;

export interface AuditWorld {
  dataDir: string;
  clock: ManualClock;
  core: Core | null;
  open(): Promise<Core>;
  close(): Promise<void>;
  /** a signed-in administrator on the open core */
  admin(): Promise<TypedCaller>;
}

export async function createWorld(): Promise<AuditWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govpay-audit-'));
  const clock = new ManualClock(START_TIME);
  const world: AuditWorld = {
    dataDir,
    clock,
    core: null,
    async open() {
      world.core = await createCore({ dataDir, runtime: 'browser', clock, devMode: true, logger: { error: () => undefined } });
      return world.core;
    },
    async close() {
      await world.core?.close();
      world.core = null;
    },
    async admin() {
      const core = world.core ?? (await world.open());
      const api = typed(core.connect('direct'));
      valueOf(await api.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
      return api;
    },
  };
  return world;
}

/** Setup, sign-in and a few users: a chain of about ten events, then the core is closed. */
export async function seedChain(world: AuditWorld): Promise<void> {
  const core = await world.open();
  const api = typed(core.connect('direct'));
  valueOf(await api.call('setup.initialize', SETUP_INPUT));
  valueOf(await api.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
  for (const [login, name] of [
    ['zhanggong', '张工'],
    ['lisi', '李四'],
    ['wangwu', '王五'],
  ] as const) {
    world.clock.advance(60_000);
    valueOf(await api.call('users.create', { login, name, roles: ['finance'], password: 'Init#2026a', passwordConfirm: 'Init#2026a' }));
  }
  valueOf(await api.call('auth.logout', {}));
  await world.close();
}

type EventRow = { id: string; doc: RxDocumentData<AuditEventDoc> };

/** Raw access to the closed database file. */
export class RawFile {
  readonly sql: Database.Database;
  private readonly keyColumns = getKeyColumns(fillWithDefaultSettings(auditEventSchemaV0), EVENTS_TABLE);

  constructor(dataDir: string) {
    this.sql = new Database(join(dataDir, DATABASE_FILE));
  }

  events(): EventRow[] {
    const rows = this.sql.prepare<[], { id: string; json: string }>(`SELECT id, json FROM ${quoteIdentifier(EVENTS_TABLE)} WHERE _deleted = 0`).all();
    return rows.map((r) => ({ id: r.id, doc: JSON.parse(r.json) as RxDocumentData<AuditEventDoc> })).sort((a, b) => a.doc.seq - b.doc.seq);
  }

  eventAt(seq: number): EventRow {
    const row = this.events().find((r) => r.doc.seq === seq);
    if (!row) throw new Error(`no event ${seq}`);
    return row;
  }

  /** Writes the document back, with its index keys recomputed as the storage would. */
  write(row: EventRow): void {
    const keys = this.keyColumns.map((c) => encodeIndexKey(c.toIndexString(row.doc)));
    this.sql
      .prepare(`UPDATE ${quoteIdentifier(EVENTS_TABLE)} SET json = ?, ${this.keyColumns.map((c) => `${c.sqlColumn} = ?`).join(', ')} WHERE id = ?`)
      .run(JSON.stringify(row.doc), ...keys, row.id);
  }

  /** A copy of an existing row under a new id. */
  insertCopy(row: EventRow, newId: string): void {
    const doc = { ...row.doc, id: newId };
    const keys = this.keyColumns.map((c) => encodeIndexKey(c.toIndexString(doc)));
    this.sql
      .prepare(
        `INSERT INTO ${quoteIdentifier(EVENTS_TABLE)} (id, json, _deleted, _meta_lwt, _rev, ${this.keyColumns.map((c) => c.sqlColumn).join(', ')}) VALUES (?, ?, 0, ?, ?, ${this.keyColumns.map(() => '?').join(', ')})`,
      )
      .run(newId, JSON.stringify(doc), doc._meta.lwt, doc._rev, ...keys);
  }

  deleteEvents(seqs: readonly number[]): void {
    const remove = this.sql.prepare(`DELETE FROM ${quoteIdentifier(EVENTS_TABLE)} WHERE id = ?`);
    for (const seq of seqs) remove.run(this.eventAt(seq).id);
  }

  deleteSetting(id: string): void {
    this.sql.prepare(`DELETE FROM ${quoteIdentifier(SETTINGS_TABLE)} WHERE id = ?`).run(id);
  }

  setting(id: string): unknown {
    const row = this.sql.prepare<[string], { json: string }>(`SELECT json FROM ${quoteIdentifier(SETTINGS_TABLE)} WHERE id = ?`).get(id);
    return row ? (JSON.parse(row.json) as { value: unknown }).value : undefined;
  }

  close(): void {
    this.sql.close();
  }
}

export function withRawFile<T>(dataDir: string, work: (file: RawFile) => T): T {
  const file = new RawFile(dataDir);
  try {
    return work(file);
  } finally {
    file.close();
  }
}

export { START_TIME };

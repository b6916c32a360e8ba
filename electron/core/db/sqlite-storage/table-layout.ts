import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import {
  getIndexableStringMonad,
  getSchemaByObjectPath,
  toArray,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { createKeyEncoder } from './index-keys';

/**
 * Physical layout of one collection (at one schema version) in SQLite.
 *
 *   col_<collection>_v<version>   documents: id, json, _deleted, _meta_lwt, _rev,
 *                                 plus one BLOB key column per schema index
 *   att_<collection>_v<version>   attachment bytes, keyed by (doc_id, att_id)
 *
 * A new schema version gets new tables, which is exactly how RxDB's migration
 * expects storages to behave (old and new version coexist during migration).
 */

/** Double-quotes an SQL identifier so collection names with `-` or `$` are safe. */
export function quoteIdentifier(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

export function getTableNames(collectionName: string, schemaVersion: number): {
  tableName: string;
  attachmentsTableName: string;
} {
  // `_v<digits>` is always the suffix, so (collection, version) pairs cannot collide.
  const suffix = collectionName + '_v' + String(schemaVersion);
  return { tableName: 'col_' + suffix, attachmentsTableName: 'att_' + suffix };
}

export type KeyColumn<RxDocType> = {
  /** RxDB index fields, e.g. ['_deleted', 'projectId', 'status', 'id']. */
  readonly fields: readonly string[];
  /** `index.join(',')`, used to find the column for a query plan. */
  readonly indexName: string;
  /** Quoted column name, ready to paste into SQL. */
  readonly sqlColumn: string;
  readonly rawColumn: string;
  readonly sqlIndexName: string;
  readonly toIndexString: (doc: RxDocumentData<RxDocType>) => string;
  /** `encodeIndexKey(toIndexString(doc))`, computed without the padded string. */
  readonly toKey: (doc: RxDocumentData<RxDocType>) => Buffer;
};

/** Prefix of key columns; anything with it that is not wanted any more is dropped. */
const KEY_COLUMN_PREFIX = 'k:';

/**
 * Names the byte encoding of the keys (index-keys.ts). Files written with
 * another encoding (the first one stored UTF-16BE) get their key columns
 * rebuilt on open, because the name of every key column changes with it.
 */
const KEY_ENCODING = 'cu8-space-runs-1';

/**
 * The key column name contains a hash of everything that shapes the
 * indexable string (field types, maxLength, numeric ranges) and its bytes.
 * If a schema changed those without a version bump, the column is rebuilt
 * instead of silently holding keys in an outdated format.
 */
function keyColumnName<RxDocType>(schema: RxJsonSchema<RxDocumentData<RxDocType>>, fields: readonly string[]): string {
  const shape = fields.map((field) => {
    const part = getSchemaByObjectPath(schema, field);
    return [field, part.type, part.maxLength, part.minimum, part.maximum, part.multipleOf];
  });
  const hash = createHash('sha256')
    .update(JSON.stringify([KEY_ENCODING, shape]))
    .digest('hex')
    .slice(0, 10);
  return KEY_COLUMN_PREFIX + fields.join(',') + '#' + hash;
}

export function getKeyColumns<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  tableName: string,
): KeyColumn<RxDocType>[] {
  const seen = new Set<string>();
  const columns: KeyColumn<RxDocType>[] = [];
  for (const rawIndex of schema.indexes ?? []) {
    const fields = toArray(rawIndex).slice(0);
    const indexName = fields.join(',');
    if (seen.has(indexName)) {
      continue;
    }
    seen.add(indexName);
    const rawColumn = keyColumnName(schema, fields);
    columns.push({
      fields,
      indexName,
      rawColumn,
      sqlColumn: quoteIdentifier(rawColumn),
      sqlIndexName: quoteIdentifier('ix_' + tableName + '_' + rawColumn.slice(rawColumn.indexOf('#') + 1)),
      toIndexString: getIndexableStringMonad(schema, fields),
      toKey: createKeyEncoder(schema, fields),
    });
  }
  return columns;
}

type ColumnInfo = { name: string };

/**
 * Creates the tables and indexes if needed and reconciles key columns with
 * the schema. Runs inside one immediate transaction so two processes opening
 * the same file cannot interleave their DDL.
 */
export function ensureTables<RxDocType>(
  db: Database,
  names: { tableName: string; attachmentsTableName: string },
  keyColumns: readonly KeyColumn<RxDocType>[],
  withAttachments: boolean,
): void {
  const table = quoteIdentifier(names.tableName);
  const run = db.transaction(() => {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (
        id TEXT NOT NULL PRIMARY KEY,
        json TEXT NOT NULL,
        _deleted INTEGER NOT NULL,
        _meta_lwt REAL NOT NULL,
        _rev TEXT NOT NULL
      )`,
    );
    // getChangedDocumentsSince() pages over (lwt, id) with a row-value range.
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${quoteIdentifier('ix_' + names.tableName + '_lwt_id')}
       ON ${table} (_meta_lwt, id)`,
    );
    // Partial index: only tombstones are in it, so live inserts pay nothing,
    // and cleanup() finds old tombstones without scanning live documents.
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${quoteIdentifier('ix_' + names.tableName + '_tombstones')}
       ON ${table} (_meta_lwt) WHERE _deleted = 1`,
    );
    if (withAttachments) {
      db.exec(
        `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(names.attachmentsTableName)} (
          doc_id TEXT NOT NULL,
          att_id TEXT NOT NULL,
          digest TEXT NOT NULL,
          type TEXT NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (doc_id, att_id)
        )`,
      );
    }
    reconcileKeyColumns(db, names.tableName, keyColumns);
  });
  run.immediate();
}

function reconcileKeyColumns<RxDocType>(
  db: Database,
  tableName: string,
  keyColumns: readonly KeyColumn<RxDocType>[],
): void {
  const table = quoteIdentifier(tableName);
  const existing = new Set(
    db.prepare<[string], ColumnInfo>(`SELECT name FROM pragma_table_info(?)`).all(tableName).map((c) => c.name),
  );
  const wanted = new Set(keyColumns.map((c) => c.rawColumn));

  for (const name of existing) {
    if (name.startsWith(KEY_COLUMN_PREFIX) && !wanted.has(name)) {
      // SQLite refuses to drop an indexed column, so drop its index first.
      const hash = name.slice(name.indexOf('#') + 1);
      db.exec(`DROP INDEX IF EXISTS ${quoteIdentifier('ix_' + tableName + '_' + hash)}`);
      db.exec(`ALTER TABLE ${table} DROP COLUMN ${quoteIdentifier(name)}`);
    }
  }

  const missing = keyColumns.filter((c) => !existing.has(c.rawColumn));
  for (const column of missing) {
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column.sqlColumn} BLOB`);
  }
  if (missing.length > 0) {
    backfillKeyColumns(db, table, missing);
  }
  for (const column of keyColumns) {
    db.exec(`CREATE INDEX IF NOT EXISTS ${column.sqlIndexName} ON ${table} (${column.sqlColumn})`);
  }
}

/** Computes newly added key columns for documents that already exist. */
function backfillKeyColumns<RxDocType>(db: Database, table: string, columns: readonly KeyColumn<RxDocType>[]): void {
  const rows = db.prepare<[], { id: string; json: string }>(`SELECT id, json FROM ${table}`).all();
  if (rows.length === 0) {
    return;
  }
  const update = db.prepare(
    `UPDATE ${table} SET ${columns.map((c) => c.sqlColumn + ' = ?').join(', ')} WHERE id = ?`,
  );
  for (const row of rows) {
    const doc = JSON.parse(row.json) as RxDocumentData<RxDocType>;
    update.run(...columns.map((c) => c.toKey(doc)), row.id);
  }
}

export function dropTables(db: Database, names: { tableName: string; attachmentsTableName: string }): void {
  const run = db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS ${quoteIdentifier(names.tableName)}`);
    db.exec(`DROP TABLE IF EXISTS ${quoteIdentifier(names.attachmentsTableName)}`);
  });
  run.immediate();
}

/** Inserting at least this many rows at once rebuilds the key indexes (see below). */
const REBUILD_MIN_ROWS = 10_000;

/**
 * Key columns take random-order inserts, and one B-tree insert per row and
 * index is what makes a big bulk insert slow. SQLite builds an index much
 * faster in one go (CREATE INDEX sorts the keys, then writes each page
 * once). So when one write inserts at least REBUILD_MIN_ROWS rows and at
 * least as many as the table held before (an import, a first sync), the key
 * indexes are dropped before and rebuilt after the inserts, inside the same
 * transaction: a rollback brings the old indexes back, and no reader ever
 * sees the table without them (other connections see the committed state,
 * ours only runs inside this synchronous call). The (lwt, id) and primary
 * key indexes stay: time-ordered ids and last-write times arrive in order.
 */
export class KeyIndexRebuild<RxDocType> {
  private readonly maxRowid: Statement<[], number | null>;

  constructor(
    private readonly db: Database,
    private readonly tableName: string,
    private readonly keyColumns: readonly KeyColumn<RxDocType>[],
  ) {
    // O(log n), unlike COUNT(*); never below the row count.
    this.maxRowid = db.prepare<[], number | null>(`SELECT max(rowid) FROM ${quoteIdentifier(tableName)}`).pluck();
  }

  /** Runs `insertRows` (which inserts `count` rows); must be called inside a transaction. */
  run<T>(count: number, insertRows: () => T): T {
    if (this.keyColumns.length === 0 || count < REBUILD_MIN_ROWS || count < (this.maxRowid.get() ?? 0)) {
      return insertRows();
    }
    for (const column of this.keyColumns) {
      this.db.exec(`DROP INDEX IF EXISTS ${column.sqlIndexName}`);
    }
    const result = insertRows();
    const table = quoteIdentifier(this.tableName);
    for (const column of this.keyColumns) {
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${column.sqlIndexName} ON ${table} (${column.sqlColumn})`);
    }
    return result;
  }
}

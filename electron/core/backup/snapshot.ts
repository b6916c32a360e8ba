import Database from 'better-sqlite3';
import { acquireConnection, backupDatabase, releaseConnection } from '../db/sqlite-storage/connection-pool';

/**
 * The online snapshot: SQLite's backup API copies the live database page by page into a temp
 * file while the application keeps working.
 *
 * It runs on the storage's own shared connection (connection-pool.ts), not a second one: SQLite
 * restarts a backup from the first page whenever *another* connection writes the source, and every
 * API call writes (the session's last activity), so on a second connection a busy office could
 * restart a large backup indefinitely. Writes made through the *same* connection are copied into
 * the running backup instead (better-sqlite3: "if the same database connection mutates the
 * database while performing a backup, those mutations will be reflected in the backup").
 * Each step copies STEP_PAGES pages and yields, so the event loop (Electron's main process, the
 * UI's IPC) is never blocked for long.
 */
const STEP_PAGES = 2048;

export async function takeSnapshot(databasePath: string, destination: string, onProgress: (fraction: number) => void): Promise<void> {
  const connection = acquireConnection(databasePath);
  try {
    // Through backupDatabase, never connection.db.backup(): a backup whose first step meets an
    // open storage transaction (a payment being approved) would copy nothing and still succeed.
    await backupDatabase(connection, destination, ({ totalPages, remainingPages }) => {
      if (totalPages > 0) onProgress((totalPages - remainingPages) / totalPages);
      return STEP_PAGES;
    });
  } finally {
    releaseConnection(connection);
  }
}

export interface DatabaseContents {
  /** collection → schema version found in the file (the highest, if an old table lingers) */
  schemaVersions: Record<string, number>;
  /** collection → documents that are not deleted, at that version */
  counts: Record<string, number>;
}

const TABLE = /^col_([A-Za-z0-9_$-]+)_v(\d+)$/u;

/**
 * What a database file holds, read from the storage's table names (`col_<collection>_v<n>`, see
 * table-layout.ts) — from the file itself, not from what the running application believes.
 * RxDB's own bookkeeping collections (names starting with `_`) are not documents of the product.
 */
export function inspectDatabase(db: Database.Database): DatabaseContents {
  const tables = db.prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
  const latest = new Map<string, { version: number; table: string }>();
  for (const table of tables) {
    const match = TABLE.exec(table);
    if (!match || match[1]!.startsWith('_')) continue;
    const [collection, version] = [match[1]!, Number(match[2])];
    const known = latest.get(collection);
    if (!known || version > known.version) latest.set(collection, { version, table });
  }
  const schemaVersions: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const [collection, { version, table }] of [...latest].sort(([a], [b]) => a.localeCompare(b))) {
    schemaVersions[collection] = version;
    // All rows minus tombstones: both counts come from small indexes (table-layout.ts keeps a
    // partial index of tombstones), instead of reading every document's JSON.
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const all = db.prepare<[], number>(`SELECT COUNT(*) FROM ${quoted}`).pluck().get() ?? 0;
    const deleted = db.prepare<[], number>(`SELECT COUNT(*) FROM ${quoted} WHERE _deleted = 1`).pluck().get() ?? 0;
    counts[collection] = all - deleted;
  }
  return { schemaVersions, counts };
}

/**
 * Opens one of our private copies (a snapshot, a decrypted backup). They are WAL-mode files like
 * the live database; a read-only connection would leave empty -wal/-shm files behind, so the copy
 * is opened read-write and closed cleanly, which removes them. Nothing is written.
 */
function withPrivateCopy<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function inspectDatabaseFile(path: string): DatabaseContents {
  return withPrivateCopy(path, inspectDatabase);
}

/** `PRAGMA integrity_check`: 'ok', or SQLite's first complaints. */
export function integrityCheck(path: string): { ok: true } | { ok: false; problems: string[] } {
  return withPrivateCopy(path, (db) => {
    const rows = db.prepare<[], string>('PRAGMA integrity_check(20)').pluck().all();
    return rows.length === 1 && rows[0] === 'ok' ? { ok: true } : { ok: false, problems: rows.slice(0, 5) };
  });
}

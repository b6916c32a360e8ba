import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Subject } from 'rxjs';
import type { BetterSqliteChangeEventBulk, SharedConnection, SharedTableState } from './types';

/**
 * One better-sqlite3 connection per database file and process.
 *
 * All collections of an RxDatabase (and every RxDatabase object opened on the
 * same file) share the handle. That keeps a single writer per file inside the
 * process, avoids SQLITE_BUSY between our own connections and makes a future
 * transaction spanning several collections possible.
 */
const CONNECTIONS = new Map<string, SharedConnection>();

export function getDatabaseFilePath(directory: string, databaseName: string): string {
  return path.resolve(path.join(directory, databaseName + '.sqlite'));
}

export function acquireConnection(filePath: string): SharedConnection {
  const existing = CONNECTIONS.get(filePath);
  if (existing) {
    existing.refCount++;
    return existing;
  }
  mkdirSync(path.dirname(filePath), { recursive: true });
  // `timeout` is the busy timeout: another process holding the write lock
  // (e.g. a second app window) makes us wait instead of failing at once.
  const db = new Database(filePath, { timeout: 10_000 });
  try {
    // WAL lets readers in other connections proceed during our writes;
    // synchronous=FULL fsyncs the WAL on commit so a power cut cannot
    // lose acknowledged payment data.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = OFF');
    // Secondary indexes take random-order inserts, so each commit dirties many
    // index pages. A 64 MiB page cache keeps them in memory between commits,
    // and checkpointing every ~40 MiB of WAL (instead of SQLite's 4 MiB)
    // copies a page rewritten by several commits back into the file once.
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = 10000');
    // ...and the WAL file is truncated back to 64 MiB after a checkpoint.
    db.pragma('journal_size_limit = 67108864');
  } catch (err) {
    db.close();
    throw err;
  }
  const connection: SharedConnection = {
    filePath,
    db,
    refCount: 1,
    tables: new Map(),
    writeQueue: Promise.resolve(),
    pendingWrites: 0,
  };
  CONNECTIONS.set(filePath, connection);
  return connection;
}

export function releaseConnection(connection: SharedConnection): void {
  connection.refCount--;
  if (connection.refCount > 0) {
    return;
  }
  if (CONNECTIONS.get(connection.filePath) === connection) {
    CONNECTIONS.delete(connection.filePath);
  }
  if (connection.db.open) {
    connection.db.close();
  }
}

/** Returns the shared state of a table, creating it on first use. */
export function acquireTableState(connection: SharedConnection, tableName: string): SharedTableState {
  const existing = connection.tables.get(tableName);
  if (existing && !existing.removed) {
    existing.refCount++;
    return existing;
  }
  const state: SharedTableState = {
    tableName,
    changes$: new Subject<BetterSqliteChangeEventBulk<unknown>>(),
    refCount: 1,
    removed: false,
  };
  connection.tables.set(tableName, state);
  return state;
}

export function releaseTableState(connection: SharedConnection, state: SharedTableState): void {
  state.refCount--;
  if (state.refCount > 0) {
    return;
  }
  if (connection.tables.get(state.tableName) === state) {
    connection.tables.delete(state.tableName);
  }
  state.changes$.complete();
}

/**
 * Marks the table as removed for every instance that still holds it and
 * forgets it, so that a later createStorageInstance starts from scratch.
 */
export function markTableRemoved(connection: SharedConnection, state: SharedTableState): void {
  state.removed = true;
  if (connection.tables.get(state.tableName) === state) {
    connection.tables.delete(state.tableName);
  }
}

/**
 * Runs `task` after every earlier write on this connection has finished.
 * `prepare` (reading Blobs) starts at once and may overlap earlier writes,
 * but the synchronous SQL part never overtakes an earlier bulkWrite call.
 */
export function enqueueWrite<P, R>(
  connection: SharedConnection,
  prepare: () => Promise<P>,
  task: (prepared: P) => R,
): Promise<R> {
  connection.pendingWrites++;
  const prepared = prepare();
  // The rejection is handled by `run` below, just not within this tick.
  prepared.catch(() => undefined);
  const run = connection.writeQueue.then(() => prepared).then(task);
  connection.writeQueue = run.then(
    () => undefined,
    () => undefined,
  );
  return run.finally(() => {
    connection.pendingWrites--;
  });
}

/** Number of open connections, used by tests to prove handles are released. */
export function openConnectionCount(): number {
  return CONNECTIONS.size;
}

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
/** Every connection this module made, to recognise one behind RxDB's `internals`. */
const KNOWN = new WeakSet<SharedConnection>();

export function isSharedConnection(value: unknown): value is SharedConnection {
  return typeof value === 'object' && value !== null && KNOWN.has(value as SharedConnection);
}

export function getDatabaseFilePath(directory: string, databaseName: string): string {
  return path.resolve(path.join(directory, databaseName + '.sqlite'));
}

/** SQLite's busy timeout, and how long outside operations wait for one of our transactions. */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

export function acquireConnection(filePath: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): SharedConnection {
  const existing = CONNECTIONS.get(filePath);
  if (existing) {
    existing.refCount++;
    return existing;
  }
  mkdirSync(path.dirname(filePath), { recursive: true });
  // `timeout` is the busy timeout: another process holding the write lock
  // (e.g. a second app window) makes us wait instead of failing at once.
  const db = new Database(filePath, { timeout: busyTimeoutMs });
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
    lastWrite: Promise.resolve(),
    pendingTransactions: 0,
    transaction: undefined,
    snapshotDb: undefined,
    busyTimeoutMs,
  };
  CONNECTIONS.set(filePath, connection);
  KNOWN.add(connection);
  return connection;
}

/**
 * The read-only handle that shows the last committed state (see
 * SharedConnection.snapshotDb). Opened on first use only: most files never
 * see a read from outside a transaction while one is open.
 */
export function getSnapshotDb(connection: SharedConnection): Database.Database {
  if (!connection.snapshotDb) {
    const db = new Database(connection.filePath, {
      readonly: true,
      fileMustExist: true,
      timeout: connection.busyTimeoutMs,
    });
    connection.snapshotDb = db;
  }
  return connection.snapshotDb;
}

export function releaseConnection(connection: SharedConnection): void {
  connection.refCount--;
  if (connection.refCount > 0) {
    return;
  }
  if (CONNECTIONS.get(connection.filePath) === connection) {
    CONNECTIONS.delete(connection.filePath);
  }
  if (connection.snapshotDb?.open) {
    connection.snapshotDb.close();
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

/** An outside operation waited longer than the busy timeout for a storage transaction. */
export class StorageBusyError extends Error {
  readonly code = 'SQLITE_BUSY';
  constructor(filePath: string, timeoutMs: number) {
    super(
      `sqlite-storage: ${path.basename(filePath)} stayed locked by a storage transaction for more than ${timeoutMs} ms`,
    );
    this.name = 'StorageBusyError';
  }
}

const noop = (): void => undefined;

/**
 * Resolves like `waiting`, but fails with StorageBusyError if a storage
 * transaction still holds the file after the busy timeout. An outside write
 * queued behind a transaction can be exactly what that transaction's own work
 * is waiting for (RxDB batches writes per collection across callers), so an
 * unbounded wait could hang the process; this mirrors SQLite's busy timeout
 * between processes. Waits that are not caused by a transaction never fail.
 */
function boundedWait<T>(connection: SharedConnection, waiting: Promise<T>, onGiveUp: () => boolean): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      timer = setTimeout(() => {
        if (connection.pendingTransactions > 0 && onGiveUp()) {
          reject(new StorageBusyError(connection.filePath, connection.busyTimeoutMs));
        } else {
          arm();
        }
      }, connection.busyTimeoutMs);
      // A waiting write must not keep the process alive on its own.
      timer.unref();
    };
    arm();
    waiting.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/**
 * Runs `task` after every earlier write and storage transaction on this
 * connection has finished. `prepare` (reading Blobs) starts at once and may
 * overlap earlier writes, but the synchronous SQL part never overtakes an
 * earlier bulkWrite call.
 */
export function enqueueWrite<P, R>(
  connection: SharedConnection,
  prepare: () => Promise<P>,
  task: (prepared: P) => R,
): Promise<R> {
  connection.pendingWrites++;
  const prepared = prepare();
  // The rejection is handled by `slot` below, just not within this tick.
  prepared.catch(noop);
  let state: 'waiting' | 'started' | 'abandoned' = 'waiting';
  const slot = connection.writeQueue.then(async () => {
    if (state === 'abandoned') {
      // The caller already got SQLITE_BUSY; the write must not land later.
      throw new Error('sqlite-storage: abandoned write');
    }
    state = 'started';
    return task(await prepared);
  });
  // A failed write must not stall the queue; the slot keeps its place until
  // it settles, so an abandoned write still waits for the transaction.
  const settled = slot.then(noop, noop).finally(() => {
    connection.pendingWrites--;
  });
  connection.writeQueue = settled;
  connection.lastWrite = settled;
  return boundedWait(connection, slot, () => {
    if (state !== 'waiting') {
      return false;
    }
    state = 'abandoned';
    return true;
  });
}

/**
 * Waits until every outside write queued so far has been applied, failing
 * after the busy timeout if a storage transaction keeps them waiting.
 */
export function waitForQueuedWrites(connection: SharedConnection): Promise<void> {
  return boundedWait(connection, connection.lastWrite, () => true);
}

/**
 * For readers above the storage (RxDB's query layer, db/rx-cache-sync.ts)
 * that must not look at the database while a transaction is open: waits for
 * its end, failing with StorageBusyError after the busy timeout, because the
 * transaction's work might itself be waiting for the reader.
 */
export function waitForTransactionEnd(connection: SharedConnection, finished: Promise<void>): Promise<void> {
  return boundedWait(connection, finished, () => true);
}

/**
 * Queues a storage transaction like a write. Resolves, once every earlier
 * write has been applied, with the function that hands the file on to the
 * next queued operation; until it is called, every later write waits.
 */
export function acquireTransactionTurn(connection: SharedConnection): Promise<() => void> {
  connection.pendingTransactions++;
  let hasEnded: () => void = noop;
  const ended = new Promise<void>((resolve) => {
    hasEnded = resolve;
  });
  const turn = connection.writeQueue;
  connection.writeQueue = turn.then(() => ended);
  let released = false;
  return turn.then(() => () => {
    if (!released) {
      released = true;
      connection.pendingTransactions--;
      hasEnded();
    }
  });
}

/**
 * SQLite's online backup of the file, on the shared connection (see
 * backup/snapshot.ts for why that connection). Use this instead of
 * `connection.db.backup()`: a backup whose FIRST step runs while a storage
 * transaction is open on the connection copies nothing at all — SQLite
 * reports 0 pages and better-sqlite3 resolves as if it had succeeded. So
 * the start waits for queued writes and open transactions and keeps new
 * transactions out until that first step has run; later steps just pause
 * while a transaction is open and continue after it (changes made through
 * this connection are carried into the running backup).
 */
export async function backupDatabase(
  connection: SharedConnection,
  destination: string,
  progress: (info: Database.BackupMetadata) => number = () => 100,
): Promise<Database.BackupMetadata> {
  const release = await acquireTransactionTurn(connection);
  try {
    return await connection.db.backup(destination, {
      progress: (info) => {
        release();
        return progress(info);
      },
    });
  } finally {
    // The turn's release function is idempotent.
    release();
  }
}

/** Number of open connections, used by tests to prove handles are released. */
export function openConnectionCount(): number {
  return CONNECTIONS.size;
}

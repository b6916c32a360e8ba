import type { RxCollection, RxDatabase } from 'rxdb';
import { RxCacheSync } from './rx-cache-sync';
import { assertWriteQueueInternals, TransactionWriteQueues } from './rx-write-queues';
import {
  currentStorageTransaction,
  isSharedConnection,
  runStorageTransaction,
  transactionOf,
  type SharedConnection,
} from './sqlite-storage';

/**
 * Cross-collection atomic writes for the core (DESIGN.md data rules: "every
 * write that changes money or a decision appends an audit event in the same
 * local transaction").
 *
 * `runInStorageTransaction(db, work)` runs `work` inside one SQLite
 * transaction of the database file. Guarantees:
 * - Atomic and durable: every write the work makes through any collection of
 *   `db` (insert, patch, remove, bulk…, also from helpers it awaits) commits
 *   together with one COMMIT (WAL, synchronous=FULL) or not at all, also
 *   across a crash or power cut. The promise resolves only after COMMIT.
 * - Isolated: nobody outside the work sees its writes before COMMIT. Writes
 *   from outside wait until the transaction ends (and fail with
 *   StorageBusyError after the busy timeout, 10 s, instead of deadlocking);
 *   queries from outside wait as well (RxDB level) or read the last committed
 *   state (storage level). Change events of the work's writes are emitted
 *   after COMMIT, in the order of the writes, and never after ROLLBACK.
 * - Read-your-writes inside: queries and findOne() inside the work see what
 *   it wrote so far.
 * - On an exception from `work`: ROLLBACK, RxDB's document and query caches
 *   are set back to the committed state (rx-cache-sync.ts explains how and
 *   why that is enough), then the exception is rethrown unchanged. If
 *   setting the caches back fails, the database is closed, so that no stale
 *   cache can answer a later read, and the error says it must be reopened.
 * - Nested calls join the outer transaction. A nested call that fails dooms
 *   the whole transaction: the outer one rolls back (and rejects with
 *   StorageTransactionAbortedError) even if its work catches the error.
 *
 * Rules for the work: await every write (writes still running when the work
 * returns are waited for, but a write started after COMMIT is an ordinary
 * write); keep it short (other writers wait); do not create, migrate, close
 * or remove collections inside; do not start a transaction on another
 * database file inside; in-memory state derived from written data must be
 * published with afterCommit() / dropped with afterRollback().
 *
 * RxDB batches the incremental writes of a collection across callers; while
 * the transaction is open its work gets a write queue of its own
 * (rx-write-queues.ts), so neither side's write is carried out in the other
 * side's context. Two limits remain: incrementalUpsert() chains calls per
 * document id across callers (an upsert inside that queues behind one from
 * outside waits for the busy timeout, then fails and rolls back), and
 * in-memory state kept outside RxDB is the caller's business (afterCommit /
 * afterRollback). In the core every write goes through the WriteLock, so
 * use app/unit-of-work.ts, which holds it.
 */
export async function runInStorageTransaction<T, Collections>(
  db: RxDatabase<Collections>,
  work: () => Promise<T>,
): Promise<T> {
  const connection = connectionOf(db);
  if (transactionOf(connection)) {
    // Nested: the outer call's caches and hooks cover this work too.
    return runStorageTransaction(connection, work);
  }
  const sync = new RxCacheSync(db.name, () => collectionsOf(db), connection);
  sync.check();
  collectionsOf(db).forEach(assertWriteQueueInternals);
  const writeQueues = new TransactionWriteQueues(connection);
  let repairFailure: { error: unknown } | undefined;
  const guarded = (step: () => void): void => {
    try {
      step();
    } catch (error) {
      repairFailure ??= { error };
    }
  };
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    const value = await runStorageTransaction(connection, work, {
      onBegin: () => {
        sync.install();
        writeQueues.install(collectionsOf(db));
      },
      onWrite: (write) => guarded(() => sync.onWrite(write)),
      onCommit: () => guarded(() => sync.onCommit()),
      onRollback: (rolledBack) => guarded(() => sync.onRollback(rolledBack)),
    });
    outcome = { ok: true, value };
  } catch (error) {
    outcome = { ok: false, error };
  } finally {
    // Also when BEGIN itself failed and no hook ran.
    sync.uninstall();
    writeQueues.uninstall();
  }
  if (repairFailure) {
    // Also after a commit: a query cache that could not be fixed would
    // apply this transaction's events twice.
    await refuseStaleDatabase(db, outcome.ok ? undefined : outcome.error, repairFailure.error);
  }
  if (!outcome.ok) {
    throw outcome.error;
  }
  return outcome.value;
}

/** True while the calling async context is inside a storage transaction on this database. */
export function isInStorageTransaction<Collections>(db: RxDatabase<Collections>): boolean {
  return transactionOf(connectionOf(db)) !== undefined;
}

/**
 * Runs `callback` once the writes of the current storage transaction are
 * committed, or right away when not inside one (then they already are). For
 * effects outside the database that must never describe an uncommitted
 * state: a sidecar file, a notification, an in-memory head pointer. If it
 * throws, the transaction's promise rejects with AfterCommitError
 * (`committed: true`).
 */
export function afterCommit(callback: () => void): void {
  const tx = currentStorageTransaction();
  if (tx) {
    tx.afterCommit(callback);
  } else {
    callback();
  }
}

/**
 * Runs `callback` if the current storage transaction rolls back, e.g. to
 * drop an in-memory copy of something the work wrote (AuditLog's chain
 * head). Outside a transaction nothing can roll back, so nothing happens.
 */
export function afterRollback(callback: () => void): void {
  currentStorageTransaction()?.afterRollback(callback);
}

function connectionOf<Collections>(db: RxDatabase<Collections>): SharedConnection {
  const internals: unknown = db.internalStore.internals;
  const connection: unknown =
    typeof internals === 'object' && internals !== null && 'connection' in internals ? internals.connection : undefined;
  if (!isSharedConnection(connection)) {
    throw new Error(`db/transaction: database ${db.name} is not stored on the better-sqlite3 storage`);
  }
  return connection;
}

function collectionsOf<Collections>(db: RxDatabase<Collections>): RxCollection<unknown>[] {
  // RxDatabase types `collections` by the app's collection map; here only
  // the RxCollection behind each entry matters.
  return Object.values(db.collections as Record<string, RxCollection<unknown>>);
}

async function refuseStaleDatabase<Collections>(
  db: RxDatabase<Collections>,
  original: unknown,
  repairError: unknown,
): Promise<never> {
  await db.close().catch(() => false);
  throw new Error(
    `db/transaction: RxDB's caches of ${db.name} could not be brought back in line with the storage after a ` +
      'transaction; the database was closed and must be reopened',
    { cause: { original, repairError } },
  );
}

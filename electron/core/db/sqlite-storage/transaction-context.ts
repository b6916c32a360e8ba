import { AsyncLocalStorage } from 'node:async_hooks';
import type { RxDocumentData } from 'rxdb/plugins/core';
import { acquireTransactionTurn } from './connection-pool';
import type { BetterSqliteChangeEventBulk, OpenTransaction, SharedConnection } from './types';

/**
 * Storage transactions: several bulkWrite calls, on any collections of one
 * database file, committed together by one SQLite transaction.
 *
 * The transaction is bound to the async context (AsyncLocalStorage) of the
 * work function: every bulkWrite of our storage issued from inside it, across
 * awaits, runs inside BEGIN IMMEDIATE … COMMIT on the shared connection, each
 * one as a SAVEPOINT (better-sqlite3 nests its transaction functions that
 * way), so a bulkWrite that throws undoes just itself. Everything else waits
 * or looks past it (see storage-instance.ts):
 * - writes from outside queue behind the transaction (bounded by the busy
 *   timeout, see connection-pool.ts);
 * - reads from outside read the last committed state through a second,
 *   read-only connection, so they never see uncommitted rows and never wait
 *   (a waiting read could deadlock: RxDB serializes every execution of one
 *   RxQuery, so work inside could queue behind a read waiting for it);
 * - change events of writes inside are held back and emitted after COMMIT,
 *   in write order, and dropped on ROLLBACK.
 */

/** What one bulkWrite inside a transaction wrote (the held change events). */
export type TransactionWrite = {
  readonly databaseName: string;
  readonly collectionName: string;
  readonly schemaVersion: number;
  readonly eventBulk: BetterSqliteChangeEventBulk<unknown>;
};

/** After ROLLBACK: the committed state of every document the transaction had written. */
export type RolledBackCollection = {
  readonly databaseName: string;
  readonly collectionName: string;
  readonly schemaVersion: number;
  /** Documents that exist (possibly as tombstones) in the committed state. */
  readonly documents: RxDocumentData<unknown>[];
  /** Written ids that do not exist in the committed state (rolled-back inserts). */
  readonly missingIds: string[];
};

/** Callbacks for the layer above (RxDB's caches, see db/transaction.ts). All synchronous. */
export type StorageTransactionHooks = {
  /** Right after BEGIN IMMEDIATE, before `work` starts. */
  onBegin?: () => void;
  onWrite?: (write: TransactionWrite) => void;
  /** After COMMIT, before the held change events are emitted. */
  onCommit?: () => void;
  onRollback?: (rolledBack: RolledBackCollection[]) => void;
};

/** How the storage instance that wrote a table re-reads it after a rollback. */
export type CommittedReader = (ids: string[]) => RxDocumentData<unknown>[];

type Touched = {
  readonly databaseName: string;
  readonly collectionName: string;
  readonly schemaVersion: number;
  readonly read: CommittedReader;
  readonly primaryOf: (doc: RxDocumentData<unknown>) => string;
  readonly ids: Set<string>;
};

/** The transaction's work failed (or an inner unit failed); everything was rolled back. */
export class StorageTransactionAbortedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageTransactionAbortedError';
  }
}

/**
 * An afterCommit callback threw. The transaction HAS committed: a caller
 * that treats every rejection as "nothing happened" must look at this one.
 */
export class AfterCommitError extends Error {
  readonly committed = true;
  constructor(cause: unknown) {
    super('sqlite-storage: the transaction committed, but an afterCommit callback failed', { cause });
    this.name = 'AfterCommitError';
  }
}

const context = new AsyncLocalStorage<StorageTransaction>();

export class StorageTransaction implements OpenTransaction {
  state: 'active' | 'committed' | 'rolledBack' = 'active';
  readonly finished: Promise<void>;
  private markFinished: () => void = () => undefined;
  /** Set when a nested unit failed: the whole transaction may only roll back. */
  private innerFailure: unknown = undefined;
  private readonly held: (() => void)[] = [];
  private readonly touched = new Map<string, Touched>();
  private readonly commitCallbacks: (() => void)[] = [];
  private readonly rollbackCallbacks: (() => void)[] = [];
  /** Orders writes inside the transaction that must first read attachment Blobs. */
  private writeQueue: Promise<void> = Promise.resolve();
  private pendingWrites = 0;

  constructor(
    readonly connection: SharedConnection,
    private readonly hooks: StorageTransactionHooks,
  ) {
    this.finished = new Promise<void>((resolve) => {
      this.markFinished = resolve;
    });
  }

  /** Like connection-pool's enqueueWrite, but within the transaction (no waiting for others). */
  enqueueWrite<P, R>(prepare: () => Promise<P> | undefined, task: (prepared: P | undefined) => R): R | Promise<R> {
    const preparing = prepare();
    if (!preparing && this.pendingWrites === 0) {
      return task(undefined);
    }
    this.pendingWrites++;
    preparing?.catch(() => undefined);
    const run = this.writeQueue.then(() => preparing).then(task);
    this.writeQueue = run.then(
      () => undefined,
      () => undefined,
    );
    return run.finally(() => {
      this.pendingWrites--;
    });
  }

  /** Reads inside the transaction wait for writes issued before them, like outside reads do. */
  afterQueuedWrites<T>(operation: () => T): T | Promise<T> {
    return this.pendingWrites === 0 ? operation() : this.writeQueue.then(operation);
  }

  /**
   * Fails fast if SQLite ended the transaction on its own (SQLITE_FULL,
   * IOERR, …): a later write would otherwise run in autocommit mode and be
   * committed on its own, outside the transaction the caller asked for.
   */
  ensureOpen(): void {
    if (this.state !== 'active') {
      throw new StorageTransactionAbortedError('sqlite-storage: the storage transaction has already ended');
    }
    if (!this.connection.db.inTransaction) {
      this.innerFailure ??= new Error('SQLite rolled the transaction back');
      throw new StorageTransactionAbortedError('sqlite-storage: SQLite rolled the storage transaction back');
    }
  }

  /** Called by the storage instance after a successful bulkWrite inside the transaction. */
  recordWrite(
    table: string,
    owner: Omit<Touched, 'ids'>,
    eventBulk: BetterSqliteChangeEventBulk<unknown>,
    emit: () => void,
  ): void {
    let touched = this.touched.get(table);
    if (!touched) {
      touched = { ...owner, ids: new Set() };
      this.touched.set(table, touched);
    }
    for (const event of eventBulk.events) {
      touched.ids.add(event.documentId);
    }
    this.held.push(emit);
    this.hooks.onWrite?.({
      databaseName: owner.databaseName,
      collectionName: owner.collectionName,
      schemaVersion: owner.schemaVersion,
      eventBulk,
    });
  }

  afterCommit(callback: () => void): void {
    this.commitCallbacks.push(callback);
  }

  afterRollback(callback: () => void): void {
    this.rollbackCallbacks.push(callback);
  }

  async runNested<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      // Flat nesting: the inner unit's writes cannot be undone alone (it may
      // have written through SAVEPOINTs that are long released), so the
      // outer one must not commit them half-done.
      this.innerFailure ??= err;
      throw err;
    }
  }

  async drainWrites(): Promise<void> {
    while (this.pendingWrites > 0) {
      await this.writeQueue;
    }
  }

  commit(): void {
    if (this.innerFailure !== undefined) {
      const cause = this.innerFailure;
      this.rollback();
      throw new StorageTransactionAbortedError(
        'sqlite-storage: a nested unit of work failed, so the whole transaction was rolled back',
        { cause },
      );
    }
    try {
      this.ensureOpen();
      this.connection.db.exec('COMMIT');
    } catch (err) {
      this.rollback();
      throw err;
    }
    this.state = 'committed';
    this.end();
    this.hooks.onCommit?.();
    // Only now may anyone learn about the writes, in the order they were made.
    for (const emit of this.held) {
      emit();
    }
    try {
      runAll(this.commitCallbacks);
    } catch (err) {
      throw new AfterCommitError(err);
    }
  }

  /** ROLLBACK (if SQLite has not done it already) and tell the layer above what to re-read. */
  rollback(): void {
    if (this.state !== 'active') {
      return;
    }
    this.state = 'rolledBack';
    try {
      if (this.connection.db.inTransaction) {
        this.connection.db.exec('ROLLBACK');
      }
    } finally {
      // Still holding the write turn, so nobody can have written since.
      const rolledBack = [...this.touched.values()].map((t) => committedStateOf(t));
      this.end();
      this.hooks.onRollback?.(rolledBack);
      runAll(this.rollbackCallbacks);
    }
  }

  private end(): void {
    if (this.connection.transaction === this) {
      this.connection.transaction = undefined;
    }
  }

  /** Lets outside readers waiting for this transaction (db/transaction.ts) go on. */
  settle(): void {
    this.markFinished();
  }
}

function committedStateOf(touched: Touched): RolledBackCollection {
  const ids = [...touched.ids];
  const documents = touched.read(ids);
  const found = new Set(documents.map((doc) => touched.primaryOf(doc)));
  return {
    databaseName: touched.databaseName,
    collectionName: touched.collectionName,
    schemaVersion: touched.schemaVersion,
    documents,
    missingIds: ids.filter((id) => !found.has(id)),
  };
}

/** Every callback runs even if one throws; the first error is rethrown afterwards. */
function runAll(callbacks: readonly (() => void)[]): void {
  let failure: { error: unknown } | undefined;
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) {
    throw failure.error;
  }
}

/** The open transaction the calling async context belongs to, on this connection. */
export function transactionOf(connection: SharedConnection): StorageTransaction | undefined {
  const current = context.getStore();
  return current && current.state === 'active' && current.connection === connection ? current : undefined;
}

/** The open transaction of the calling async context, on any connection. */
export function currentStorageTransaction(): StorageTransaction | undefined {
  const current = context.getStore();
  return current?.state === 'active' ? current : undefined;
}

/**
 * Runs `work` inside one SQLite transaction on `connection` (see the top of
 * this file). A call from inside another transaction on the same file joins
 * it; if such a nested call fails, the outer transaction rolls back as a
 * whole even if its work catches the error.
 */
export async function runStorageTransaction<T>(
  connection: SharedConnection,
  work: () => Promise<T>,
  hooks: StorageTransactionHooks = {},
): Promise<T> {
  const outer = currentStorageTransaction();
  if (outer) {
    if (outer.connection !== connection) {
      throw new Error('sqlite-storage: a storage transaction cannot span two database files');
    }
    return outer.runNested(work);
  }
  const release = await acquireTransactionTurn(connection);
  const tx = new StorageTransaction(connection, hooks);
  try {
    // IMMEDIATE takes SQLite's write lock now (waiting up to the busy
    // timeout for another process), so COMMIT can never fail with BUSY.
    connection.db.exec('BEGIN IMMEDIATE');
    connection.transaction = tx;
    let result: T;
    try {
      hooks.onBegin?.();
      result = await context.run(tx, work);
      // Writes issued inside but not awaited by `work` still belong to it.
      await tx.drainWrites();
    } catch (err) {
      try {
        tx.rollback();
      } catch (callbackError) {
        // The original failure must stay visible next to the callback's.
        throw new AggregateError(
          [err, callbackError],
          'sqlite-storage: the transaction rolled back, and an afterRollback callback failed as well',
        );
      }
      throw err;
    }
    tx.commit();
    return result;
  } finally {
    tx.settle();
    release();
  }
}

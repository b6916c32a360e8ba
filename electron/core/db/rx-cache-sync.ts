import type { RxCollection, RxDocumentData, RxQuery } from 'rxdb';
import {
  transactionOf,
  waitForTransactionEnd,
  type RolledBackCollection,
  type SharedConnection,
  type TransactionWrite,
} from './sqlite-storage';

/**
 * Keeps RxDB's in-memory caches of one RxDatabase truthful around a storage
 * transaction (db/transaction.ts). Read against rxdb 17.6 (rx-collection.js,
 * doc-cache.js, rx-query.js); test/integration/db/transaction pins every
 * assumption below.
 *
 * What RxDB caches, and how a transaction could make it lie:
 * 1. `collection._docCache`: per document id, the RxDocument objects by
 *    revision and `cacheItem[1]`, the "latest" state. An item is created from
 *    write results (insert → `success`) and read results; `cacheItem[1]` of
 *    an existing item only moves on change events. `findOne(id)`,
 *    `findByIds()` and `doc.getLatest()` answer from `cacheItem[1]` without
 *    asking the storage.
 * 2. `collection._queryCache`: one RxQuery per query string, keeping its
 *    `_result` and `_latestChangeEvent` (a counter of the collection's change
 *    events). `exec()` reuses `_result` while no new event has arrived, or
 *    patches it with the new events (event-reduce). Live queries (`$`)
 *    re-evaluate only when an event arrives.
 *
 * The storage holds change events back until COMMIT, so during the
 * transaction RxDB hears nothing about the writes. Hence:
 * - Reads from outside the transaction must not be answered from caches the
 *   transaction's own work has touched: every RxQuery execution starts with
 *   `collection.awaitBeforeReads`, where we make outside executions wait for
 *   the end of the transaction (before RxDB queues the execution, so no
 *   RxQuery queue can hold work inside the transaction behind them; at most
 *   the busy timeout, then they fail with StorageBusyError, in case the work
 *   itself waits for such a read). The storage itself serves outside reads
 *   the committed state anyway.
 * - The work inside must see its own writes: after it wrote a collection,
 *   each of its query executions first forces every cached RxQuery of that
 *   collection to run against the storage again (`_latestChangeEvent = -1`),
 *   and `cacheItem[1]` of documents it wrote is moved to the written state
 *   (what the change event would have done).
 * - At the end, a query evaluated after the first write of its collection
 *   holds a result the change-event counter does not explain: after COMMIT
 *   the held events would be applied on top of it a second time (an insert
 *   twice), after ROLLBACK it shows writes that never happened. Such
 *   queries (and only those: `_lastEnsureEqual` changed since the first
 *   write) are forced to run against the storage again. A live query never
 *   emitted such a result outside (outside executions waited), and its next
 *   emission is the freshly read one.
 * - After ROLLBACK, `cacheItem[1]` of every written document is set back to
 *   the committed state read from the storage, and the cache item of a
 *   document that does not exist any more (a rolled-back insert) is dropped,
 *   so `findOne(id)` asks the storage and gets null.
 *
 * Not covered, by design: RxDocument objects obtained inside a failed unit
 * are stale snapshots (as any RxDocument is; a write through them conflicts
 * or, for a rolled-back insert, inserts again); subscriptions opened inside
 * the work; collections created, migrated or removed inside a transaction
 * (the storage refuses to create tables there).
 */

type AnyCollection = RxCollection<unknown>;
type CachedQuery = RxQuery<unknown, unknown>;

/** Fails loudly if an RxDB upgrade moved the internals this module relies on. */
export function assertCacheInternals(collection: AnyCollection): void {
  const docCache: unknown = collection._docCache;
  const queryCache: unknown = collection._queryCache;
  const ok =
    typeof docCache === 'object' &&
    docCache !== null &&
    collection._docCache.cacheItemByDocId instanceof Map &&
    typeof collection._docCache.processTasks === 'function' &&
    typeof queryCache === 'object' &&
    queryCache !== null &&
    collection._queryCache._map instanceof Map &&
    collection.awaitBeforeReads instanceof Set;
  if (!ok) {
    throw new Error(
      `db/transaction: RxDB's cache internals of collection ${collection.name} are not as expected (rxdb upgrade?); ` +
        'storage transactions would leave stale caches behind, so they are refused',
    );
  }
}

function queriesOf(collection: AnyCollection): CachedQuery[] {
  return [...collection._queryCache._map.values()] as CachedQuery[];
}

/** The next exec() or live re-evaluation runs against the storage instead of trusting `_result`. */
function forceReExecution(query: CachedQuery): void {
  query._latestChangeEvent = -1;
}

export class RxCacheSync {
  private readonly gates = new Map<AnyCollection, () => Promise<unknown> | undefined>();
  /** Collections written in the transaction → `_lastEnsureEqual` of their queries at the first write. */
  private readonly written = new Map<AnyCollection, Map<CachedQuery, number>>();

  constructor(
    private readonly databaseName: string,
    private readonly collections: () => readonly AnyCollection[],
    private readonly connection: SharedConnection,
  ) {}

  /** Checks the internals of every collection; called before the transaction begins. */
  check(): void {
    for (const collection of this.collections()) {
      assertCacheInternals(collection);
    }
  }

  /** Right after BEGIN: gate every RxQuery execution of the database. */
  install(): void {
    for (const collection of this.collections()) {
      const gate = (): Promise<unknown> | undefined => this.beforeRead(collection);
      collection.awaitBeforeReads.add(gate);
      this.gates.set(collection, gate);
    }
  }

  uninstall(): void {
    for (const [collection, gate] of this.gates) {
      collection.awaitBeforeReads.delete(gate);
    }
    this.gates.clear();
  }

  private beforeRead(collection: AnyCollection): Promise<unknown> | undefined {
    const open = this.connection.transaction;
    if (!open) {
      return undefined;
    }
    if (!transactionOf(this.connection)) {
      // Outside: wait until the transaction has committed or rolled back
      // (bounded: the work might be waiting for this very read, e.g. via a
      // promise memoized outside).
      return waitForTransactionEnd(this.connection, open.finished);
    }
    if (!this.written.has(collection)) {
      return undefined;
    }
    // Inside, after writing this collection: let executions already queued
    // (begun before the transaction, reading the committed state) finish,
    // then make every query of the collection read the storage again.
    const pending = queriesOf(collection).map((query) => query._ensureEqualQueue.catch(() => false));
    return Promise.all(pending).then(() => {
      for (const query of queriesOf(collection)) {
        forceReExecution(query);
      }
    });
  }

  private collectionFor(target: { databaseName: string; collectionName: string; schemaVersion: number }):
    | AnyCollection
    | undefined {
    if (target.databaseName !== this.databaseName) {
      return undefined;
    }
    // RxDB's own internal store and old schema versions (migrations) have no cache to keep.
    return this.collections().find(
      (c) => c.name === target.collectionName && c.schema.version === target.schemaVersion,
    );
  }

  /** After each bulkWrite inside the transaction. */
  onWrite(write: TransactionWrite): void {
    const collection = this.collectionFor(write);
    if (!collection) {
      return;
    }
    if (!this.written.has(collection)) {
      this.written.set(collection, new Map(queriesOf(collection).map((q) => [q, q._lastEnsureEqual])));
    }
    const cache = collection._docCache;
    // Apply events RxDB received before the transaction first, as it would.
    cache.processTasks();
    for (const event of write.eventBulk.events) {
      const item = cache.cacheItemByDocId.get(event.documentId);
      const state = event.documentData ?? event.previousDocumentData;
      if (item && state) {
        item[1] = state as RxDocumentData<unknown>;
      }
    }
  }

  /** After COMMIT, before the held events are emitted. */
  onCommit(): void {
    this.uninstall();
    this.reExecuteTouchedQueries();
  }

  /** After ROLLBACK, with the committed state of everything the transaction wrote. */
  onRollback(rolledBack: readonly RolledBackCollection[]): void {
    this.uninstall();
    this.reExecuteTouchedQueries();
    for (const entry of rolledBack) {
      const collection = this.collectionFor(entry);
      if (!collection) {
        continue;
      }
      const cache = collection._docCache;
      cache.processTasks();
      const primaryPath = collection.schema.primaryPath;
      for (const doc of entry.documents) {
        const id: unknown = (doc as Record<string, unknown>)[primaryPath];
        const item = typeof id === 'string' ? cache.cacheItemByDocId.get(id) : undefined;
        if (item) {
          item[1] = doc;
        }
      }
      for (const id of entry.missingIds) {
        // Never existed as far as the storage knows: the next findOne(id)
        // must ask the storage instead of finding the rolled-back insert.
        cache.cacheItemByDocId.delete(id);
      }
    }
  }

  private reExecuteTouchedQueries(): void {
    for (const [collection, before] of this.written) {
      for (const query of queriesOf(collection)) {
        if (before.get(query) !== query._lastEnsureEqual) {
          forceReExecution(query);
        }
      }
    }
  }
}

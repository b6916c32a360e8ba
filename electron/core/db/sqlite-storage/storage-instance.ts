import type { Statement } from 'better-sqlite3';
import { Subject, type Observable, type Subscription } from 'rxjs';
import {
  getPrimaryFieldOfPrimaryKey,
  now,
  type BulkWriteRow,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageBulkWriteResponse,
  type RxStorageCountResult,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
  type RxStorageQueryResult,
  type StringKeys,
} from 'rxdb/plugins/core';
import { AttachmentStore, collectAttachmentBlobs, readBlobs, type BlobBytes } from './attachments';
import { DocumentWriter, readPrimary, type WriteOutcome } from './bulk-write';
import {
  acquireTableState,
  enqueueWrite,
  getSnapshotDb,
  markTableRemoved,
  releaseConnection,
  releaseTableState,
  waitForQueuedWrites,
} from './connection-pool';
import { ReadSide } from './read-side';
import { dropTables, ensureTables, getKeyColumns, getTableNames, quoteIdentifier, type KeyColumn } from './table-layout';
import { transactionOf, type StorageTransaction } from './transaction-context';
import type {
  BetterSqliteChangeEventBulk,
  BetterSqliteCheckpoint,
  BetterSqliteInstanceCreationOptions,
  BetterSqliteInternals,
  SharedConnection,
  SharedTableState,
} from './types';

/** Tombstones purged per cleanup() call, so one call never blocks the app for long. */
const CLEANUP_BATCH_SIZE = 5_000;
const NO_BLOBS: BlobBytes = new Map();

export class RxStorageInstanceBetterSqlite<RxDocType>
  implements
    RxStorageInstance<RxDocType, BetterSqliteInternals, BetterSqliteInstanceCreationOptions, BetterSqliteCheckpoint>
{
  readonly databaseName: string;
  readonly collectionName: string;
  readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>;
  readonly options: Readonly<BetterSqliteInstanceCreationOptions>;
  readonly internals: BetterSqliteInternals;
  readonly primaryPath: StringKeys<RxDocumentData<RxDocType>>;

  private readonly tableState: SharedTableState;
  private readonly changes$ = new Subject<BetterSqliteChangeEventBulk<RxDocType>>();
  private readonly sharedSubscription: Subscription;
  private readonly writer: DocumentWriter<RxDocType>;
  private readonly main: ReadSide<RxDocType>;
  private snapshot: ReadSide<RxDocType> | undefined;
  private readonly keyColumns: readonly KeyColumn<RxDocType>[];
  private readonly attachments: AttachmentStore | undefined;
  private readonly purgeTombstones: Statement<[number, number], string>;
  private closePromise: Promise<void> | undefined;

  /** Takes over one reference to `connection` (released on close, or here on failure). */
  constructor(
    params: RxStorageInstanceCreationParams<RxDocType, BetterSqliteInstanceCreationOptions>,
    connection: SharedConnection,
  ) {
    this.databaseName = params.databaseName;
    this.collectionName = params.collectionName;
    this.schema = params.schema;
    this.options = params.options;
    this.primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey);

    const names = getTableNames(params.collectionName, params.schema.version);
    const keyColumns = getKeyColumns(params.schema, names.tableName);
    this.keyColumns = keyColumns;
    const withAttachments = !!params.schema.attachments;
    try {
      ensureTables(connection.db, names, keyColumns, withAttachments);
      const db = connection.db;
      const table = quoteIdentifier(names.tableName);
      this.attachments = withAttachments ? new AttachmentStore(db, names.attachmentsTableName) : undefined;
      this.writer = new DocumentWriter(
        db,
        names.tableName,
        this,
        this.primaryPath as StringKeys<RxDocType>,
        keyColumns,
        this.attachments,
      );
      this.main = new ReadSide(db, names, params.schema, keyColumns, withAttachments);
      this.purgeTombstones = db
        .prepare<[number, number], string>(
          `DELETE FROM ${table} WHERE rowid IN (
            SELECT rowid FROM ${table} WHERE _deleted = 1 AND _meta_lwt <= ? LIMIT ?
           ) RETURNING id`,
        )
        .pluck();
    } catch (err) {
      releaseConnection(connection);
      throw err;
    }
    this.internals = { connection, ...names };
    this.tableState = acquireTableState(connection, names.tableName);
    // Every instance on this table (also of another RxDatabase object on the
    // same file) receives every committed write, like RxDB's memory storage.
    this.sharedSubscription = this.tableState.changes$.subscribe((bulk) =>
      this.changes$.next(bulk as BetterSqliteChangeEventBulk<RxDocType>),
    );
  }

  private ensureUsable(): void {
    if (this.closePromise) {
      throw new Error(
        `sqlite-storage: instance ${this.databaseName}/${this.collectionName} is closed`,
      );
    }
    this.ensureNotRemoved();
  }

  private ensureNotRemoved(): void {
    if (this.tableState.removed) {
      throw new Error(
        `sqlite-storage: collection ${this.databaseName}/${this.collectionName} was removed`,
      );
    }
  }

  bulkWrite(rows: BulkWriteRow<RxDocType>[], context: string): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    try {
      this.ensureUsable();
      const connection = this.internals.connection;
      const blobs = this.attachments ? collectAttachmentBlobs(rows) : [];
      const tx = transactionOf(connection);
      if (tx) {
        return Promise.resolve(
          tx.enqueueWrite(
            () => (blobs.length > 0 ? readBlobs(blobs) : undefined),
            (bytes) => this.writeInside(tx, rows, context, bytes ?? NO_BLOBS),
          ),
        );
      }
      if (blobs.length === 0 && connection.pendingWrites === 0 && connection.pendingTransactions === 0) {
        // Common case: write and emit synchronously, before this call returns.
        return Promise.resolve(this.commit(rows, context, NO_BLOBS));
      }
      // Blobs must be read asynchronously first, or a storage transaction
      // holds the file: queue behind earlier writes so that writes are still
      // applied in the order they were issued.
      return enqueueWrite(
        connection,
        () => (blobs.length > 0 ? readBlobs(blobs) : Promise.resolve(NO_BLOBS)),
        (bytes) => {
          // Accepted before close(): close() waits for this queue, so only
          // a removal by another instance can invalidate the write now.
          this.ensureNotRemoved();
          return this.commit(rows, context, bytes);
        },
      );
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private commit(rows: BulkWriteRow<RxDocType>[], context: string, bytes: BlobBytes): RxStorageBulkWriteResponse<RxDocType> {
    const outcome: WriteOutcome<RxDocType> = this.writer.write(rows, context, bytes);
    // Only after COMMIT: subscribers never see writes that could roll back.
    if (outcome.eventBulk) {
      this.tableState.changes$.next(outcome.eventBulk);
    }
    return { error: outcome.errors };
  }

  /**
   * A bulkWrite inside a storage transaction: the writer's better-sqlite3
   * transaction becomes a SAVEPOINT of the open one, and the change events
   * wait in the transaction until COMMIT.
   */
  private writeInside(
    tx: StorageTransaction,
    rows: BulkWriteRow<RxDocType>[],
    context: string,
    bytes: BlobBytes,
  ): RxStorageBulkWriteResponse<RxDocType> {
    tx.ensureOpen();
    this.ensureNotRemoved();
    const outcome = this.writer.write(rows, context, bytes);
    const eventBulk = outcome.eventBulk;
    if (eventBulk) {
      tx.recordWrite(
        this.internals.tableName,
        {
          databaseName: this.databaseName,
          collectionName: this.collectionName,
          schemaVersion: this.schema.version,
          read: (ids) => this.main.queries.findByIds(ids, true) as RxDocumentData<unknown>[],
          primaryOf: (doc) => readPrimary(doc, this.primaryPath),
        },
        eventBulk as BetterSqliteChangeEventBulk<unknown>,
        () => this.tableState.changes$.next(eventBulk),
      );
    }
    return { error: outcome.errors };
  }

  /**
   * Runs a synchronous read where it sees the right state:
   * - inside a storage transaction: on the shared connection, after the
   *   transaction's own queued writes, so the work sees what it wrote;
   * - outside: after every write queued before the call (writes wait for
   *   attachment Blobs or for a transaction), on the shared connection, or
   *   on the read-only snapshot connection while a transaction is open there,
   *   so uncommitted rows are never visible.
   */
  private run<T>(operation: (side: ReadSide<RxDocType>) => T): Promise<T> {
    try {
      this.ensureUsable();
      const connection = this.internals.connection;
      const tx = transactionOf(connection);
      if (tx) {
        return Promise.resolve(tx.afterQueuedWrites(() => operation(this.main)));
      }
      if (connection.pendingWrites === 0) {
        return Promise.resolve(operation(this.outsideSide()));
      }
      return waitForQueuedWrites(connection).then(() => {
        this.ensureNotRemoved();
        return operation(this.outsideSide());
      });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private outsideSide(): ReadSide<RxDocType> {
    const connection = this.internals.connection;
    if (!connection.transaction) {
      return this.main;
    }
    this.snapshot ??= new ReadSide(
      getSnapshotDb(connection),
      this.internals,
      this.schema,
      this.keyColumns,
      !!this.schema.attachments,
    );
    return this.snapshot;
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    return this.run((side) => side.queries.findByIds(ids, withDeleted));
  }

  query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    return this.run((side) => ({ documents: side.queries.query(preparedQuery) }));
  }

  count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    return this.run((side) => side.queries.count(preparedQuery));
  }

  getChangedDocumentsSince(
    limit: number,
    checkpoint?: BetterSqliteCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: BetterSqliteCheckpoint }> {
    return this.run((side) => side.changedSince(limit, checkpoint));
  }

  changeStream(): Observable<BetterSqliteChangeEventBulk<RxDocType>> {
    this.ensureUsable();
    return this.changes$.asObservable();
  }

  /** Purging tombstones is a write: it queues like one and joins a transaction it is called in. */
  cleanup(minimumDeletedTime: number): Promise<boolean> {
    const purge = (): boolean => {
      const maxDeletionTime = now() - minimumDeletedTime;
      const run = this.internals.connection.db.transaction(() => {
        const ids = this.purgeTombstones.all(maxDeletionTime, CLEANUP_BATCH_SIZE);
        for (const id of ids) {
          this.attachments?.removeAllOf(id);
        }
        return ids.length;
      });
      // false tells RxDB to call again: more tombstones may be waiting.
      return run.immediate() < CLEANUP_BATCH_SIZE;
    };
    try {
      this.ensureUsable();
      const connection = this.internals.connection;
      const tx = transactionOf(connection);
      if (tx) {
        return Promise.resolve(
          tx.enqueueWrite(
            () => undefined,
            () => {
              tx.ensureOpen();
              return purge();
            },
          ),
        );
      }
      if (connection.pendingWrites === 0 && connection.pendingTransactions === 0) {
        return Promise.resolve(purge());
      }
      return enqueueWrite(connection, () => Promise.resolve(undefined), () => {
        this.ensureNotRemoved();
        return purge();
      });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    return this.run((side) => {
      if (!side.attachments) {
        throw new Error(`sqlite-storage: collection ${this.collectionName} has no attachments`);
      }
      return side.attachments.get(documentId, attachmentId, digest);
    });
  }

  async remove(): Promise<void> {
    this.ensureUsable();
    const connection = this.internals.connection;
    this.refuseInsideTransaction('remove');
    // In the write queue: queued writes land before the tables disappear
    // under them, and no storage transaction is open while they are dropped.
    await enqueueWrite(connection, () => Promise.resolve(undefined), () => {
      this.ensureUsable();
      dropTables(connection.db, this.internals);
      markTableRemoved(connection, this.tableState);
    });
    return this.close();
  }

  close(): Promise<void> {
    if (this.closePromise) {
      return this.closePromise;
    }
    try {
      this.refuseInsideTransaction('close');
    } catch (err) {
      return Promise.reject(err);
    }
    // Idempotent: RxDB may close from several places at once.
    this.closePromise ??= (async () => {
      // Also waits for an open storage transaction to end.
      await this.internals.connection.writeQueue;
      this.sharedSubscription.unsubscribe();
      this.changes$.complete();
      releaseTableState(this.internals.connection, this.tableState);
      releaseConnection(this.internals.connection);
    })();
    return this.closePromise;
  }

  /**
   * Closing or dropping waits for the write queue, which the transaction of
   * the calling context holds: that would wait forever.
   */
  private refuseInsideTransaction(operation: string): void {
    if (transactionOf(this.internals.connection)) {
      throw new Error(
        `sqlite-storage: cannot ${operation} ${this.databaseName}/${this.collectionName} inside a storage transaction`,
      );
    }
  }
}

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
import { DocumentWriter, type WriteOutcome } from './bulk-write';
import {
  acquireConnection,
  acquireTableState,
  enqueueWrite,
  markTableRemoved,
  releaseConnection,
  releaseTableState,
} from './connection-pool';
import { QueryRunner } from './query-runner';
import { dropTables, ensureTables, getKeyColumns, getTableNames, quoteIdentifier } from './table-layout';
import type {
  BetterSqliteChangeEventBulk,
  BetterSqliteCheckpoint,
  BetterSqliteInstanceCreationOptions,
  BetterSqliteInternals,
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
  private readonly queries: QueryRunner<RxDocType>;
  private readonly attachments: AttachmentStore | undefined;
  private readonly changesSince: Statement<[number, string, number], string>;
  private readonly purgeTombstones: Statement<[number, number], string>;
  private closePromise: Promise<void> | undefined;

  constructor(params: RxStorageInstanceCreationParams<RxDocType, BetterSqliteInstanceCreationOptions>, filePath: string) {
    this.databaseName = params.databaseName;
    this.collectionName = params.collectionName;
    this.schema = params.schema;
    this.options = params.options;
    this.primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey);

    const names = getTableNames(params.collectionName, params.schema.version);
    const keyColumns = getKeyColumns(params.schema, names.tableName);
    const withAttachments = !!params.schema.attachments;
    const connection = acquireConnection(filePath);
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
      this.queries = new QueryRunner(db, names.tableName, params.schema, keyColumns);
      // Row-value comparison lets SQLite seek straight into the (lwt, id) index.
      this.changesSince = db
        .prepare<[number, string, number], string>(
          `SELECT json FROM ${table} WHERE (_meta_lwt, id) > (?, ?) ORDER BY _meta_lwt, id LIMIT ?`,
        )
        .pluck();
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
      if (blobs.length === 0 && connection.pendingWrites === 0) {
        // Common case: write and emit synchronously, before this call returns.
        return Promise.resolve(this.commit(rows, context, NO_BLOBS));
      }
      // Blobs must be read asynchronously first; queue behind earlier writes
      // so that writes are still applied in the order they were issued.
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
   * Runs a synchronous operation. If writes are still queued (they wait for
   * attachment Blobs), the operation waits behind them, so every call sees
   * the effects of all bulkWrite calls issued before it.
   */
  private run<T>(operation: () => T): Promise<T> {
    try {
      this.ensureUsable();
      const connection = this.internals.connection;
      if (connection.pendingWrites === 0) {
        return Promise.resolve(operation());
      }
      return connection.writeQueue.then(() => {
        this.ensureNotRemoved();
        return operation();
      });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    return this.run(() => this.queries.findByIds(ids, withDeleted));
  }

  query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    return this.run(() => ({ documents: this.queries.query(preparedQuery) }));
  }

  count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    return this.run(() => this.queries.count(preparedQuery));
  }

  getChangedDocumentsSince(
    limit: number,
    checkpoint?: BetterSqliteCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: BetterSqliteCheckpoint }> {
    return this.run(() => {
      // lwt is always >= 1 (RX_META_LWT_MINIMUM), so (-1, '') precedes every row.
      const rows = this.changesSince.all(checkpoint ? checkpoint.lwt : -1, checkpoint ? checkpoint.id : '', limit);
      const documents = rows.map((json) => JSON.parse(json) as RxDocumentData<RxDocType>);
      const last = documents[documents.length - 1];
      // With no new documents the given checkpoint comes back unchanged, as RxDB requires.
      const next: BetterSqliteCheckpoint = last
        ? { id: this.queries.primaryOf(last), lwt: last._meta.lwt }
        : (checkpoint ?? { id: '', lwt: 0 });
      return { documents, checkpoint: next };
    });
  }

  changeStream(): Observable<BetterSqliteChangeEventBulk<RxDocType>> {
    this.ensureUsable();
    return this.changes$.asObservable();
  }

  cleanup(minimumDeletedTime: number): Promise<boolean> {
    return this.run(() => {
      const maxDeletionTime = now() - minimumDeletedTime;
      const purge = this.internals.connection.db.transaction(() => {
        const ids = this.purgeTombstones.all(maxDeletionTime, CLEANUP_BATCH_SIZE);
        for (const id of ids) {
          this.attachments?.removeAllOf(id);
        }
        return ids.length;
      });
      // false tells RxDB to call again: more tombstones may be waiting.
      return purge.immediate() < CLEANUP_BATCH_SIZE;
    });
  }

  getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    return this.run(() => {
      if (!this.attachments) {
        throw new Error(`sqlite-storage: collection ${this.collectionName} has no attachments`);
      }
      return this.attachments.get(documentId, attachmentId, digest);
    });
  }

  async remove(): Promise<void> {
    this.ensureUsable();
    const connection = this.internals.connection;
    // Let queued writes land before the tables disappear under them.
    await connection.writeQueue;
    this.ensureUsable();
    dropTables(connection.db, this.internals);
    markTableRemoved(connection, this.tableState);
    return this.close();
  }

  close(): Promise<void> {
    // Idempotent: RxDB may close from several places at once.
    this.closePromise ??= (async () => {
      await this.internals.connection.writeQueue;
      this.sharedSubscription.unsubscribe();
      this.changes$.complete();
      releaseTableState(this.internals.connection, this.tableState);
      releaseConnection(this.internals.connection);
    })();
    return this.closePromise;
  }
}

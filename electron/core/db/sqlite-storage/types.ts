import type { Database } from 'better-sqlite3';
import type { Subject } from 'rxjs';
import type {
  EventBulk,
  RxDocumentData,
  RxStorageChangeEvent,
  RxStorageDefaultCheckpoint,
} from 'rxdb/plugins/core';

export type BetterSqliteStorageSettings = {
  /** Folder that holds one `<databaseName>.sqlite` file per RxDB database. */
  directory: string;
  /**
   * How long an operation from outside a storage transaction waits for that
   * transaction before it fails with SQLITE_BUSY (default 10 s, the same
   * busy timeout SQLite applies to another process holding the write lock).
   * The first storage that opens a file decides it for that file.
   */
  busyTimeoutMs?: number;
};

/**
 * Per-instance options passed through `instanceCreationOptions`.
 * There are none yet; the type exists so RxDB's generics stay precise.
 */
export type BetterSqliteInstanceCreationOptions = Record<string, never>;

export type BetterSqliteCheckpoint = RxStorageDefaultCheckpoint;

export type BetterSqliteChangeEventBulk<RxDocType> = EventBulk<
  RxStorageChangeEvent<RxDocumentData<RxDocType>>,
  BetterSqliteCheckpoint
>;

/**
 * State shared by every storage instance that points at the same table of
 * the same file in this process (e.g. two RxDatabase objects opened on one
 * file). Sharing the change subject lets each of them see the other's writes,
 * the same way RxDB's memory storage shares its state.
 */
export type SharedTableState = {
  readonly tableName: string;
  readonly changes$: Subject<BetterSqliteChangeEventBulk<unknown>>;
  refCount: number;
  removed: boolean;
};

/**
 * What the connection pool needs to know about an open storage transaction
 * (the class lives in transaction-context.ts).
 */
export type OpenTransaction = {
  /** Settles when the transaction has committed or rolled back. */
  readonly finished: Promise<void>;
};

/** One open better-sqlite3 handle, reference counted across instances. */
export type SharedConnection = {
  readonly filePath: string;
  readonly db: Database;
  refCount: number;
  readonly tables: Map<string, SharedTableState>;
  /**
   * Tail of the serialized write queue: queued writes and storage
   * transactions. Writes that must await something (reading attachment
   * Blobs, a transaction in progress) are chained here so that bulkWrite
   * calls are still applied in call order.
   */
  writeQueue: Promise<void>;
  /** Outside writes queued and not yet applied. */
  pendingWrites: number;
  /** Settles once every outside write queued so far has been applied (or failed). */
  lastWrite: Promise<void>;
  /** Storage transactions queued or open; while > 0 no write may take the synchronous fast path. */
  pendingTransactions: number;
  /** The storage transaction holding BEGIN…COMMIT on `db` right now, if any. */
  transaction: OpenTransaction | undefined;
  /**
   * A second, read-only handle on the same file, opened on first use. During
   * a transaction, reads from outside it run here and see the last committed
   * state (WAL snapshot), because `db` would show them uncommitted rows.
   */
  snapshotDb: Database | undefined;
  readonly busyTimeoutMs: number;
};

/** What `storageInstance.internals` exposes, e.g. for cross-collection transactions. */
export type BetterSqliteInternals = {
  readonly connection: SharedConnection;
  readonly tableName: string;
  readonly attachmentsTableName: string;
};

/** Row layout of the documents table as read back by our statements. */
export type DocumentRow = {
  id: string;
  json: string;
};

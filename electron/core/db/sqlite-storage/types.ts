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

/** One open better-sqlite3 handle, reference counted across instances. */
export type SharedConnection = {
  readonly filePath: string;
  readonly db: Database;
  refCount: number;
  readonly tables: Map<string, SharedTableState>;
  /**
   * Tail of the serialized write queue. Writes that must await something
   * (reading attachment Blobs) are chained here so that bulkWrite calls are
   * still applied in call order.
   */
  writeQueue: Promise<void>;
  pendingWrites: number;
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

/**
 * Our own RxDB storage on better-sqlite3 (see storage.ts for the overview).
 * Runs in plain Node; nothing here may import `electron`.
 */
export { getRxStorageBetterSqlite, RX_STORAGE_NAME_BETTER_SQLITE, type RxStorageBetterSqlite } from './storage';
export { RxStorageInstanceBetterSqlite } from './storage-instance';
export { encodeIndexKey, decodeIndexKey, compareByCodePoint, createKeyEncoder } from './index-keys';
export {
  backupDatabase,
  getDatabaseFilePath,
  isSharedConnection,
  openConnectionCount,
  StorageBusyError,
  waitForTransactionEnd,
} from './connection-pool';
export {
  AfterCommitError,
  currentStorageTransaction,
  runStorageTransaction,
  StorageTransactionAbortedError,
  transactionOf,
  type RolledBackCollection,
  type StorageTransaction,
  type StorageTransactionHooks,
  type TransactionWrite,
} from './transaction-context';
export type {
  BetterSqliteCheckpoint,
  BetterSqliteInstanceCreationOptions,
  BetterSqliteInternals,
  BetterSqliteStorageSettings,
  SharedConnection,
} from './types';

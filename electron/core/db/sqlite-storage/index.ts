/**
 * Our own RxDB storage on better-sqlite3 (see storage.ts for the overview).
 * Runs in plain Node; nothing here may import `electron`.
 */
export { getRxStorageBetterSqlite, RX_STORAGE_NAME_BETTER_SQLITE, type RxStorageBetterSqlite } from './storage';
export { RxStorageInstanceBetterSqlite } from './storage-instance';
export { encodeIndexKey, decodeIndexKey, compareByCodePoint } from './index-keys';
export { getDatabaseFilePath, openConnectionCount } from './connection-pool';
export type {
  BetterSqliteCheckpoint,
  BetterSqliteInstanceCreationOptions,
  BetterSqliteInternals,
  BetterSqliteStorageSettings,
  SharedConnection,
} from './types';

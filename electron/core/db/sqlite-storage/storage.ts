import {
  ensureRxStorageInstanceParamsAreCorrect,
  RXDB_VERSION,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb/plugins/core';
import { getDatabaseFilePath } from './connection-pool';
import { RxStorageInstanceBetterSqlite } from './storage-instance';
import type {
  BetterSqliteInstanceCreationOptions,
  BetterSqliteInternals,
  BetterSqliteStorageSettings,
} from './types';

export const RX_STORAGE_NAME_BETTER_SQLITE = 'govpay-better-sqlite';

export type RxStorageBetterSqlite = RxStorage<BetterSqliteInternals, BetterSqliteInstanceCreationOptions> & {
  readonly settings: Readonly<BetterSqliteStorageSettings>;
};

/**
 * RxStorage on better-sqlite3: one SQLite file per RxDatabase
 * (`<directory>/<databaseName>.sqlite`), one table per collection and schema
 * version, real SQLite indexes for every RxDB index.
 */
export function getRxStorageBetterSqlite(settings: BetterSqliteStorageSettings): RxStorageBetterSqlite {
  const frozen: BetterSqliteStorageSettings = Object.freeze({ ...settings });
  return {
    name: RX_STORAGE_NAME_BETTER_SQLITE,
    rxdbVersion: RXDB_VERSION,
    settings: frozen,
    createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, BetterSqliteInstanceCreationOptions>,
    ): Promise<RxStorageInstanceBetterSqlite<RxDocType>> {
      try {
        // Rejects key-compression/encryption schemas that need a wrapper storage.
        ensureRxStorageInstanceParamsAreCorrect(params);
        const filePath = getDatabaseFilePath(frozen.directory, params.databaseName);
        return Promise.resolve(new RxStorageInstanceBetterSqlite<RxDocType>(params, filePath));
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
}

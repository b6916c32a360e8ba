import {
  ensureRxStorageInstanceParamsAreCorrect,
  RXDB_VERSION,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb/plugins/core';
import {
  acquireConnection,
  DEFAULT_BUSY_TIMEOUT_MS,
  enqueueWrite,
  getDatabaseFilePath,
  releaseConnection,
} from './connection-pool';
import { RxStorageInstanceBetterSqlite } from './storage-instance';
import { transactionOf } from './transaction-context';
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
 * version, real SQLite indexes for every RxDB index (compact, order-preserving
 * keys: index-keys.ts). All collections of a file share one connection
 * (connection-pool.ts), which lets several bulkWrite calls on several
 * collections form one SQLite transaction (transaction-context.ts; the
 * RxDB-level API is db/transaction.ts).
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
      } catch (err) {
        return Promise.reject(err);
      }
      const filePath = getDatabaseFilePath(frozen.directory, params.databaseName);
      const connection = acquireConnection(filePath, frozen.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
      if (transactionOf(connection)) {
        // The DDL would become part of the transaction and vanish with a rollback.
        releaseConnection(connection);
        return Promise.reject(
          new Error(`sqlite-storage: cannot create collection ${params.collectionName} inside a storage transaction`),
        );
      }
      if (connection.pendingWrites === 0 && connection.pendingTransactions === 0) {
        try {
          // The instance takes over the connection reference (and releases it if it fails).
          return Promise.resolve(new RxStorageInstanceBetterSqlite<RxDocType>(params, connection));
        } catch (err) {
          return Promise.reject(err);
        }
      }
      // Creating tables is a write: it must not run inside someone else's
      // open transaction on the shared connection.
      let constructed = false;
      return enqueueWrite(
        connection,
        () => Promise.resolve(undefined),
        () => {
          constructed = true;
          return new RxStorageInstanceBetterSqlite<RxDocType>(params, connection);
        },
      ).catch((err: unknown) => {
        // The constructor releases the reference itself when it fails; a
        // busy timeout fails before it ever ran.
        if (!constructed) {
          releaseConnection(connection);
        }
        throw err;
      });
    },
  };
}

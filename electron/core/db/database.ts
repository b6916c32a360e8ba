import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxCollectionCreator,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { sm3Hex } from '../../../shared/crypto';
import { AppError } from '../../../shared/errors';
import { migrationStrategiesFor, runPendingMigrations, type MigrationReport } from './migrations';
import {
  APPEND_ONLY_COLLECTIONS,
  COLLECTION_NAMES,
  COLLECTION_SCHEMAS,
  type CollectionDocs,
  type CollectionName,
} from './schemas';
import { getRxStorageBetterSqlite } from './sqlite-storage';

/** Every collection of the local database (schemas/collections.ts lists them). */
export type GovPayCollections = { [K in CollectionName]: RxCollection<CollectionDocs[K]> };

export type GovPayDatabase = RxDatabase<GovPayCollections>;

export interface OpenDatabaseOptions {
  /** folder that holds `govpay.sqlite` */
  directory: string;
  /** RxDB's dev-mode checks (tests turn them on) */
  devMode?: boolean;
  /** replaces the SQLite storage; only tests of the storage contract use this */
  storage?: RxStorage<unknown, unknown>;
  /** told about each schema migration that ran while opening (for the log) */
  onMigrated?: (report: MigrationReport) => void;
}

export const DATABASE_NAME = 'govpay';

let devModeAdded = false;

function addPlugins(devMode: boolean): void {
  // addRxPlugin ignores a plugin it already has, so repeated opens are fine.
  addRxPlugin(RxDBMigrationSchemaPlugin);
  if (devMode && !devModeAdded) {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    devModeAdded = true;
  }
}

/**
 * The RxDatabase without collections: RxDB on our better-sqlite3 storage, schemas validated with
 * ajv, revisions hashed with SM3 (chosen before the first release, as RxDB requires it never to
 * change). Exported so the migration test writes an old-version file with exactly these settings.
 */
export async function createGovPayRxDatabase<Collections>(
  options: Pick<OpenDatabaseOptions, 'directory' | 'devMode' | 'storage'>,
): Promise<RxDatabase<Collections>> {
  addPlugins(options.devMode ?? false);
  const baseStorage = options.storage ?? getRxStorageBetterSqlite({ directory: options.directory });
  return createRxDatabase<Collections>({
    name: DATABASE_NAME,
    storage: wrappedValidateAjvStorage({ storage: baseStorage }),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
    hashFunction: (input) => Promise.resolve(sm3Hex(typeof input === 'string' ? input : new Uint8Array(input as ArrayBuffer))),
  });
}

/**
 * `autoMigrate: false`: the migrations run in openDatabase, one collection at a time and with a
 * clear error naming the collection, instead of inside addCollections.
 */
function collectionCreators(): Record<CollectionName, RxCollectionCreator> {
  const creators: Partial<Record<CollectionName, RxCollectionCreator>> = {};
  for (const name of COLLECTION_NAMES) {
    const schema = COLLECTION_SCHEMAS[name];
    creators[name] = {
      schema,
      migrationStrategies: migrationStrategiesFor(name, schema.version),
      autoMigrate: false,
    };
  }
  return creators as Record<CollectionName, RxCollectionCreator>;
}

const APPEND_ONLY_LABELS: Record<string, string> = {
  auditevents: '审计日志',
  records: '审批意见、银行回单、记账凭证、附件和审批规则版本',
};

/**
 * R9 / DESIGN.md data rules: append-only records refuse every change and removal through the
 * document API, whatever a service tries. (Replication and migrations write below the document
 * API; the provincial server checks pushed documents itself.)
 */
function guardAppendOnly(db: GovPayDatabase): void {
  for (const name of APPEND_ONLY_COLLECTIONS) {
    const label = APPEND_ONLY_LABELS[name] ?? name;
    const refuse = (): never => {
      throw new AppError('FORBIDDEN', `${label}只能新增，不能修改或删除；更正须新增一条冲销记录`);
    };
    const collection: RxCollection = db.collections[name];
    collection.preSave(refuse, false);
    collection.preRemove(refuse, false);
  }
}

/**
 * The local database with every collection at its current schema. Databases written by an older
 * version are migrated here, before anyone can read or write them.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<GovPayDatabase> {
  const db = await createGovPayRxDatabase<GovPayCollections>(options);
  try {
    await db.addCollections(collectionCreators());
    guardAppendOnly(db);
    const collections = COLLECTION_NAMES.map((name) => [name, db.collections[name] as RxCollection] as const);
    for (const report of await runPendingMigrations(collections)) options.onMigrated?.(report);
  } catch (error) {
    // A half-opened database would keep the SQLite file locked for the next attempt.
    await db.close();
    throw error;
  }
  return db;
}

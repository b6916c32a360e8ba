import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { sm3Hex } from '../../../shared/crypto';
import {
  auditEventSchemaV0,
  sessionSchemaV0,
  settingSchemaV0,
  unitSchemaV0,
  userSchemaV0,
  type AuditEventDoc,
  type SessionDoc,
  type SettingDoc,
  type UnitDoc,
  type UserDoc,
} from './schemas';
import { getRxStorageBetterSqlite } from './sqlite-storage';

export interface GovPayCollections {
  units: RxCollection<UnitDoc>;
  users: RxCollection<UserDoc>;
  sessions: RxCollection<SessionDoc>;
  auditevents: RxCollection<AuditEventDoc>;
  settings: RxCollection<SettingDoc>;
}

export type GovPayDatabase = RxDatabase<GovPayCollections>;

export interface OpenDatabaseOptions {
  /** folder that holds `govpay.sqlite` */
  directory: string;
  /** RxDB's dev-mode checks (tests turn them on) */
  devMode?: boolean;
  /** replaces the SQLite storage; only tests of the storage contract use this */
  storage?: RxStorage<unknown, unknown>;
}

export const DATABASE_NAME = 'govpay';

let devModeAdded = false;

/**
 * The local database: RxDB on our better-sqlite3 storage, schemas validated with ajv, revisions
 * hashed with SM3 (chosen before the first release, as RxDB requires it never to change).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<GovPayDatabase> {
  if (options.devMode && !devModeAdded) {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    devModeAdded = true;
  }
  const baseStorage = options.storage ?? getRxStorageBetterSqlite({ directory: options.directory });
  const db = await createRxDatabase<GovPayCollections>({
    name: DATABASE_NAME,
    storage: wrappedValidateAjvStorage({ storage: baseStorage }),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
    hashFunction: (input) => Promise.resolve(sm3Hex(typeof input === 'string' ? input : new Uint8Array(input as ArrayBuffer))),
  });
  await db.addCollections({
    units: { schema: unitSchemaV0 },
    users: { schema: userSchemaV0 },
    sessions: { schema: sessionSchemaV0 },
    auditevents: { schema: auditEventSchemaV0 },
    settings: { schema: settingSchemaV0 },
  });
  return db;
}

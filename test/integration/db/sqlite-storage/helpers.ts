import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  fillWithDefaultSettings,
  now,
  prepareQuery,
  randomToken,
  normalizeMangoQuery,
  type MangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import {
  getRxStorageBetterSqlite,
  type RxStorageBetterSqlite,
  type RxStorageInstanceBetterSqlite,
} from '../../../../electron/core/db/sqlite-storage/index';

/** Fresh temp directory per test file; removed in afterAll. */
export function createTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'govpay-sqlite-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const REV_1 = '1-aaaaaaaaaa';
export const REV_2 = '2-bbbbbbbbbb';
export const REV_3 = '3-cccccccccc';
export const REV_4 = '4-dddddddddd';

export type Person = {
  id: string;
  name: string;
  age: number;
  city: string;
  address: { street: string; zip: string };
  tags?: string[];
};

export function personSchema(
  extra: { attachments?: boolean; version?: number } = {},
): RxJsonSchema<RxDocumentData<Person>> {
  return fillWithDefaultSettings<Person>({
    version: extra.version ?? 0,
    type: 'object',
    primaryKey: 'id',
    properties: {
      id: { type: 'string', maxLength: 40 },
      name: { type: 'string', maxLength: 40 },
      age: { type: 'integer', minimum: 0, maximum: 150, multipleOf: 1 },
      city: { type: 'string', maxLength: 40 },
      address: {
        type: 'object',
        properties: {
          street: { type: 'string', maxLength: 60 },
          zip: { type: 'string', maxLength: 10 },
        },
        required: ['street', 'zip'],
      },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['id', 'name', 'age', 'city', 'address'],
    indexes: ['name', 'age', ['city', 'age'], 'address.zip'],
    ...(extra.attachments ? { attachments: {} } : {}),
  });
}

let lwtCounter = 0;
/** Strictly increasing last-write times, like RxDB's now(). */
export function nextLwt(): number {
  lwtCounter++;
  return Math.max(now(), 1_700_000_000_000) + lwtCounter;
}

export function person(
  overrides: Partial<RxDocumentData<Person>> & Pick<Person, 'id'>,
): RxDocumentData<Person> {
  return {
    name: 'name-' + overrides.id,
    age: 30,
    city: 'Beijing',
    address: { street: 'Main 1', zip: '100000' },
    _deleted: false,
    _attachments: {},
    _rev: REV_1,
    _meta: { lwt: nextLwt() },
    ...overrides,
  };
}

/** Same data, next revision, new lwt: what RxDB would write on an update. */
export function nextVersion(
  doc: RxDocumentData<Person>,
  rev: string,
  changes: Partial<RxDocumentData<Person>> = {},
): RxDocumentData<Person> {
  return { ...doc, ...changes, _rev: rev, _meta: { lwt: nextLwt() } };
}

export type Harness = {
  storage: RxStorageBetterSqlite;
  open: <T = Person>(options?: {
    databaseName?: string;
    collectionName?: string;
    schema?: RxJsonSchema<RxDocumentData<T>>;
  }) => Promise<RxStorageInstanceBetterSqlite<T>>;
};

export function harness(dir: string): Harness {
  const storage = getRxStorageBetterSqlite({ directory: dir });
  return {
    storage,
    open: async <T = Person>(options: {
      databaseName?: string;
      collectionName?: string;
      schema?: RxJsonSchema<RxDocumentData<T>>;
    } = {}) => {
      const schema = options.schema ?? (personSchema() as unknown as RxJsonSchema<RxDocumentData<T>>);
      return (await storage.createStorageInstance<T>({
        databaseInstanceToken: randomToken(10),
        databaseName: options.databaseName ?? 'db' + randomToken(8).toLowerCase(),
        collectionName: options.collectionName ?? 'col' + randomToken(8).toLowerCase(),
        schema,
        options: {},
        multiInstance: false,
        devMode: true,
      })) as RxStorageInstanceBetterSqlite<T>;
    },
  };
}

/** A mango query at storage level, where the meta fields (`_deleted`, `_meta.lwt`) are queryable too. */
export type StorageQuery<T> = MangoQuery<RxDocumentData<T>>;

/** Normalizes and plans a mango query exactly like RxQuery does before calling the storage. */
export function prepared<T>(schema: RxJsonSchema<RxDocumentData<T>>, query: StorageQuery<T>): PreparedQuery<T> {
  return prepareQuery<T>(schema, normalizeMangoQuery<T>(schema, query as MangoQuery<T>));
}

import { afterAll, describe, expect, it } from 'vitest';
import { getSortComparator, normalizeMangoQuery, type MangoQuery, type RxDocumentData } from 'rxdb/plugins/core';
import { runStorageTransaction } from '../../../../electron/core/db/sqlite-storage';
import { createTempDir, harness, person, personSchema, prepared, type Person, type StorageQuery } from './helpers';

/**
 * A big first import drops the key indexes and builds them again after the
 * inserts (table-layout.ts, KeyIndexRebuild). Whatever happens, the indexes
 * must be there afterwards and answer like before.
 */
const tmp = createTempDir();
const h = harness(tmp.dir);
afterAll(() => tmp.cleanup());

const schema = personSchema();
const CITIES = ['Beijing', '北京', '𠀀城', 'Zhengzhou', 'a b', ''];

function docs(count: number, prefix: string): RxDocumentData<Person>[] {
  return Array.from({ length: count }, (_, i) =>
    person({
      id: prefix + String(i).padStart(6, '0'),
      name: 'n' + String((i * 7919) % count),
      age: (i * 31) % 150,
      city: CITIES[i % CITIES.length] ?? '',
    }),
  );
}

describe('key index rebuild on big imports', () => {
  it('leaves every key index in place and correct after a big insert into an empty table', async () => {
    const instance = await h.open();
    const db = instance.internals.connection.db;
    const indexesBefore = db.prepare<[string], string>('SELECT name FROM pragma_index_list(?) ORDER BY name').pluck().all(instance.internals.tableName);
    const all = docs(12_000, 'big');
    expect((await instance.bulkWrite(all.map((document) => ({ document })), 'import')).error).toEqual([]);
    const indexesAfter = db.prepare<[string], string>('SELECT name FROM pragma_index_list(?) ORDER BY name').pluck().all(instance.internals.tableName);
    expect(indexesAfter).toEqual(indexesBefore);
    expect(db.prepare<[], string>('PRAGMA integrity_check').pluck().get()).toBe('ok');

    const query: StorageQuery<Person> = {
      selector: { _deleted: { $eq: false }, city: { $gte: 'Z' }, age: { $lt: 40 } },
      sort: [{ city: 'asc' }, { age: 'asc' }, { id: 'asc' }],
    };
    expect(prepared(schema, query).queryPlan.index).toEqual(['_deleted', 'city', 'age', 'id']);
    const filled = normalizeMangoQuery<Person>(schema, query as MangoQuery<Person>);
    const want = all
      .filter((d) => d.city >= 'Z' && d.age < 40)
      .sort(getSortComparator(schema, filled))
      .map((d) => d.id);
    expect((await instance.query(prepared(schema, query))).documents.map((d) => d.id)).toEqual(want);

    // A later, smaller write goes through the indexes row by row.
    expect((await instance.bulkWrite(docs(100, 'more').map((document) => ({ document })), 'later')).error).toEqual([]);
    expect((await instance.count(prepared(schema, { selector: { _deleted: { $eq: false } } }))).count).toBe(12_100);
    await instance.remove();
  });

  it('brings the dropped indexes back when the transaction rolls back', async () => {
    const instance = await h.open();
    const db = instance.internals.connection.db;
    const table = instance.internals.tableName;
    const indexesBefore = db.prepare<[string], string>('SELECT name FROM pragma_index_list(?) ORDER BY name').pluck().all(table);
    await expect(
      runStorageTransaction(instance.internals.connection, async () => {
        await instance.bulkWrite(docs(11_000, 'tx').map((document) => ({ document })), 'import');
        throw new Error('abort the import');
      }),
    ).rejects.toThrow('abort the import');
    expect(db.prepare<[string], string>('SELECT name FROM pragma_index_list(?) ORDER BY name').pluck().all(table)).toEqual(indexesBefore);
    expect((await instance.count(prepared(schema, { selector: {} }))).count).toBe(0);
    await instance.remove();
  });
});

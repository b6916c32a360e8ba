import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  fillWithDefaultSettings,
  getQueryMatcher,
  getSortComparator,
  normalizeMangoQuery,
  type MangoQuery,
  type MangoQuerySortPart,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import type { RxStorageInstanceBetterSqlite } from '../../../../electron/core/db/sqlite-storage/index';
import { buildRangeSql } from '../../../../electron/core/db/sqlite-storage/query-to-sql';
import { createTempDir, harness, nextVersion, person, personSchema, prepared, REV_2, type Person, type StorageQuery } from './helpers';

const tmp = createTempDir();
const h = harness(tmp.dir);
const schema = personSchema();
const CITIES = ['Beijing', 'Shanghai', 'Shenzhen', 'Chengdu'];
let instance: RxStorageInstanceBetterSqlite<Person>;
let allDocs: RxDocumentData<Person>[];

beforeAll(async () => {
  instance = await h.open({ schema });
  allDocs = Array.from({ length: 200 }, (_, i) =>
    person({
      id: 'p' + String(i).padStart(3, '0'),
      name: (i % 7 === 0 ? 'Zhang ' : 'Li ') + String(i % 50),
      age: (i * 37) % 100,
      city: CITIES[i % CITIES.length] ?? 'Beijing',
      address: { street: 'Road ' + String(i), zip: String(100000 + (i % 13)) },
    }),
  );
  await instance.bulkWrite(
    allDocs.map((document) => ({ document })),
    'seed',
  );
  // A few tombstones: the storage must return them, filtering is RxDB's job.
  const victims = allDocs.slice(0, 5);
  const deleted = victims.map((doc) => nextVersion(doc, REV_2, { _deleted: true }));
  await instance.bulkWrite(
    victims.map((previous, i) => ({ previous, document: deleted[i] ?? previous })),
    'delete',
  );
  allDocs = allDocs.map((doc) => deleted.find((d) => d.id === doc.id) ?? doc);
});
afterAll(async () => {
  await instance.remove();
  tmp.cleanup();
});

/** Reference result: RxDB's own matcher + comparator over all documents, then skip/limit. */
function expected(query: StorageQuery<Person>): RxDocumentData<Person>[] {
  const filled = normalizeMangoQuery<Person>(schema, query as MangoQuery<Person>);
  const matcher = getQueryMatcher(schema, filled);
  const sorted = allDocs.filter((d) => matcher(d)).sort(getSortComparator(schema, filled));
  const skip = filled.skip;
  return sorted.slice(skip, filled.limit === undefined ? undefined : skip + filled.limit);
}

async function check(query: StorageQuery<Person>): Promise<RxDocumentData<Person>[]> {
  const result = await instance.query(prepared(schema, query));
  const want = expected(query);
  expect(result.documents.map((d) => d.id)).toEqual(want.map((d) => d.id));
  expect(result.documents).toEqual(want);
  return result.documents;
}

describe('query', () => {
  it('returns every document (including deleted) sorted by primary key', async () => {
    const docs = await check({ selector: {}, sort: [{ id: 'asc' }] });
    expect(docs).toHaveLength(200);
    expect(docs.filter((d) => d._deleted)).toHaveLength(5);
  });

  it('runs an index range fully in SQL: selector and sort satisfied, skip/limit pushed down', async () => {
    const query: StorageQuery<Person> = {
      selector: { _deleted: { $eq: false }, age: { $gte: 20, $lte: 60 } },
      sort: [{ age: 'asc' }, { id: 'asc' }],
      skip: 3,
      limit: 10,
    };
    const plan = prepared(schema, query).queryPlan;
    expect(plan.index).toEqual(['_deleted', 'age', 'id']);
    expect(plan.selectorSatisfiedByIndex).toBe(true);
    expect(plan.sortSatisfiedByIndex).toBe(true);
    expect(await check(query)).toHaveLength(10);
  });

  it('sorts descending (not satisfied by the index) in JS', async () => {
    await check({ selector: {}, sort: [{ age: 'desc' }, { id: 'asc' }] });
    await check({ selector: {}, sort: [{ name: 'desc' }, { id: 'desc' }], skip: 7, limit: 11 });
  });

  it('sorts by a field that is not indexed', async () => {
    await check({ selector: { age: { $gt: 50 } }, sort: [{ 'address.street': 'asc' }, { id: 'asc' }] });
  });

  it('supports $gt/$lt exclusive ranges and $gte/$lte inclusive ranges', async () => {
    await check({ selector: { age: { $gt: 10, $lt: 40 } }, sort: [{ age: 'asc' }, { id: 'asc' }] });
    await check({ selector: { age: { $gte: 10, $lte: 40 } }, sort: [{ age: 'asc' }, { id: 'asc' }] });
    await check({ selector: { age: { $gt: 98 } }, sort: [{ age: 'asc' }, { id: 'asc' }] });
    await check({ selector: { age: { $lt: 0 } }, sort: [{ age: 'asc' }, { id: 'asc' }] });
    await check({ selector: { name: { $gt: 'Li 3', $lt: 'Zhang' } }, sort: [{ name: 'asc' }, { id: 'asc' }] });
  });

  it('supports $in, also on compound indexes', async () => {
    await check({ selector: { city: { $in: ['Shenzhen', 'Beijing'] } }, sort: [{ id: 'asc' }] });
    await check({
      selector: { city: { $in: ['Chengdu', 'Beijing'] }, age: { $in: [0, 11, 48, 85] } },
      sort: [{ city: 'asc' }, { age: 'asc' }, { id: 'asc' }],
    });
  });

  it('supports $regex and other non-index operators', async () => {
    await check({ selector: { name: { $regex: '^Zhang' } }, sort: [{ id: 'asc' }] });
    await check({ selector: { name: { $regex: '4$' }, age: { $ne: 48 } }, sort: [{ age: 'asc' }, { id: 'asc' }] });
    await check({
      selector: { $or: [{ city: 'Chengdu' }, { age: { $lt: 5 } }] },
      sort: [{ id: 'asc' }],
      limit: 15,
    });
    await check({ selector: { tags: { $exists: false } }, sort: [{ id: 'asc' }], limit: 3 });
  });

  it('queries nested fields through their index', async () => {
    // RxQuery always adds `_deleted: false`; with it the planner picks the nested-field index.
    const query: StorageQuery<Person> = {
      selector: { _deleted: { $eq: false }, 'address.zip': { $eq: '100003' } },
      sort: [{ id: 'asc' }],
    };
    expect(prepared(schema, query).queryPlan.index).toEqual(['_deleted', 'address.zip', 'id']);
    const docs = await check(query);
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.address.zip === '100003')).toBe(true);
  });

  it('stops early when only the sort is satisfied (limit with a non-index filter)', async () => {
    await check({ selector: { name: { $regex: 'Li' } }, sort: [{ id: 'asc' }], limit: 4, skip: 2 });
  });

  it('honours limit 0 and a skip beyond the end', async () => {
    expect((await instance.query(prepared(schema, { selector: {}, sort: [{ id: 'asc' }], limit: 0 }))).documents).toEqual([]);
    await check({ selector: {}, sort: [{ id: 'asc' }], skip: 500 });
  });

  it('returns the same deterministic order as getSortComparator for every index', async () => {
    const sorts: MangoQuerySortPart<RxDocumentData<Person>>[][] = [
      [{ name: 'asc' }, { id: 'asc' }],
      [{ city: 'asc' }, { age: 'asc' }, { id: 'asc' }],
      [{ age: 'asc' }, { id: 'asc' }],
      [{ 'address.zip': 'asc' }, { id: 'asc' }],
    ];
    for (const sort of sorts) {
      await check({ selector: {}, sort });
    }
  });

  it('uses an index hint that is not a schema index via the JS fallback', async () => {
    await check({ selector: { age: { $gt: 30 } }, sort: [{ city: 'asc' }, { id: 'asc' }], index: ['city'] });
  });

  it('scans only the key range: SQLite reports an index search, not a table scan', () => {
    const db = instance.internals.connection.db;
    const column = db
      .prepare<[string], string>(`SELECT name FROM pragma_table_info(?) WHERE name LIKE 'k:_deleted,age,id#%'`)
      .pluck()
      .get(instance.internals.tableName);
    expect(column).toBeDefined();
    for (const kind of ['scan', 'page', 'count'] as const) {
      const sql = buildRangeSql(
        instance.internals.tableName,
        '"' + String(column) + '"',
        { inclusiveStart: true, inclusiveEnd: false },
        kind,
      );
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(Buffer.alloc(2), Buffer.alloc(2), ...(kind === 'page' ? [10, 0] : []))
        .map((row) => (row as { detail: string }).detail)
        .join('\n');
      expect(plan).toMatch(/SEARCH .* USING (COVERING )?INDEX/);
      expect(plan).not.toMatch(/USE TEMP B-TREE/);
    }
  });
});

describe('rows touched by a query', () => {
  async function parsesDuring(query: StorageQuery<Person>): Promise<{ parsed: number; returned: number }> {
    const spy = vi.spyOn(JSON, 'parse');
    try {
      const result = await instance.query(prepared(schema, query));
      return { parsed: spy.mock.calls.length, returned: result.documents.length };
    } finally {
      spy.mockRestore();
    }
  }

  it('parses only the returned page when SQLite applies skip/limit', async () => {
    const touched = await parsesDuring({
      selector: { _deleted: { $eq: false }, age: { $gte: 0 } },
      sort: [{ age: 'asc' }, { id: 'asc' }],
      skip: 20,
      limit: 5,
    });
    expect(touched).toEqual({ parsed: 5, returned: 5 });
  });

  it('parses only the rows inside the key range when JS must filter', async () => {
    const query: StorageQuery<Person> = {
      selector: { _deleted: { $eq: false }, age: { $gte: 90 }, name: { $regex: '^Li' } },
      sort: [{ age: 'asc' }, { id: 'asc' }],
    };
    const inRange = allDocs.filter((d) => !d._deleted && d.age >= 90).length;
    const touched = await parsesDuring(query);
    expect(touched.parsed).toBe(inRange);
    expect(inRange).toBeLessThan(30);
    expect(touched.returned).toBe(expected(query).length);
  });
});

describe('count', () => {
  it('counts fast when the index satisfies the selector', async () => {
    const query: StorageQuery<Person> = {
      selector: { _deleted: { $eq: false }, age: { $gte: 20, $lt: 60 } },
      sort: [{ age: 'asc' }, { id: 'asc' }],
    };
    expect(prepared(schema, query).queryPlan.selectorSatisfiedByIndex).toBe(true);
    const result = await instance.count(prepared(schema, query));
    expect(result).toEqual({ count: expected(query).length, mode: 'fast' });
  });

  it('counts slow (parse + match) otherwise, with the same number as query()', async () => {
    const query: StorageQuery<Person> = { selector: { name: { $regex: 'Zhang' } }, sort: [{ id: 'asc' }] };
    const result = await instance.count(prepared(schema, query));
    expect(result).toEqual({ count: expected(query).length, mode: 'slow' });
  });

  it('counts deleted documents too, and respects skip/limit', async () => {
    expect((await instance.count(prepared(schema, { selector: {}, sort: [{ id: 'asc' }] }))).count).toBe(200);
    expect((await instance.count(prepared(schema, { selector: {}, sort: [{ id: 'asc' }], limit: 3 }))).count).toBe(3);
    expect((await instance.count(prepared(schema, { selector: {}, sort: [{ id: 'asc' }], skip: 198 }))).count).toBe(2);
  });
});

describe('query on a schema with number decimals and booleans', () => {
  type Row = { id: string; amount: number; paid: boolean };
  const rowSchema: RxJsonSchema<RxDocumentData<Row>> = fillWithDefaultSettings<Row>({
    version: 0,
    type: 'object',
    primaryKey: 'id',
    properties: {
      id: { type: 'string', maxLength: 20 },
      amount: { type: 'number', minimum: -1_000_000, maximum: 1_000_000, multipleOf: 0.01 },
      paid: { type: 'boolean' },
    },
    required: ['id', 'amount', 'paid'],
    indexes: [['paid', 'amount'], 'amount'],
  });

  it('orders negative and fractional amounts like JS numbers', async () => {
    const rows = await h.open<Row>({ schema: rowSchema });
    const amounts = [-500.5, -0.01, 0, 0.01, 12.34, 999_999.99, -1_000_000, 42];
    await rows.bulkWrite(
      amounts.map((amount, i) => ({
        document: {
          id: 'r' + String(i),
          amount,
          paid: i % 2 === 0,
          _deleted: false,
          _attachments: {},
          _rev: '1-a',
          _meta: { lwt: 1_700_000_000_000 + i },
        },
      })),
      'seed',
    );
    const sorted = await rows.query(prepared(rowSchema, { selector: {}, sort: [{ amount: 'asc' }, { id: 'asc' }] }));
    expect(sorted.documents.map((d) => d.amount)).toEqual([...amounts].sort((a, b) => a - b));
    const range = await rows.query(
      prepared(rowSchema, { selector: { amount: { $gt: -0.01, $lte: 12.34 } }, sort: [{ amount: 'asc' }, { id: 'asc' }] }),
    );
    expect(range.documents.map((d) => d.amount)).toEqual([0, 0.01, 12.34]);
    const paid = await rows.query(
      prepared(rowSchema, { selector: { paid: true, amount: { $lt: 100 } }, sort: [{ amount: 'asc' }, { id: 'asc' }] }),
    );
    expect(paid.documents.map((d) => d.amount)).toEqual([-1_000_000, -500.5, 0, 12.34]);
    await rows.remove();
  });
});

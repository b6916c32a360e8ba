import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getQueryMatcher,
  getSortComparator,
  normalizeMangoQuery,
  type MangoQuery,
  type RxDocumentData,
} from 'rxdb/plugins/core';
import type { RxStorageInstanceBetterSqlite } from '../../../../electron/core/db/sqlite-storage/index';
import { createTempDir, harness, person, personSchema, prepared, type Person, type StorageQuery } from './helpers';

/**
 * Names of people and companies in government payment data contain rare CJK
 * ideographs outside the BMP (e.g. 𠀀 U+20000, 𪚥, 𰻞). They are stored as
 * surrogate pairs in JS, which sort below U+E000..U+FFFF in JS but above them
 * in UTF-8. These tests pin the storage to the JS order RxDB relies on.
 */
const tmp = createTempDir();
const h = harness(tmp.dir);
const schema = personSchema();
const NAMES = ['一', '𠀀', '𠀀乙', '！', 'ｱ', '\uE000', '张𪚥', '张三', '张', 'Zhang', '𰻞𰻞面', '\uFFFF', '😀', 'a'];
let instance: RxStorageInstanceBetterSqlite<Person>;
let docs: RxDocumentData<Person>[];

beforeAll(async () => {
  instance = await h.open({ schema });
  docs = NAMES.map((name, i) => person({ id: name + '-' + String(i), name, age: i }));
  expect((await instance.bulkWrite(docs.map((document) => ({ document })), 'seed')).error).toEqual([]);
});
afterAll(async () => {
  await instance.remove();
  tmp.cleanup();
});

function reference(query: StorageQuery<Person>): string[] {
  const filled = normalizeMangoQuery<Person>(schema, query as MangoQuery<Person>);
  const matcher = getQueryMatcher(schema, filled);
  return docs
    .filter((d) => matcher(d))
    .sort(getSortComparator(schema, filled))
    .map((d) => d.name);
}

async function names(query: StorageQuery<Person>): Promise<string[]> {
  return (await instance.query(prepared(schema, query))).documents.map((d) => d.name);
}

describe('non-BMP characters in indexed strings', () => {
  it('orders an indexed string field exactly like JS (surrogates before U+E000..U+FFFF)', async () => {
    const query: StorageQuery<Person> = { selector: { _deleted: { $eq: false } }, sort: [{ name: 'asc' }, { id: 'asc' }] };
    const plan = prepared(schema, query).queryPlan;
    expect(plan.index).toEqual(['_deleted', 'name', 'id']);
    expect(plan.sortSatisfiedByIndex).toBe(true);
    const got = await names(query);
    expect(got).toEqual(reference(query));
    expect(got.indexOf('𠀀')).toBeLessThan(got.indexOf('！'));
    expect(got.indexOf('𠀀')).toBeLessThan(got.indexOf('\uE000'));
  });

  it('finds surrogate-pair names inside open-ended and closed ranges', async () => {
    const base = { _deleted: { $eq: false } } as const;
    const cases: StorageQuery<Person>[] = [
      // TEXT keys would lose 𠀀 here: its UTF-8 bytes exceed the U+FFFF-padded upper bound.
      { selector: { ...base, name: { $gte: '一' } }, sort: [{ name: 'asc' }, { id: 'asc' }] },
      { selector: { ...base, name: { $gt: '张', $lt: '！' } }, sort: [{ name: 'asc' }, { id: 'asc' }] },
      { selector: { ...base, name: { $lt: '\uE000' } }, sort: [{ name: 'asc' }, { id: 'asc' }] },
      { selector: { ...base, name: { $eq: '𠀀' } }, sort: [{ name: 'asc' }, { id: 'asc' }] },
      { selector: { ...base, name: { $gte: '𠀀', $lte: '𰻞𰻞面' } }, sort: [{ name: 'asc' }, { id: 'asc' }] },
      { selector: { ...base, name: { $in: ['𠀀乙', '张𪚥', 'a'] } }, sort: [{ name: 'asc' }, { id: 'asc' }] },
      { selector: { ...base, name: { $regex: '^𠀀' } }, sort: [{ name: 'desc' }, { id: 'asc' }] },
    ];
    for (const query of cases) {
      if (!JSON.stringify(query.selector).includes('$regex')) {
        expect(prepared(schema, query).queryPlan.index).toEqual(['_deleted', 'name', 'id']);
      }
      expect(await names(query)).toEqual(reference(query));
    }
    expect(await names(cases[0] as StorageQuery<Person>)).toContain('𠀀');
    expect(await names(cases[3] as StorageQuery<Person>)).toEqual(['𠀀']);
  });

  it('orders non-BMP primary keys like JS too', async () => {
    const query: StorageQuery<Person> = { selector: {}, sort: [{ id: 'asc' }] };
    expect(await names(query)).toEqual(reference(query));
  });

  it('agrees with JS for random strings from the troublesome ranges', async () => {
    const local = await h.open({ schema });
    // No ' ': RxDB pads index strings with spaces, so 'a' and 'a ' tie in every
    // RxDB storage (memory included) and fall back to the id order.
    const alphabet = fc.constantFrom('一', '𠀀', '！', 'ｱ', '\uE000', '张', 'a', 'Z', '😀', '\uFFFD', '\u4E00\u0301');
    const randomNames = fc.sample(fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((p) => p.join('')), {
      numRuns: 300,
      seed: 42,
    });
    const localDocs = randomNames.map((name, i) => person({ id: 'n' + String(i).padStart(3, '0'), name }));
    await local.bulkWrite(localDocs.map((document) => ({ document })), 'seed');
    const bound = '𠀀';
    const query: StorageQuery<Person> = {
      selector: { _deleted: { $eq: false }, name: { $gte: bound } },
      sort: [{ name: 'asc' }, { id: 'asc' }],
      limit: 100,
    };
    const filled = normalizeMangoQuery<Person>(schema, query as MangoQuery<Person>);
    const want = localDocs
      .filter((d) => d.name >= bound)
      .sort(getSortComparator(schema, filled))
      .slice(0, 100)
      .map((d) => d.id);
    const got = (await local.query(prepared(schema, query))).documents.map((d) => d.id);
    expect(got).toEqual(want);
    expect((await local.count(prepared(schema, { ...query, limit: undefined }))).count).toBe(
      localDocs.filter((d) => d.name >= bound).length,
    );
    await local.remove();
  });
});

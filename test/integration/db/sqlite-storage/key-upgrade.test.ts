import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getSortComparator, normalizeMangoQuery, type MangoQuery, type RxDocumentData } from 'rxdb/plugins/core';
import { encodeIndexKey } from '../../../../electron/core/db/sqlite-storage/index-keys';
import { getKeyColumns, quoteIdentifier } from '../../../../electron/core/db/sqlite-storage/table-layout';
import { createTempDir, harness, person, personSchema, prepared, type Person, type StorageQuery } from './helpers';

/**
 * Files written before the compact key encoding hold UTF-16BE keys in key
 * columns with other names. Opening them must rebuild every key column in the
 * current encoding, or range scans would compare new-style bounds with
 * old-style keys.
 */
const tmp = createTempDir();
const h = harness(tmp.dir);
afterAll(() => tmp.cleanup());

const schema = personSchema();
const NAMES = ['张三', '𠀀', 'a', 'a b', 'Zhang', '！', '\uE000', 'ab'];

describe('key encoding upgrade', () => {
  it('rebuilds key columns written with the former UTF-16BE encoding', async () => {
    const databaseName = 'upgrade';
    const first = await h.open({ databaseName, collectionName: 'people', schema });
    const docs: RxDocumentData<Person>[] = NAMES.map((name, i) => person({ id: 'p' + String(i), name, age: 20 + i }));
    await first.bulkWrite(docs.map((document) => ({ document })), 'seed');
    const table = first.internals.tableName;
    await first.close();

    // Turn the file into what the previous version wrote.
    const columns = getKeyColumns(schema, table);
    const raw = new Database(path.join(tmp.dir, databaseName + '.sqlite'));
    // Same naming scheme as before: `k:<fields>#<hash>`, indexed by `ix_<table>_<hash>`.
    const oldHashes = columns.map((_, i) => 'old000000' + String(i));
    const oldNames = columns.map((c, i) => c.rawColumn.slice(0, c.rawColumn.indexOf('#')) + '#' + (oldHashes[i] ?? ''));
    for (const [i, column] of columns.entries()) {
      raw.exec(`DROP INDEX ${column.sqlIndexName}`);
      raw.exec(`ALTER TABLE ${quoteIdentifier(table)} RENAME COLUMN ${column.sqlColumn} TO ${quoteIdentifier(oldNames[i] ?? '')}`);
      raw.exec(`CREATE INDEX ${quoteIdentifier('ix_' + table + '_' + (oldHashes[i] ?? ''))} ON ${quoteIdentifier(table)} (${quoteIdentifier(oldNames[i] ?? '')})`);
      const update = raw.prepare(`UPDATE ${quoteIdentifier(table)} SET ${quoteIdentifier(oldNames[i] ?? '')} = ? WHERE id = ?`);
      for (const doc of docs) {
        update.run(Buffer.from(column.toIndexString(doc), 'utf16le').swap16(), doc.id);
      }
    }
    raw.close();

    const reopened = await h.open({ databaseName, collectionName: 'people', schema });
    const db = reopened.internals.connection.db;
    const names = db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table);
    expect(names.filter((n) => n.startsWith('k:')).sort()).toEqual(columns.map((c) => c.rawColumn).sort());
    const indexes = db.prepare<[string], string>('SELECT name FROM pragma_index_list(?)').pluck().all(table);
    expect(indexes.some((n) => n.includes('old'))).toBe(false);
    // Every key is in the current encoding…
    for (const column of columns) {
      const stored = db.prepare<[], { id: string; key: Buffer }>(`SELECT id, ${column.sqlColumn} AS key FROM ${quoteIdentifier(table)}`).all();
      for (const row of stored) {
        const doc = docs.find((d) => d.id === row.id);
        expect(doc).toBeDefined();
        if (doc) expect(row.key.equals(encodeIndexKey(column.toIndexString(doc)))).toBe(true);
      }
    }
    // …so range scans work again.
    const query: StorageQuery<Person> = {
      selector: { _deleted: { $eq: false }, name: { $gte: 'a' } },
      sort: [{ name: 'asc' }, { id: 'asc' }],
    };
    const filled = normalizeMangoQuery<Person>(schema, query as MangoQuery<Person>);
    const want = docs.filter((d) => d.name >= 'a').sort(getSortComparator(schema, filled)).map((d) => d.name);
    expect((await reopened.query(prepared(schema, query))).documents.map((d) => d.name)).toEqual(want);
    await reopened.remove();
  });
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getPseudoSchemaForVersion, randomToken } from 'rxdb/plugins/core';
import { openConnectionCount } from '../../../../electron/core/db/sqlite-storage/index';
import { createTempDir, harness, nextVersion, person, personSchema, prepared, REV_2, type Person } from './helpers';

const tmp = createTempDir();
const h = harness(tmp.dir);
afterAll(() => tmp.cleanup());

function dbName(): string {
  return 'db' + randomToken(8).toLowerCase();
}

describe('files and connections', () => {
  it('creates <directory>/<databaseName>.sqlite in WAL mode with synchronous=FULL', async () => {
    const databaseName = dbName();
    const instance = await h.open({ databaseName });
    expect(existsSync(path.join(tmp.dir, databaseName + '.sqlite'))).toBe(true);
    const db = instance.internals.connection.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(instance.internals.tableName).toBe(`col_${instance.collectionName}_v0`);
    await instance.close();
  });

  it('shares one connection among all collections of a database and closes it with the last one', async () => {
    const before = openConnectionCount();
    const databaseName = dbName();
    const instances = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.open({ databaseName, collectionName: 'c' + String(i) })),
    );
    expect(openConnectionCount()).toBe(before + 1);
    const connection = instances[0]?.internals.connection;
    expect(instances.every((i) => i.internals.connection === connection)).toBe(true);
    expect(connection?.refCount).toBe(20);
    await Promise.all(instances.slice(1).map((i) => i.close()));
    expect(connection?.db.open).toBe(true);
    await instances[0]?.close();
    expect(connection?.db.open).toBe(false);
    expect(openConnectionCount()).toBe(before);
  });

  it('keeps schema versions and database names apart', async () => {
    const databaseName = dbName();
    const v0 = await h.open({ databaseName, collectionName: 'people', schema: personSchema({ version: 0 }) });
    const v1 = await h.open({ databaseName, collectionName: 'people', schema: personSchema({ version: 1 }) });
    const other = await h.open({ databaseName: dbName(), collectionName: 'people' });
    await v0.bulkWrite([{ document: person({ id: 'zero' }) }], 'test');
    await v1.bulkWrite([{ document: person({ id: 'one' }) }], 'test');
    const all = prepared(v0.schema, { selector: {}, sort: [{ id: 'asc' }] });
    expect((await v0.query(all)).documents.map((d) => d.id)).toEqual(['zero']);
    expect((await v1.query(all)).documents.map((d) => d.id)).toEqual(['one']);
    expect((await other.query(all)).documents).toEqual([]);
    await Promise.all([v0.remove(), v1.remove(), other.remove()]);
  });

  it('accepts collection names that need quoting', async () => {
    const schema = getPseudoSchemaForVersion<{ key: string; value: string }>(0, 'key');
    const instance = await h.open({ collectionName: 'rx-migration$sta"te', schema });
    await instance.bulkWrite(
      [{ document: { key: 'k', value: 'v', _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: 1 } } }],
      'test',
    );
    expect(await instance.findDocumentsById(['k'], false)).toHaveLength(1);
    await instance.remove();
  });
});

describe('close and remove', () => {
  it('close() is idempotent and later calls throw', async () => {
    const instance = await h.open();
    await Promise.all([instance.close(), instance.close()]);
    await instance.close();
    await expect(instance.findDocumentsById(['x'], false)).rejects.toThrow(/closed/);
    await expect(instance.bulkWrite([{ document: person({ id: 'x' }) }], 'test')).rejects.toThrow(/closed/);
    await expect(instance.query(prepared(instance.schema, { selector: {}, sort: [{ id: 'asc' }] }))).rejects.toThrow(
      /closed/,
    );
    await expect(instance.count(prepared(instance.schema, { selector: {}, sort: [{ id: 'asc' }] }))).rejects.toThrow();
    await expect(instance.getChangedDocumentsSince(1)).rejects.toThrow(/closed/);
    await expect(instance.cleanup(0)).rejects.toThrow(/closed/);
    expect(() => instance.changeStream()).toThrow(/closed/);
    await expect(instance.remove()).rejects.toThrow(/closed/);
  });

  it('completes the change stream on close', async () => {
    const instance = await h.open();
    let completed = false;
    instance.changeStream().subscribe({ complete: () => (completed = true) });
    await instance.close();
    expect(completed).toBe(true);
  });

  it('remove() drops the tables; close() afterwards is fine; a new instance starts empty', async () => {
    const databaseName = dbName();
    const collectionName = 'gone';
    const instance = await h.open({ databaseName, collectionName, schema: personSchema({ attachments: true }) });
    await instance.bulkWrite([{ document: person({ id: 'a' }) }], 'test');
    const db = instance.internals.connection.db;
    const keeper = await h.open({ databaseName, collectionName: 'other' });
    await instance.remove();
    await instance.close();
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%gone%'`)
      .pluck()
      .all();
    expect(tables).toEqual([]);
    const again = await h.open({ databaseName, collectionName });
    expect(await again.findDocumentsById(['a'], true)).toEqual([]);
    await again.remove();
    await keeper.remove();
  });

  it('waits for queued writes before closing', async () => {
    const databaseName = dbName();
    const instance = await h.open({ databaseName, schema: personSchema({ attachments: true }) });
    const big = new Blob(['y'.repeat(500_000)]);
    const write = instance.bulkWrite(
      [
        {
          document: {
            ...person({ id: 'late' }),
            _attachments: { f: { data: big, length: big.size, type: 'text/plain', digest: 'd1' } },
          },
        },
      ],
      'test',
    );
    const closed = instance.close();
    expect((await write).error).toEqual([]);
    await closed;
    const reopened = await h.open({ databaseName, collectionName: instance.collectionName, schema: instance.schema });
    expect(await reopened.findDocumentsById(['late'], false)).toHaveLength(1);
    await reopened.remove();
  });
});

describe('reopening and two instances on one file', () => {
  it('reopening a closed file yields the same data, indexes included', async () => {
    const databaseName = dbName();
    const collectionName = 'persist';
    const first = await h.open({ databaseName, collectionName });
    const docs = Array.from({ length: 50 }, (_, i) => person({ id: 'r' + String(i).padStart(2, '0'), age: i }));
    await first.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    await first.close();
    expect(openConnectionCount()).toBe(0);

    const second = await h.open({ databaseName, collectionName });
    expect(await second.findDocumentsById(['r07'], false)).toEqual([docs[7]]);
    const byAge = await second.query(
      prepared(second.schema, {
        selector: { _deleted: { $eq: false }, age: { $gte: 45 } },
        sort: [{ age: 'asc' }, { id: 'asc' }],
      }),
    );
    expect(byAge.documents).toEqual(docs.slice(45));
    expect((await second.getChangedDocumentsSince(100)).documents).toHaveLength(50);
    await second.remove();
  });

  it('two instances opened one after the other on the same file both work', async () => {
    const databaseName = dbName();
    const collectionName = 'seq';
    const a = await h.open({ databaseName, collectionName });
    await a.bulkWrite([{ document: person({ id: 'from-a' }) }], 'test');
    await a.close();
    const b = await h.open({ databaseName, collectionName });
    await b.bulkWrite([{ document: person({ id: 'from-b' }) }], 'test');
    expect((await b.findDocumentsById(['from-a', 'from-b'], false)).map((d) => d.id).sort()).toEqual([
      'from-a',
      'from-b',
    ]);
    await b.remove();
  });

  it('two concurrent instances on the same table see each other’s data, events and conflicts', async () => {
    const databaseName = dbName();
    const collectionName = 'both';
    const [a, b] = await Promise.all([h.open({ databaseName, collectionName }), h.open({ databaseName, collectionName })]);
    const seenByB: string[] = [];
    const sub = b.changeStream().subscribe((bulk) => seenByB.push(...bulk.events.map((e) => e.documentId)));

    const doc = person({ id: 'shared' });
    await a.bulkWrite([{ document: doc }], 'test');
    expect(seenByB).toEqual(['shared']);
    expect(await b.findDocumentsById(['shared'], false)).toEqual([doc]);

    // B updates from the state A wrote; A's stale update then conflicts.
    const fromB = nextVersion(doc, REV_2, { name: 'by b' });
    expect((await b.bulkWrite([{ previous: doc, document: fromB }], 'test')).error).toEqual([]);
    const stale = await a.bulkWrite([{ previous: doc, document: nextVersion(doc, REV_2, { name: 'by a' }) }], 'test');
    expect(stale.error[0]?.status).toBe(409);

    // Closing one leaves the other fully working.
    await a.close();
    expect((await b.findDocumentsById(['shared'], false))[0]?.name).toBe('by b');
    sub.unsubscribe();
    await b.remove();
  });

  it('an instance whose table was removed by another instance refuses further calls', async () => {
    const databaseName = dbName();
    const collectionName = 'rm';
    const a = await h.open({ databaseName, collectionName });
    const b = await h.open<Person>({ databaseName, collectionName });
    await a.remove();
    await expect(b.findDocumentsById(['x'], false)).rejects.toThrow(/removed/);
    await b.close();
  });
});

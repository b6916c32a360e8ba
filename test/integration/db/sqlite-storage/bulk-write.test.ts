import { afterAll, describe, expect, it } from 'vitest';
import type { RxStorageWriteErrorConflict } from 'rxdb/plugins/core';
import {
  createTempDir,
  harness,
  nextVersion,
  person,
  REV_2,
  REV_3,
  REV_4,
  type Person,
} from './helpers';

const tmp = createTempDir();
const h = harness(tmp.dir);
afterAll(() => tmp.cleanup());

function conflictOf(error: unknown): RxStorageWriteErrorConflict<Person> {
  const err = error as RxStorageWriteErrorConflict<Person>;
  expect(err.status).toBe(409);
  return err;
}

describe('bulkWrite', () => {
  it('inserts documents and reads them back unchanged', async () => {
    const instance = await h.open();
    const doc = person({ id: 'a', tags: ['x', 'y'] });
    const res = await instance.bulkWrite([{ document: doc }], 'test');
    expect(res.error).toEqual([]);
    expect(await instance.findDocumentsById(['a'], false)).toEqual([doc]);
    await instance.remove();
  });

  it('updates with the right revision', async () => {
    const instance = await h.open();
    const v1 = person({ id: 'a' });
    await instance.bulkWrite([{ document: v1 }], 'test');
    const v2 = nextVersion(v1, REV_2, { name: 'updated', age: 31 });
    const res = await instance.bulkWrite([{ previous: v1, document: v2 }], 'test');
    expect(res.error).toEqual([]);
    const [found] = await instance.findDocumentsById(['a'], false);
    expect(found).toEqual(v2);
    await instance.remove();
  });

  it('returns 409 with documentInDb on a wrong previous revision and writes nothing', async () => {
    const instance = await h.open();
    const v1 = person({ id: 'a' });
    await instance.bulkWrite([{ document: v1 }], 'test');
    const v2 = nextVersion(v1, REV_2, { name: 'v2' });
    await instance.bulkWrite([{ previous: v1, document: v2 }], 'test');

    // Writer still believes v1 is current.
    const stale = nextVersion(v1, REV_3, { name: 'stale' });
    const res = await instance.bulkWrite([{ previous: v1, document: stale }], 'ctx-409');
    expect(res.error).toHaveLength(1);
    const err = conflictOf(res.error[0]);
    expect(err.documentId).toBe('a');
    expect(err.isError).toBe(true);
    expect(err.context).toBe('ctx-409');
    expect(err.writeRow.document).toBe(stale);
    expect(err.documentInDb).toEqual(v2);
    // Storage columns must never leak into the document.
    expect(Object.keys(err.documentInDb).sort()).toEqual(Object.keys(v2).sort());
    expect((await instance.findDocumentsById(['a'], false))[0]?.name).toBe('v2');
    await instance.remove();
  });

  it('returns 409 when inserting an existing id without previous', async () => {
    const instance = await h.open();
    const doc = person({ id: 'a' });
    await instance.bulkWrite([{ document: doc }], 'test');
    const res = await instance.bulkWrite([{ document: { ...doc, name: 'again' } }], 'test');
    expect(conflictOf(res.error[0]).documentInDb).toEqual(doc);
    await instance.remove();
  });

  it('lets some rows succeed while others conflict in one call', async () => {
    const instance = await h.open();
    const a = person({ id: 'a' });
    await instance.bulkWrite([{ document: a }], 'test');
    const res = await instance.bulkWrite(
      [{ document: person({ id: 'b' }) }, { document: { ...a, name: 'dup' } }, { document: person({ id: 'c' }) }],
      'test',
    );
    expect(res.error.map((e) => e.documentId)).toEqual(['a']);
    expect((await instance.findDocumentsById(['a', 'b', 'c'], false)).map((d) => d.id).sort()).toEqual([
      'a',
      'b',
      'c',
    ]);
    await instance.remove();
  });

  it('stores tombstone inserts (already deleted documents, e.g. from replication)', async () => {
    const instance = await h.open();
    const tomb = person({ id: 't', _deleted: true });
    const res = await instance.bulkWrite([{ document: tomb }], 'test');
    expect(res.error).toEqual([]);
    expect(await instance.findDocumentsById(['t'], false)).toEqual([]);
    expect(await instance.findDocumentsById(['t'], true)).toEqual([tomb]);
    await instance.remove();
  });

  it('refuses an un-delete without previous (409) but accepts it with previous', async () => {
    const instance = await h.open();
    const v1 = person({ id: 'u' });
    await instance.bulkWrite([{ document: v1 }], 'test');
    const deleted = nextVersion(v1, REV_2, { _deleted: true });
    expect((await instance.bulkWrite([{ previous: v1, document: deleted }], 'test')).error).toEqual([]);

    const revived = nextVersion(deleted, REV_3, { _deleted: false, name: 'back' });
    const conflict = await instance.bulkWrite([{ document: revived }], 'test');
    const err = conflictOf(conflict.error[0]);
    expect(err.documentInDb._deleted).toBe(true);

    const ok = await instance.bulkWrite([{ previous: deleted, document: revived }], 'test');
    expect(ok.error).toEqual([]);
    expect((await instance.findDocumentsById(['u'], false))[0]?.name).toBe('back');
    await instance.remove();
  });

  it('can update a document that stays deleted', async () => {
    const instance = await h.open();
    const v1 = person({ id: 'd' });
    await instance.bulkWrite([{ document: v1 }], 'test');
    const v2 = nextVersion(v1, REV_2, { _deleted: true });
    await instance.bulkWrite([{ previous: v1, document: v2 }], 'test');
    const v3 = nextVersion(v2, REV_3, { name: 'changed while deleted' });
    expect((await instance.bulkWrite([{ previous: v2, document: v3 }], 'test')).error).toEqual([]);
    expect((await instance.findDocumentsById(['d'], true))[0]).toEqual(v3);
    await instance.remove();
  });

  it('can unset an optional property', async () => {
    const instance = await h.open();
    const v1 = person({ id: 'p', tags: ['a'] });
    await instance.bulkWrite([{ document: v1 }], 'test');
    const { tags: _removed, ...withoutTags } = nextVersion(v1, REV_2);
    await instance.bulkWrite([{ previous: v1, document: withoutTags }], 'test');
    const [found] = await instance.findDocumentsById(['p'], false);
    expect(found).toEqual(withoutTags);
    expect(found && 'tags' in found).toBe(false);
    await instance.remove();
  });

  it('jumps several revision heights in one write', async () => {
    const instance = await h.open();
    const v1 = person({ id: 'j' });
    await instance.bulkWrite([{ document: v1 }], 'test');
    const v4 = nextVersion(v1, REV_4);
    expect((await instance.bulkWrite([{ previous: v1, document: v4 }], 'test')).error).toEqual([]);
    expect((await instance.findDocumentsById(['j'], false))[0]?._rev).toBe(REV_4);
    await instance.remove();
  });

  describe('the same document twice', () => {
    it('in one bulkWrite: the second insert is a conflict against the first', async () => {
      const instance = await h.open();
      const first = person({ id: 'same', name: 'first' });
      const second = person({ id: 'same', name: 'second' });
      const events: string[] = [];
      const sub = instance.changeStream().subscribe((bulk) => events.push(...bulk.events.map((e) => e.operation)));
      const res = await instance.bulkWrite([{ document: first }, { document: second }], 'test');
      expect(res.error).toHaveLength(1);
      const err = conflictOf(res.error[0]);
      expect(err.writeRow.document).toBe(second);
      expect(err.documentInDb).toEqual(first);
      expect(await instance.findDocumentsById(['same'], false)).toEqual([first]);
      expect(events).toEqual(['INSERT']);
      sub.unsubscribe();
      await instance.remove();
    });

    it('in one bulkWrite: a chain of updates applies in order', async () => {
      const instance = await h.open();
      const v1 = person({ id: 'chain' });
      await instance.bulkWrite([{ document: v1 }], 'test');
      const v2 = nextVersion(v1, REV_2, { age: 2 });
      const v3 = nextVersion(v2, REV_3, { age: 3 });
      const stale = nextVersion(v1, REV_3, { age: 99 });
      const res = await instance.bulkWrite(
        [{ previous: v1, document: v2 }, { previous: v2, document: v3 }, { previous: v1, document: stale }],
        'test',
      );
      expect(res.error).toHaveLength(1);
      expect(conflictOf(res.error[0]).documentInDb).toEqual(v3);
      expect((await instance.findDocumentsById(['chain'], false))[0]).toEqual(v3);
      await instance.remove();
    });

    it('concurrently: the first call wins, the second gets 409', async () => {
      const instance = await h.open();
      const base = person({ id: 'race' });
      const [first, second] = await Promise.all([
        instance.bulkWrite([{ document: { ...base, name: 'first' } }], 'test'),
        instance.bulkWrite([{ document: { ...base, name: 'second' } }], 'test'),
      ]);
      expect(first.error).toEqual([]);
      const err = conflictOf(second.error[0]);
      expect(err.writeRow.document.name).toBe('second');
      expect(err.documentInDb.name).toBe('first');
      await instance.remove();
    });

    it('concurrently updating from the same previous: exactly one wins', async () => {
      const instance = await h.open();
      const v1 = person({ id: 'upd' });
      await instance.bulkWrite([{ document: v1 }], 'test');
      const results = await Promise.all(
        [1, 2, 3].map((n) =>
          instance.bulkWrite([{ previous: v1, document: nextVersion(v1, REV_2, { age: n }) }], 'test'),
        ),
      );
      expect(results.filter((r) => r.error.length === 0)).toHaveLength(1);
      expect((await instance.findDocumentsById(['upd'], false))[0]?.age).toBe(1);
      await instance.remove();
    });
  });

  it('writes and reads 10k documents in one call', async () => {
    const instance = await h.open();
    const docs = Array.from({ length: 10_000 }, (_, i) => person({ id: 'doc' + String(i).padStart(5, '0') }));
    const res = await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'many',
    );
    expect(res.error).toEqual([]);
    const found = await instance.findDocumentsById(
      docs.map((d) => d.id),
      false,
    );
    expect(found).toHaveLength(10_000);
    await instance.remove();
  });

  it('keeps non-ASCII text intact', async () => {
    const instance = await h.open();
    const doc = person({ id: 'ümlaut-工程款-𠀀', name: '张三 äöüß 𠀀😀' });
    await instance.bulkWrite([{ document: doc }], 'test');
    expect(await instance.findDocumentsById([doc.id], false)).toEqual([doc]);
    // The conflict lookup must find such ids again.
    const dup = await instance.bulkWrite([{ document: doc }], 'test');
    expect(conflictOf(dup.error[0]).documentInDb).toEqual(doc);
    const v2 = nextVersion(doc, REV_2, { name: '李四 𠀁' });
    expect((await instance.bulkWrite([{ previous: doc, document: v2 }], 'test')).error).toEqual([]);
    expect(await instance.findDocumentsById([doc.id], false)).toEqual([v2]);
    await instance.remove();
  });

  it('rolls back the whole transaction and emits nothing if a row cannot be stored', async () => {
    const instance = await h.open();
    let emitted = 0;
    const sub = instance.changeStream().subscribe(() => emitted++);
    const good = person({ id: 'good' });
    // A non-string primary key makes the row impossible to store after `good` was inserted.
    const bad = { ...person({ id: 'x' }), id: 42 as unknown as string };
    await expect(instance.bulkWrite([{ document: good }, { document: bad }], 'test')).rejects.toThrow();
    expect(emitted).toBe(0);
    expect(await instance.findDocumentsById(['good'], true)).toEqual([]);
    sub.unsubscribe();
    await instance.remove();
  });

  it('does not mutate the input rows', async () => {
    const instance = await h.open();
    const v1 = person({ id: 'imm' });
    const snapshot = structuredClone(v1);
    await instance.bulkWrite([{ document: v1 }], 'test');
    expect(v1).toEqual(snapshot);
    await instance.remove();
  });
});

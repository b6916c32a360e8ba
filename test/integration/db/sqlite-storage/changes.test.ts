import { afterAll, describe, expect, it } from 'vitest';
import { getChangedDocumentsSince, stackCheckpoints, type RxDocumentData } from 'rxdb/plugins/core';
import type { BetterSqliteCheckpoint } from '../../../../electron/core/db/sqlite-storage/index';
import { createTempDir, harness, nextVersion, person, REV_2, REV_3, type Person } from './helpers';

const tmp = createTempDir();
const h = harness(tmp.dir);
afterAll(() => tmp.cleanup());

describe('findDocumentsById', () => {
  it('hides deleted documents unless withDeleted is true', async () => {
    const instance = await h.open();
    const live = person({ id: 'live' });
    const gone = person({ id: 'gone' });
    await instance.bulkWrite([{ document: live }, { document: gone }], 'test');
    const goneDeleted = nextVersion(gone, REV_2, { _deleted: true, name: 'kept in tombstone' });
    await instance.bulkWrite([{ previous: gone, document: goneDeleted }], 'test');

    expect((await instance.findDocumentsById(['live', 'gone', 'missing'], false)).map((d) => d.id)).toEqual([
      'live',
    ]);
    const withDeleted = await instance.findDocumentsById(['live', 'gone', 'missing'], true);
    expect(withDeleted.map((d) => d.id).sort()).toEqual(['gone', 'live']);
    // The tombstone keeps all its other fields.
    expect(withDeleted.find((d) => d.id === 'gone')).toEqual(goneDeleted);
    expect(await instance.findDocumentsById([], true)).toEqual([]);
    await instance.remove();
  });
});

describe('getChangedDocumentsSince', () => {
  it('returns nothing on an empty collection and echoes the given checkpoint', async () => {
    const instance = await h.open();
    expect(await instance.getChangedDocumentsSince(10)).toEqual({ documents: [], checkpoint: { id: '', lwt: 0 } });
    const cp = { id: 'x', lwt: 5 };
    expect((await instance.getChangedDocumentsSince(10, cp)).checkpoint).toEqual(cp);
    await instance.remove();
  });

  it('paginates in (lwt, id) order and returns the current state of each document once', async () => {
    const instance = await h.open();
    // Same lwt for a whole batch, like RxDB does, so the id tie-break matters.
    const lwt = 1_800_000_000_000;
    const docs = Array.from({ length: 12 }, (_, i) =>
      person({ id: 'c' + String(11 - i).padStart(2, '0'), _meta: { lwt: i < 6 ? lwt : lwt + 1 } }),
    );
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    // Update one document several times: it must move to the end, once.
    const target = docs[0];
    if (!target) {
      throw new Error('missing doc');
    }
    let current = target;
    for (const rev of [REV_2, REV_3]) {
      const next = { ...nextVersion(current, rev, { age: current.age + 1 }), _meta: { lwt: lwt + 10 } };
      await instance.bulkWrite([{ previous: current, document: next }], 'test');
      current = next;
    }

    const seen: RxDocumentData<Person>[] = [];
    let checkpoint: BetterSqliteCheckpoint | undefined;
    const pageSizes: number[] = [];
    for (;;) {
      const page = await instance.getChangedDocumentsSince(5, checkpoint);
      pageSizes.push(page.documents.length);
      if (page.documents.length === 0) {
        expect(page.checkpoint).toEqual(checkpoint);
        break;
      }
      seen.push(...page.documents);
      const last = page.documents[page.documents.length - 1];
      expect(page.checkpoint).toEqual({ id: last?.id, lwt: last?._meta.lwt });
      checkpoint = page.checkpoint;
    }
    expect(pageSizes).toEqual([5, 5, 2, 0]);
    expect(seen.map((d) => d.id)).toEqual([
      ...['c06', 'c07', 'c08', 'c09', 'c10'],
      ...['c00', 'c01', 'c02', 'c03', 'c04', 'c05'],
      'c11',
    ]);
    expect(seen[seen.length - 1]).toEqual(current);
    await instance.remove();
  });

  it('includes deletions and works through RxDB helper getChangedDocumentsSince()', async () => {
    const instance = await h.open();
    const doc = person({ id: 'del' });
    await instance.bulkWrite([{ document: doc }], 'test');
    const first = await getChangedDocumentsSince(instance, 10);
    expect(first.documents.map((d) => d.id)).toEqual(['del']);
    const deleted = nextVersion(doc, REV_2, { _deleted: true });
    await instance.bulkWrite([{ previous: doc, document: deleted }], 'test');
    const after = await getChangedDocumentsSince(instance, 10, first.checkpoint);
    expect(after.documents).toEqual([deleted]);
    await instance.remove();
  });
});

describe('changeStream', () => {
  it('emits one bulk per write, before bulkWrite resolves, with context and checkpoint', async () => {
    const instance = await h.open();
    const bulks: { context: string; checkpoint: BetterSqliteCheckpoint; ops: string[]; ids: string[] }[] = [];
    const sub = instance.changeStream().subscribe((bulk) =>
      bulks.push({
        context: bulk.context,
        checkpoint: bulk.checkpoint,
        ops: bulk.events.map((e) => e.operation),
        ids: bulk.events.map((e) => e.documentId),
      }),
    );
    const a = person({ id: 'a' });
    const b = person({ id: 'b' });
    const write = instance.bulkWrite([{ document: a }, { document: b }], 'ctx-insert');
    // Already committed and emitted synchronously inside bulkWrite().
    expect(bulks).toHaveLength(1);
    await write;
    expect(bulks[0]).toEqual({
      context: 'ctx-insert',
      checkpoint: { id: 'b', lwt: b._meta.lwt },
      ops: ['INSERT', 'INSERT'],
      ids: ['a', 'b'],
    });

    const a2 = nextVersion(a, REV_2, { name: 'a2' });
    await instance.bulkWrite([{ previous: a, document: a2 }], 'ctx-update');
    const a3 = nextVersion(a2, REV_3, { _deleted: true });
    await instance.bulkWrite([{ previous: a2, document: a3 }], 'ctx-delete');
    expect(bulks.map((x) => x.ops)).toEqual([['INSERT', 'INSERT'], ['UPDATE'], ['DELETE']]);
    expect(bulks[2]?.checkpoint).toEqual({ id: 'a', lwt: a3._meta.lwt });

    // Continuing from the stacked event checkpoints must find nothing newer.
    const stacked = stackCheckpoints(bulks.map((x) => x.checkpoint));
    expect((await instance.getChangedDocumentsSince(100, stacked)).documents).toEqual([]);
    sub.unsubscribe();
    await instance.remove();
  });

  it('carries previousDocumentData and the full document data', async () => {
    const instance = await h.open();
    const events: { op: string; doc: unknown; prev: unknown }[] = [];
    const sub = instance.changeStream().subscribe((bulk) =>
      bulk.events.forEach((e) => events.push({ op: e.operation, doc: e.documentData, prev: e.previousDocumentData })),
    );
    const v1 = person({ id: 'p' });
    await instance.bulkWrite([{ document: v1 }], 'test');
    const v2 = nextVersion(v1, REV_2, { age: 77 });
    await instance.bulkWrite([{ previous: v1, document: v2 }], 'test');
    expect(events[1]).toEqual({ op: 'UPDATE', doc: v2, prev: v1 });
    sub.unsubscribe();
    await instance.remove();
  });

  it('emits no bulk when every row failed, and a checkpoint covering the newest doc otherwise', async () => {
    const instance = await h.open();
    const counts: number[] = [];
    const checkpoints: BetterSqliteCheckpoint[] = [];
    const sub = instance.changeStream().subscribe((bulk) => {
      counts.push(bulk.events.length);
      checkpoints.push(bulk.checkpoint);
    });
    const doc = person({ id: 'x' });
    await instance.bulkWrite([{ document: doc }], 'test');
    const res = await instance.bulkWrite([{ document: doc }], 'test');
    expect(res.error).toHaveLength(1);
    expect(counts).toEqual([1]);

    // Rows out of lwt order: the checkpoint must still be the newest write.
    const newer = person({ id: 'y', _meta: { lwt: doc._meta.lwt + 1000 } });
    const older = person({ id: 'z', _meta: { lwt: doc._meta.lwt + 1 } });
    await instance.bulkWrite([{ document: newer }, { document: older }], 'test');
    expect(checkpoints[1]).toEqual({ id: 'y', lwt: newer._meta.lwt });
    sub.unsubscribe();
    await instance.remove();
  });
});

describe('cleanup', () => {
  it('purges tombstones older than minimumDeletedTime and keeps everything else', async () => {
    const instance = await h.open();
    const keep = person({ id: 'keep' });
    const old = person({ id: 'old' });
    await instance.bulkWrite([{ document: keep }, { document: old }], 'test');
    const oldDeleted = { ...nextVersion(old, REV_2, { _deleted: true }), _meta: { lwt: Date.now() - 60_000 } };
    await instance.bulkWrite([{ previous: old, document: oldDeleted }], 'test');
    const recent = person({ id: 'recent' });
    await instance.bulkWrite([{ document: recent }], 'test');
    const recentDeleted = { ...nextVersion(recent, REV_2, { _deleted: true }), _meta: { lwt: Date.now() } };
    await instance.bulkWrite([{ previous: recent, document: recentDeleted }], 'test');

    // Only tombstones deleted more than 30s ago may go.
    expect(await instance.cleanup(30_000)).toBe(true);
    expect((await instance.findDocumentsById(['keep', 'old', 'recent'], true)).map((d) => d.id).sort()).toEqual([
      'keep',
      'recent',
    ]);
    expect(await instance.cleanup(0)).toBe(true);
    expect((await instance.findDocumentsById(['keep', 'old', 'recent'], true)).map((d) => d.id)).toEqual(['keep']);
    await instance.remove();
  });

  it('works in batches and reports false while tombstones remain', async () => {
    const instance = await h.open();
    const lwt = Date.now() - 10_000;
    const docs = Array.from({ length: 5_100 }, (_, i) =>
      person({ id: 't' + String(i), _deleted: true, _meta: { lwt } }),
    );
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    expect(await instance.cleanup(0)).toBe(false);
    expect(await instance.cleanup(0)).toBe(true);
    expect(await instance.findDocumentsById(['t0', 't5099'], true)).toEqual([]);
    await instance.remove();
  });
});

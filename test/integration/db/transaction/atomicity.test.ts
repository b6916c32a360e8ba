import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterCommit, afterRollback, runInStorageTransaction } from '../../../../electron/core/db/transaction';
import { createTempDir } from '../sqlite-storage/helpers';
import { openTxDatabase, recordEvents, request, type TxDatabase } from './helpers';

/**
 * One storage transaction over two collections: they commit together, roll
 * back together, and RxDB's caches never show what was rolled back.
 */
const tmp = createTempDir();
let db: TxDatabase;

beforeEach(async () => {
  db = await openTxDatabase(tmp.dir);
});
afterEach(async () => {
  await db.close();
});
afterAll(() => tmp.cleanup());

/** A second, independent SQLite connection: what another process would see on disk. */
function committedRows(table: 'requests' | 'events'): string[] {
  const raw = new Database(path.join(tmp.dir, db.name + '.sqlite'), { readonly: true });
  try {
    return raw.prepare<[], string>(`SELECT id FROM col_${table}_v0 WHERE _deleted = 0 ORDER BY id`).pluck().all();
  } finally {
    raw.close();
  }
}

class Refused extends Error {}

describe('runInStorageTransaction', () => {
  it('commits writes to two collections together and emits their events after COMMIT, in order', async () => {
    const events = recordEvents(db);
    const result = await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('r1', 100));
      await db.events.insert({ id: 'e1', requestId: 'r1', seq: 1 });
      const r1 = await db.requests.findOne('r1').exec(true);
      await r1.incrementalPatch({ amount: 150 });
      await db.events.bulkInsert([{ id: 'e2', requestId: 'r1', seq: 2 }]);
      // Nothing is visible outside yet: neither on disk nor as an event.
      expect(committedRows('requests')).toEqual([]);
      expect(committedRows('events')).toEqual([]);
      expect(events.seen).toEqual([]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(committedRows('requests')).toEqual(['r1']);
    expect(committedRows('events')).toEqual(['e1', 'e2']);
    expect(events.seen).toEqual([
      'requests:INSERT:r1',
      'events:INSERT:e1',
      'requests:UPDATE:r1',
      'events:INSERT:e2',
    ]);
    expect((await db.requests.findOne('r1').exec(true)).amount).toBe(150);
    events.stop();
  });

  it('rolls both collections back on a throw, emits nothing and leaves no cached document behind', async () => {
    await db.requests.insert(request('r0', 1));
    const r0 = await db.requests.findOne('r0').exec(true);
    const liveResults: string[][] = [];
    const live = db.requests.find({ sort: [{ amount: 'asc' }] }).$.subscribe((docs) => {
      liveResults.push(docs.map((d) => `${d.id}=${d.amount}`));
    });
    const liveCount: number[] = [];
    const countSub = db.events.count().$.subscribe((n) => liveCount.push(n));
    await db.requests.find().exec();
    const events = recordEvents(db);
    const error = new Refused('budget exceeded');

    await expect(
      runInStorageTransaction(db, async () => {
        await db.requests.insert(request('r1', 5));
        await r0.incrementalPatch({ amount: 2 });
        await db.events.insert({ id: 'e1', requestId: 'r1', seq: 1 });
        // The work sees its own writes: through queries, by id and by count.
        expect((await db.requests.find({ sort: [{ amount: 'asc' }] }).exec()).map((d) => `${d.id}=${d.amount}`)).toEqual([
          'r0=2',
          'r1=5',
        ]);
        expect((await db.requests.findOne('r0').exec(true)).amount).toBe(2);
        expect(await db.requests.findOne('r1').exec()).not.toBeNull();
        expect(await db.events.count().exec()).toBe(1);
        throw error;
      }),
    ).rejects.toBe(error);

    expect(events.seen).toEqual([]);
    expect(committedRows('requests')).toEqual(['r0']);
    expect(committedRows('events')).toEqual([]);
    // Document cache: the rolled-back insert is gone, the patch is undone.
    expect(await db.requests.findOne('r1').exec()).toBeNull();
    expect((await db.requests.findOne('r0').exec(true)).amount).toBe(1);
    expect(r0.getLatest().amount).toBe(1);
    expect(await db.requests.findByIds(['r0', 'r1']).exec()).toHaveLength(1);
    // Query cache: results computed inside are not reused.
    expect((await db.requests.find({ sort: [{ amount: 'asc' }] }).exec()).map((d) => d.id)).toEqual(['r0']);
    expect(await db.events.count().exec()).toBe(0);
    // Live queries never showed the rolled-back state…
    expect(liveResults.flat().some((s) => s.startsWith('r1') || s === 'r0=2')).toBe(false);
    expect(liveCount.every((n) => n === 0)).toBe(true);
    // …and follow later committed writes correctly.
    await db.requests.insert(request('r2', 7));
    await db.events.insert({ id: 'e9', requestId: 'r2', seq: 9 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(liveResults.at(-1)).toEqual(['r0=1', 'r2=7']);
    expect(liveCount.at(-1)).toBe(1);
    expect(events.seen).toEqual(['requests:INSERT:r2', 'events:INSERT:e9']);
    live.unsubscribe();
    countSub.unsubscribe();
    events.stop();
  });

  it('does not apply committed events twice to a query evaluated inside the transaction', async () => {
    await db.requests.insert(request('r0', 1));
    const liveResults: string[][] = [];
    const live = db.requests.find({ sort: [{ amount: 'asc' }] }).$.subscribe((docs) => {
      liveResults.push(docs.map((d) => d.id));
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('r1', 5));
      // Evaluates (and caches) the query with r1 before its INSERT event exists.
      expect((await db.requests.find({ sort: [{ amount: 'asc' }] }).exec()).map((d) => d.id)).toEqual(['r0', 'r1']);
      expect(await db.requests.count().exec()).toBe(2);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(liveResults.at(-1)).toEqual(['r0', 'r1']);
    expect((await db.requests.find({ sort: [{ amount: 'asc' }] }).exec()).map((d) => d.id)).toEqual(['r0', 'r1']);
    expect(await db.requests.count().exec()).toBe(2);
    live.unsubscribe();
  });

  it('keeps a failed bulkWrite inside the transaction to itself (SAVEPOINT) and commits the rest', async () => {
    await db.requests.insert(request('r0', 1));
    await runInStorageTransaction(db, async () => {
      await db.events.insert({ id: 'e1', requestId: 'r0', seq: 1 });
      // A conflict is reported per document, the transaction goes on.
      const result = await db.requests.bulkInsert([request('r0', 9), request('r1', 2)]);
      expect(result.error.map((e) => e.status)).toEqual([409]);
    });
    expect(committedRows('requests')).toEqual(['r0', 'r1']);
    expect(committedRows('events')).toEqual(['e1']);
  });

  it('runs afterCommit callbacks after COMMIT and afterRollback callbacks after ROLLBACK only', async () => {
    const calls: string[] = [];
    await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('r1'));
      afterCommit(() => calls.push('commit:' + committedRows('requests').join(',')));
      afterRollback(() => calls.push('rollback-1'));
    });
    await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('r2'));
      afterCommit(() => calls.push('commit-2'));
      afterRollback(() => calls.push('rollback:' + committedRows('requests').join(',')));
      throw new Refused('no');
    }).catch(() => undefined);
    afterCommit(() => calls.push('outside'));
    expect(calls).toEqual(['commit:r1', 'rollback:r1', 'outside']);
  });

  it('joins nested calls: a failure anywhere rolls back everything, even if the outer work catches it', async () => {
    await expect(
      runInStorageTransaction(db, async () => {
        await db.requests.insert(request('r1'));
        await runInStorageTransaction(db, async () => {
          await db.events.insert({ id: 'e1', requestId: 'r1', seq: 1 });
        });
        throw new Refused('outer fails after the inner unit');
      }),
    ).rejects.toBeInstanceOf(Refused);
    expect(committedRows('requests')).toEqual([]);
    expect(committedRows('events')).toEqual([]);

    const events = recordEvents(db);
    await expect(
      runInStorageTransaction(db, async () => {
        await db.requests.insert(request('r2'));
        await runInStorageTransaction(db, async () => {
          await db.events.insert({ id: 'e2', requestId: 'r2', seq: 2 });
          throw new Refused('inner fails');
        }).catch(() => 'swallowed by the outer work');
        await db.events.insert({ id: 'e3', requestId: 'r2', seq: 3 });
      }),
    ).rejects.toMatchObject({ name: 'StorageTransactionAbortedError' });
    expect(committedRows('requests')).toEqual([]);
    expect(committedRows('events')).toEqual([]);
    expect(await db.requests.findOne('r2').exec()).toBeNull();
    expect(events.seen).toEqual([]);
    events.stop();

    await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('r3'));
      await runInStorageTransaction(db, () => db.events.insert({ id: 'e4', requestId: 'r3', seq: 4 }));
    });
    expect(committedRows('requests')).toEqual(['r3']);
    expect(committedRows('events')).toEqual(['e4']);
  });
});

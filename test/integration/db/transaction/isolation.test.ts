import { afterAll, describe, expect, it } from 'vitest';
import { WriteLock } from '../../../../electron/core/app/write-lock';
import { runAtomically } from '../../../../electron/core/app/unit-of-work';
import { StorageBusyError } from '../../../../electron/core/db/sqlite-storage';
import { isInStorageTransaction, runInStorageTransaction } from '../../../../electron/core/db/transaction';
import { createTempDir } from '../sqlite-storage/helpers';
import { deferred, fromOutside, isSettled, openTxDatabase, recordEvents, request, sleep } from './helpers';

/** What the rest of the process sees while a storage transaction is open. */
const tmp = createTempDir();
afterAll(() => tmp.cleanup());

describe('outside the transaction', () => {
  it('a write waits in the queue until the transaction has committed, then lands after it', async () => {
    const db = await openTxDatabase(tmp.dir);
    const events = recordEvents(db);
    const start = deferred();
    const outsideWrite = fromOutside(start.promise, () => db.requests.insert(request('outside', 1)));
    await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('inside', 2));
      start.resolve();
      await sleep(50);
      expect(await isSettled(outsideWrite)).toBe(false);
      // The work does not see the waiting write either.
      expect(await db.requests.findOne('outside').exec()).toBeNull();
      await db.events.insert({ id: 'e1', requestId: 'inside', seq: 1 });
    });
    await outsideWrite;
    expect((await db.requests.find({ sort: [{ id: 'asc' }] }).exec()).map((d) => d.id)).toEqual(['inside', 'outside']);
    expect(events.seen).toEqual(['requests:INSERT:inside', 'events:INSERT:e1', 'requests:INSERT:outside']);
    events.stop();
    await db.close();
  });

  it('a query waits for the end of the transaction and never sees uncommitted or rolled-back rows', async () => {
    const db = await openTxDatabase(tmp.dir);
    await db.requests.insert(request('r0', 1));
    const start = deferred();
    // findOne(id) would be answered from RxDB's document cache, which the
    // insert inside has already filled: the gate is what keeps it out.
    const byId = fromOutside(start.promise, () => db.requests.findOne('r1').exec());
    const all = fromOutside(start.promise, () => db.requests.find().exec());
    const count = fromOutside(start.promise, () => db.requests.count().exec());
    const storageRead = fromOutside(start.promise, () => db.requests.storageInstance.findDocumentsById(['r0', 'r1'], false));
    const rollBack = new Error('roll back');
    await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('r1', 5));
      await (await db.requests.findOne('r0').exec(true)).incrementalPatch({ amount: 3 });
      start.resolve();
      await sleep(30);
      expect(await isSettled(byId)).toBe(false);
      expect(await isSettled(all)).toBe(false);
      expect(await isSettled(count)).toBe(false);
      // The storage answers outside reads at once, from the committed state.
      expect(await isSettled(storageRead)).toBe(true);
      expect((await storageRead).map((d) => `${d.id}=${d.amount}`)).toEqual(['r0=1']);
      throw rollBack;
    }).catch((err: unknown) => {
      // Only the planned rollback; a failed expectation inside must fail the test.
      if (err !== rollBack) throw err;
    });
    expect(await byId).toBeNull();
    expect((await all).map((d) => `${d.id}=${d.amount}`)).toEqual(['r0=1']);
    expect(await count).toBe(1);
    await db.close();
  });

  it('fails with StorageBusyError after the busy timeout instead of waiting forever', async () => {
    const db = await openTxDatabase(tmp.dir, { busyTimeoutMs: 150 });
    const start = deferred();
    const outsideWrite = fromOutside(start.promise, () => db.requests.insert(request('late', 1)));
    // It fails while the transaction still runs, before the test awaits it.
    outsideWrite.catch(() => undefined);
    await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('r1', 1));
      start.resolve();
      await sleep(400);
    });
    await expect(outsideWrite).rejects.toBeInstanceOf(StorageBusyError);
    // The abandoned write never lands, and the queue goes on.
    await db.requests.insert(request('r2', 1));
    expect((await db.requests.find({ sort: [{ id: 'asc' }] }).exec()).map((d) => d.id)).toEqual(['r1', 'r2']);
    await db.close();
  });

  it('ends a query from outside that the work itself waits for with StorageBusyError, not a hang', async () => {
    const db = await openTxDatabase(tmp.dir, { busyTimeoutMs: 150 });
    const start = deferred();
    // E.g. a promise memoized by a service before the unit began.
    const memoized = fromOutside(start.promise, () => db.requests.find().exec());
    await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('r1'));
      start.resolve();
      await expect(memoized).rejects.toBeInstanceOf(StorageBusyError);
    });
    expect(await db.requests.count().exec()).toBe(1);
    await db.close();
  });

  it('keeps incremental writes from inside and outside apart although RxDB batches them per collection', async () => {
    const db = await openTxDatabase(tmp.dir, { busyTimeoutMs: 2_000 });
    await db.requests.bulkInsert([request('a', 1), request('b', 1), request('c', 1)]);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((id) => db.requests.findOne(id).exec(true)));
    if (!a || !b || !c) throw new Error('seed missing');
    const events = recordEvents(db);
    const start = deferred();
    // An outside patch is in flight (waiting for the transaction) when the
    // unit patches another document of the same collection: with one shared
    // queue the unit's patch would run in the outside batch and deadlock.
    const outsidePatch = fromOutside(start.promise, () => a.incrementalPatch({ amount: 2 }));
    const rollBack = new Error('roll back');
    await runInStorageTransaction(db, async () => {
      await db.events.insert({ id: 'e1', requestId: 'b', seq: 1 });
      start.resolve();
      await sleep(20);
      await b.incrementalPatch({ amount: 3 });
      expect(await isSettled(outsidePatch)).toBe(false);
    });
    await outsidePatch;
    expect((await db.requests.find({ sort: [{ id: 'asc' }] }).exec()).map((d) => d.amount)).toEqual([2, 3, 1]);
    expect(events.seen).toEqual(['events:INSERT:e1', 'requests:UPDATE:b', 'requests:UPDATE:a']);

    // The other way round: an outside patch issued while the unit's own
    // batch runs must not be carried into the transaction and rolled back.
    const again = deferred();
    const outsideDuringRun = fromOutside(again.promise, () => c.incrementalPatch({ amount: 9 }));
    await runInStorageTransaction(db, async () => {
      const patching = b.incrementalPatch({ amount: 4 });
      again.resolve();
      await patching;
      throw rollBack;
    }).catch((err: unknown) => {
      if (err !== rollBack) throw err;
    });
    await outsideDuringRun;
    expect((await db.requests.find({ sort: [{ id: 'asc' }] }).exec()).map((d) => d.amount)).toEqual([2, 3, 9]);
    events.stop();
    await db.close();
  });

  it('serializes two transactions started at the same time', async () => {
    const db = await openTxDatabase(tmp.dir);
    const events = recordEvents(db);
    const first = runInStorageTransaction(db, async () => {
      await db.requests.insert(request('a'));
      await sleep(40);
      await db.requests.insert(request('b'));
    });
    const second = runInStorageTransaction(db, async () => {
      expect(isInStorageTransaction(db)).toBe(true);
      await db.requests.insert(request('c'));
    });
    await Promise.all([first, second]);
    expect(isInStorageTransaction(db)).toBe(false);
    expect(events.seen).toEqual(['requests:INSERT:a', 'requests:INSERT:b', 'requests:INSERT:c']);
    events.stop();
    await db.close();
  });
});

describe('runAtomically', () => {
  it('holds the write lock for the whole unit, joins nested units and rolls back as one', async () => {
    const db = await openTxDatabase(tmp.dir);
    const lock = new WriteLock();
    const order: string[] = [];
    const unit = runAtomically(lock, db, async () => {
      order.push('unit:start');
      await db.requests.insert(request('r1'));
      // A service calling another service: no second lock, same transaction.
      await runAtomically(lock, db, () => db.events.insert({ id: 'e1', requestId: 'r1', seq: 1 }));
      await sleep(20);
      order.push('unit:end');
    });
    const other = lock.run(async () => {
      order.push('other');
      return db.requests.count().exec();
    });
    await unit;
    expect(await other).toBe(1);
    expect(order).toEqual(['unit:start', 'unit:end', 'other']);

    await expect(
      runAtomically(lock, db, async () => {
        await db.requests.insert(request('r2'));
        await runAtomically(lock, db, () => db.events.insert({ id: 'e2', requestId: 'r2', seq: 2 }));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await db.requests.count().exec()).toBe(1);
    expect(await db.events.count().exec()).toBe(1);
    // The lock is free again.
    expect(await lock.run(() => Promise.resolve('free'))).toBe('free');
    await db.close();
  });
});

import { AsyncLocalStorage } from 'node:async_hooks';
import type { RxDatabase } from 'rxdb';
import { runInStorageTransaction } from '../db/transaction';
import type { WriteLock } from './write-lock';

/**
 * The way core services change money or decisions: the core's write lock
 * (serializes read-check-write sequences: budget checks, audit sequence
 * numbers) plus one storage transaction (the change and its audit event
 * commit together or not at all; see db/transaction.ts for the guarantees).
 *
 *   await runAtomically(lock, db, async () => {
 *     const line = await db.budgetlines.findOne(id).exec();   // sees committed state
 *     …check…
 *     await line.incrementalPatch({ reserved });
 *     await audit.appendLocked({ … });                         // same transaction
 *   });
 *
 * If the work throws, nothing it wrote stays, no change event is emitted and
 * RxDB's caches show the old state again; the error is rethrown unchanged.
 *
 * A unit of work called from inside another one (a service calling another
 * service) joins it without taking the lock again (WriteLock is not
 * re-entrant: waiting for it there would wait forever). Code that already
 * runs inside `lock.run(...)` must call runInStorageTransaction() directly
 * for the same reason.
 */
const heldLocks = new AsyncLocalStorage<ReadonlySet<WriteLock>>();

export function runAtomically<T, Collections>(
  lock: WriteLock,
  db: RxDatabase<Collections>,
  work: () => Promise<T>,
): Promise<T> {
  const held = heldLocks.getStore();
  if (held?.has(lock)) {
    return runInStorageTransaction(db, work);
  }
  return lock.run(() =>
    heldLocks.run(new Set([...(held ?? []), lock]), () => runInStorageTransaction(db, work)),
  );
}

import type { RxCollection } from 'rxdb';
import { transactionOf, type SharedConnection } from './sqlite-storage';

/**
 * RxDB batches the incremental writes of a collection (incrementalPatch,
 * incrementalModify, incrementalUpsert, upsert of an existing document) in
 * one IncrementalWriteQueue per collection: whoever finds the queue idle runs
 * the batch, and every write added meanwhile waits for the next batch, run
 * from the same call chain. A storage transaction is bound to the async
 * context of its work, so a shared queue would mix the contexts:
 * - a write from inside the transaction, batched into a run started
 *   outside, reaches the storage from outside and waits for the
 *   transaction, which waits for that write (a deadlock, ended only by the
 *   busy timeout);
 * - a write from outside, batched into a run started inside, would become
 *   part of the transaction and silently vanish with a rollback.
 * So while a transaction is open, writes from inside it get a queue of their
 * own (same storage instance and hooks), and everybody else keeps the
 * collection's queue. Both write through the storage, which keeps them
 * apart; a document written by both conflicts and is retried like any
 * concurrent write.
 */

type WriteQueue = RxCollection<unknown>['incrementalWriteQueue'];
type WriteQueueConstructor = new (
  storageInstance: WriteQueue['storageInstance'],
  primaryPath: WriteQueue['primaryPath'],
  preWrite: WriteQueue['preWrite'],
  postWrite: WriteQueue['postWrite'],
) => WriteQueue;

const PROPERTY = 'incrementalWriteQueue';

/** Fails loudly if an RxDB upgrade changed how collections hold their write queue. */
export function assertWriteQueueInternals(collection: RxCollection<unknown>): void {
  const descriptor = Object.getOwnPropertyDescriptor(collection, PROPERTY);
  const queue: unknown = descriptor?.value;
  const ok =
    descriptor !== undefined &&
    descriptor.configurable === true &&
    'value' in descriptor &&
    typeof queue === 'object' &&
    queue !== null &&
    'addWrite' in queue &&
    'storageInstance' in queue &&
    'preWrite' in queue &&
    'postWrite' in queue;
  if (!ok) {
    throw new Error(
      `db/transaction: RxDB's incremental write queue of collection ${collection.name} is not as expected (rxdb upgrade?)`,
    );
  }
}

export class TransactionWriteQueues {
  private readonly originals = new Map<RxCollection<unknown>, WriteQueue>();

  constructor(private readonly connection: SharedConnection) {}

  /** Right after BEGIN. */
  install(collections: readonly RxCollection<unknown>[]): void {
    for (const collection of collections) {
      const original = collection.incrementalWriteQueue;
      let inside: WriteQueue | undefined;
      const connection = this.connection;
      Object.defineProperty(collection, PROPERTY, {
        configurable: true,
        enumerable: true,
        get(): WriteQueue {
          if (!transactionOf(connection)) {
            return original;
          }
          const Queue = original.constructor as WriteQueueConstructor;
          inside ??= new Queue(original.storageInstance, original.primaryPath, original.preWrite, original.postWrite);
          return inside;
        },
      });
      this.originals.set(collection, original);
    }
  }

  /** After COMMIT or ROLLBACK; writes still running in the inside queue just finish. */
  uninstall(): void {
    for (const [collection, original] of this.originals) {
      Object.defineProperty(collection, PROPERTY, {
        configurable: true,
        enumerable: true,
        writable: true,
        value: original,
      });
    }
    this.originals.clear();
  }
}

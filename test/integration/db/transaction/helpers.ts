import {
  createRxDatabase,
  type RxChangeEvent,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
} from 'rxdb';
import { getRxStorageBetterSqlite } from '../../../../electron/core/db/sqlite-storage';

/** A tiny two-collection database on our storage: a request and the audit-like event recording it. */
export type Request = { id: string; projectId: string; amount: number };
export type Event = { id: string; requestId: string; seq: number };
export type TxCollections = { requests: RxCollection<Request>; events: RxCollection<Event> };
export type TxDatabase = RxDatabase<TxCollections>;

const requestSchema: RxJsonSchema<Request> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    projectId: { type: 'string', maxLength: 40 },
    amount: { type: 'integer', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'projectId', 'amount'],
  indexes: ['projectId', 'amount'],
};

const eventSchema: RxJsonSchema<Event> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    requestId: { type: 'string', maxLength: 40 },
    seq: { type: 'integer', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'requestId', 'seq'],
  indexes: ['seq'],
};

let counter = 0;

export async function openTxDatabase(directory: string, options: { busyTimeoutMs?: number } = {}): Promise<TxDatabase> {
  counter++;
  const db = await createRxDatabase<TxCollections>({
    name: 'txdb' + String(counter),
    storage: getRxStorageBetterSqlite({ directory, ...options }),
    multiInstance: false,
    eventReduce: true,
  });
  await db.addCollections({ requests: { schema: requestSchema }, events: { schema: eventSchema } });
  return db;
}

export function request(id: string, amount = 100, projectId = 'p1'): Request {
  return { id, projectId, amount };
}

/** Every change event of the database, as "collection:operation:id". */
export function recordEvents(db: TxDatabase): { seen: string[]; stop: () => void } {
  const seen: string[] = [];
  const sub = db.$.subscribe((event: RxChangeEvent<unknown>) => {
    seen.push(`${event.collectionName ?? '?'}:${event.operation}:${event.documentId}`);
  });
  return { seen, stop: () => sub.unsubscribe() };
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Runs `task` from OUTSIDE any transaction once `start` is resolved, even if
 * it is resolved from inside one: the continuation of an await keeps the
 * async context of the function that awaits, which is created here, outside.
 */
export function fromOutside<T>(start: Promise<void>, task: () => Promise<T>): Promise<T> {
  return (async () => {
    await start;
    return task();
  })();
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a promise has settled by now (after letting pending callbacks run). */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await sleep(0);
  return settled;
}

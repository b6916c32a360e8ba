import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../../electron/core/db/sqlite-storage/connection-pool';
import type { SharedConnection } from '../../../../electron/core/db/sqlite-storage';
import { runInStorageTransaction } from '../../../../electron/core/db/transaction';
import { createTempDir } from '../sqlite-storage/helpers';
import { deferred, fromOutside, openTxDatabase, request, sleep, type TxDatabase } from './helpers';

/** Online backups (backup/snapshot.ts) run on the shared connection, next to storage transactions. */
const tmp = createTempDir();
afterAll(() => tmp.cleanup());

function connectionOf(db: TxDatabase): SharedConnection {
  return (db.requests.storageInstance.internals as { connection: SharedConnection }).connection;
}

function rowsIn(file: string): number {
  if (!existsSync(file) || statSync(file).size === 0) {
    return -1; // SQLite wrote nothing at all
  }
  const raw = new Database(file, { readonly: true });
  try {
    return raw.prepare<[], number>('SELECT COUNT(*) FROM col_requests_v0').pluck().get() ?? 0;
  } catch {
    return -1; // no such table: an empty file
  } finally {
    raw.close();
  }
}

describe('backupDatabase', () => {
  it('waits for an open storage transaction instead of copying an empty file', async () => {
    const db = await openTxDatabase(tmp.dir);
    await db.requests.bulkInsert(Array.from({ length: 500 }, (_, i) => request('r' + String(i).padStart(4, '0'))));
    const connection = connectionOf(db);

    // What a plain backup does when its first step meets an open transaction.
    const naive = path.join(tmp.dir, 'naive.sqlite');
    await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('inside'));
      await fromOutside(Promise.resolve(), () => connection.db.backup(naive));
    });
    expect(rowsIn(naive)).toBe(-1);

    const safe = path.join(tmp.dir, 'safe.sqlite');
    const start = deferred();
    let backup: Promise<unknown> = Promise.resolve();
    await runInStorageTransaction(db, async () => {
      await db.requests.insert(request('inside-2'));
      backup = fromOutside(start.promise, () => backupDatabase(connection, safe));
      start.resolve();
      await sleep(50);
    });
    await backup;
    // Everything committed, including the transaction that was open when the backup was asked for.
    expect(rowsIn(safe)).toBe(502);
    await db.close();
  });
});

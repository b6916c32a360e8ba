import type { Database, Statement } from 'better-sqlite3';
import {
  categorizeBulkWriteRows,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorageInstance,
  type RxStorageWriteError,
  type StringKeys,
} from 'rxdb/plugins/core';
import type { AttachmentStore, BlobBytes } from './attachments';
import { compareByCodePoint } from './index-keys';
import { KeyIndexRebuild, quoteIdentifier, type KeyColumn } from './table-layout';
import type { BetterSqliteChangeEventBulk, BetterSqliteCheckpoint, DocumentRow } from './types';

/**
 * The write path. Everything in here is synchronous and runs inside one
 * better-sqlite3 transaction; the caller emits the change events only after
 * the transaction committed, so a subscriber can never observe a write that
 * is later rolled back.
 */

export function readPrimary(doc: object, primaryPath: string): string {
  const value: unknown = (doc as Record<string, unknown>)[primaryPath];
  if (typeof value !== 'string') {
    throw new Error(`sqlite-storage: primary key "${primaryPath}" must be a string`);
  }
  return value;
}

/** id, json, _deleted, _meta_lwt, _rev, then one encoded key per key column. */
type RowValues = [string, string, number, number, string, ...Buffer[]];
/** The same values with the id moved to the end, for `UPDATE ... WHERE id = ?`. */
type UpdateValues = [string, number, number, string, ...(Buffer | string)[]];

export class DocumentWriter<RxDocType> {
  private readonly selectExisting: Statement<[string], DocumentRow>;
  private readonly anyRow: Statement<[], number>;
  private readonly insert: Statement<RowValues>;
  private readonly update: Statement<UpdateValues>;
  private readonly rebuild: KeyIndexRebuild<RxDocType>;
  private readonly transaction: (rows: BulkWriteRow<RxDocType>[], context: string, bytes: BlobBytes) => WriteOutcome<RxDocType>;

  constructor(
    db: Database,
    tableName: string,
    private readonly instance: RxStorageInstance<RxDocType, unknown, unknown>,
    // categorizeBulkWriteRows() types the primary path against the plain doc type.
    private readonly primaryPath: StringKeys<RxDocType>,
    private readonly keyColumns: readonly KeyColumn<RxDocType>[],
    private readonly attachments: AttachmentStore | undefined,
  ) {
    const table = quoteIdentifier(tableName);
    const keyNames = keyColumns.map((c) => c.sqlColumn);
    const columns = ['id', 'json', '_deleted', '_meta_lwt', '_rev', ...keyNames];
    // One statement per round instead of one per row: the ids travel as a
    // JSON array and SQLite probes the primary key for each of them.
    this.selectExisting = db.prepare<[string], DocumentRow>(
      `SELECT id, json FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.anyRow = db.prepare<[], number>(`SELECT 1 FROM ${table} LIMIT 1`).pluck();
    this.insert = db.prepare<RowValues>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    // better-sqlite3 binds positionally only, so the id moves to the end here.
    this.update = db.prepare<UpdateValues>(
      `UPDATE ${table} SET ${columns.slice(1).map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
    );
    this.rebuild = new KeyIndexRebuild(db, tableName, keyColumns);
    const tx = db.transaction((rows: BulkWriteRow<RxDocType>[], context: string, bytes: BlobBytes) =>
      this.writeInTransaction(rows, context, bytes),
    );
    // IMMEDIATE takes the write lock up front: reading the current revisions
    // and writing the new ones can then never race another process.
    this.transaction = (rows, context, bytes) => tx.immediate(rows, context, bytes);
  }

  write(rows: BulkWriteRow<RxDocType>[], context: string, bytes: BlobBytes): WriteOutcome<RxDocType> {
    return this.transaction(rows, context, bytes);
  }

  private values(id: string, doc: RxDocumentData<RxDocType>): RowValues {
    const values: RowValues = [id, JSON.stringify(doc), doc._deleted ? 1 : 0, doc._meta.lwt, doc._rev];
    for (const column of this.keyColumns) {
      values.push(column.toKey(doc));
    }
    return values;
  }

  /** The stored state of the given ids; an empty table needs no lookups (a first import). */
  private readExisting(ids: readonly string[]): Map<string, RxDocumentData<RxDocType>> {
    const docsInDb = new Map<string, RxDocumentData<RxDocType>>();
    if (ids.length > 0 && this.anyRow.get() !== undefined) {
      for (const existing of this.selectExisting.all(JSON.stringify(ids))) {
        docsInDb.set(existing.id, JSON.parse(existing.json) as RxDocumentData<RxDocType>);
      }
    }
    return docsInDb;
  }

  private writeInTransaction(
    rows: BulkWriteRow<RxDocType>[],
    context: string,
    bytes: BlobBytes,
  ): WriteOutcome<RxDocType> {
    const errors: RxStorageWriteError<RxDocType>[] = [];
    let eventBulk: BetterSqliteChangeEventBulk<RxDocType> | undefined;
    const newest = new NewestWrite();

    for (const round of splitIntoRounds(rows, this.primaryPath)) {
      // Current state of exactly the documents this round touches.
      const docsInDb = this.readExisting(round.ids);
      // RxDB's own helper decides insert/update/conflict and builds the
      // events, so our semantics match the reference storages exactly.
      const categorized = categorizeBulkWriteRows<RxDocType>(
        this.instance,
        this.primaryPath,
        docsInDb,
        round.rows,
        context,
      );
      const inserts = categorized.bulkInsertDocs;
      this.rebuild.run(inserts.length, () => {
        for (const row of inserts) {
          const id = readPrimary(row.document, this.primaryPath);
          this.insert.run(...this.values(id, row.document));
          newest.offer(id, row.document._meta.lwt);
        }
      });
      for (const row of categorized.bulkUpdateDocs) {
        const id = readPrimary(row.document, this.primaryPath);
        const [, ...rest] = this.values(id, row.document);
        this.update.run(...rest, id);
        newest.offer(id, row.document._meta.lwt);
      }
      this.attachments?.apply(categorized, bytes);
      errors.push(...categorized.errors);
      if (!eventBulk) {
        eventBulk = categorized.eventBulk;
      } else {
        eventBulk.events.push(...categorized.eventBulk.events);
      }
    }

    const checkpoint = newest.checkpoint();
    if (!eventBulk || eventBulk.events.length === 0 || !checkpoint) {
      return { errors, eventBulk: undefined };
    }
    eventBulk.checkpoint = checkpoint;
    return { errors, eventBulk };
  }
}

export type WriteOutcome<RxDocType> = {
  errors: RxStorageWriteError<RxDocType>[];
  /** Undefined when nothing was written, so no empty bulk is ever emitted. */
  eventBulk: BetterSqliteChangeEventBulk<RxDocType> | undefined;
};

/**
 * categorizeBulkWriteRows() compares every row against the state *before*
 * the batch. If one batch writes the same document twice, both rows would be
 * judged against the old state (two "inserts" of the same id). We instead
 * apply such rows one after another: the n-th write of an id goes into round
 * n, and each round sees what the previous rounds wrote. So a second insert
 * of the same id is a 409 conflict, and a chain of updates (v1→v2, v2→v3)
 * succeeds, just as if the rows had been sent in separate bulkWrite calls.
 */
export function splitIntoRounds<RxDocType>(
  rows: BulkWriteRow<RxDocType>[],
  primaryPath: string,
): { rows: BulkWriteRow<RxDocType>[]; ids: string[] }[] {
  const ids = new Array<string>(rows.length);
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as BulkWriteRow<RxDocType>;
    const id = readPrimary(row.document, primaryPath);
    ids[i] = id;
    seen.add(id);
  }
  // Fast path: no duplicate ids, keep the caller's array untouched.
  if (seen.size === rows.length) {
    return [{ rows, ids }];
  }
  const occurrences = new Map<string, number>();
  const rounds: { rows: BulkWriteRow<RxDocType>[]; ids: string[] }[] = [];
  rows.forEach((row, i) => {
    const id = ids[i] as string;
    const occurrence = occurrences.get(id) ?? 0;
    occurrences.set(id, occurrence + 1);
    const round = (rounds[occurrence] ??= { rows: [], ids: [] });
    round.rows.push(row);
    round.ids.push(id);
  });
  return rounds;
}

/**
 * The checkpoint of an event bulk must cover every document of the bulk, so
 * we take the greatest (lwt, id) that was written, ordered like SQLite orders
 * the (_meta_lwt, id) index used by getChangedDocumentsSince().
 */
class NewestWrite {
  private lwt = -Infinity;
  private id: string | undefined;

  offer(id: string, lwt: number): void {
    if (this.id === undefined || lwt > this.lwt || (lwt === this.lwt && compareByCodePoint(id, this.id) > 0)) {
      this.lwt = lwt;
      this.id = id;
    }
  }

  checkpoint(): BetterSqliteCheckpoint | undefined {
    return this.id === undefined ? undefined : { id: this.id, lwt: this.lwt };
  }
}

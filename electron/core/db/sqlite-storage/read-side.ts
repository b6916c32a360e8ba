import type { Database, Statement } from 'better-sqlite3';
import type { RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';
import { AttachmentReader } from './attachments';
import { QueryRunner } from './query-runner';
import { quoteIdentifier, type KeyColumn } from './table-layout';
import type { BetterSqliteCheckpoint } from './types';

/**
 * Everything a storage instance reads with, prepared on one connection.
 * Each instance has one on the shared read-write connection and, created on
 * first need, one on the read-only snapshot connection that serves reads from
 * outside an open storage transaction (see transaction-context.ts).
 */
export class ReadSide<RxDocType> {
  readonly queries: QueryRunner<RxDocType>;
  readonly attachments: AttachmentReader | undefined;
  private readonly changesSince: Statement<[number, string, number], string>;

  constructor(
    db: Database,
    names: { tableName: string; attachmentsTableName: string },
    schema: RxJsonSchema<RxDocumentData<RxDocType>>,
    keyColumns: readonly KeyColumn<RxDocType>[],
    withAttachments: boolean,
  ) {
    this.queries = new QueryRunner(db, names.tableName, schema, keyColumns);
    this.attachments = withAttachments ? new AttachmentReader(db, names.attachmentsTableName) : undefined;
    // Row-value comparison lets SQLite seek straight into the (lwt, id) index.
    this.changesSince = db
      .prepare<[number, string, number], string>(
        `SELECT json FROM ${quoteIdentifier(names.tableName)} WHERE (_meta_lwt, id) > (?, ?) ORDER BY _meta_lwt, id LIMIT ?`,
      )
      .pluck();
  }

  changedSince(
    limit: number,
    checkpoint: BetterSqliteCheckpoint | undefined,
  ): { documents: RxDocumentData<RxDocType>[]; checkpoint: BetterSqliteCheckpoint } {
    // lwt is always >= 1 (RX_META_LWT_MINIMUM), so (-1, '') precedes every row.
    const rows = this.changesSince.all(checkpoint ? checkpoint.lwt : -1, checkpoint ? checkpoint.id : '', limit);
    const documents = rows.map((json) => JSON.parse(json) as RxDocumentData<RxDocType>);
    const last = documents[documents.length - 1];
    // With no new documents the given checkpoint comes back unchanged, as RxDB requires.
    const next: BetterSqliteCheckpoint = last
      ? { id: this.queries.primaryOf(last), lwt: last._meta.lwt }
      : (checkpoint ?? { id: '', lwt: 0 });
    return { documents, checkpoint: next };
  }
}

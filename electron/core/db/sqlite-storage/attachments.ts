import type { Database, Statement } from 'better-sqlite3';
import type { BulkWriteRow, CategorizeBulkWriteRowsOutput, RxAttachmentWriteData } from 'rxdb/plugins/core';
import { quoteIdentifier } from './table-layout';

/**
 * Attachment bytes live in their own table so that document rows stay small
 * (queries parse every row's JSON) and so that the bytes of an unchanged
 * attachment are never rewritten when the document is updated.
 *
 * RxDB hands attachment data to bulkWrite() as Blobs, whose bytes can only be
 * read asynchronously. A better-sqlite3 transaction is synchronous, so the
 * bytes are read *before* the transaction and looked up by Blob identity
 * inside it.
 */

export type BlobBytes = ReadonlyMap<Blob, Buffer>;

function isWriteData(value: object): value is RxAttachmentWriteData {
  return 'data' in value && value.data instanceof Blob;
}

/** All Blobs carried by the write rows; empty for the common no-attachment write. */
export function collectAttachmentBlobs<RxDocType>(rows: readonly BulkWriteRow<RxDocType>[]): Blob[] {
  const blobs: Blob[] = [];
  for (const row of rows) {
    const attachments = row.document._attachments;
    for (const attachmentId in attachments) {
      const attachment = attachments[attachmentId];
      if (attachment && isWriteData(attachment)) {
        blobs.push(attachment.data);
      }
    }
  }
  return blobs;
}

export async function readBlobs(blobs: readonly Blob[]): Promise<BlobBytes> {
  const entries = await Promise.all(
    blobs.map(async (blob): Promise<[Blob, Buffer]> => [blob, Buffer.from(await blob.arrayBuffer())]),
  );
  return new Map(entries);
}

type AttachmentRow = { digest: string; type: string; data: Buffer };

/** The write side; it runs on the shared read-write connection only. */
export class AttachmentStore {
  private readonly upsert: Statement<[string, string, string, string, Buffer]>;
  private readonly remove: Statement<[string, string]>;
  private readonly removeForDoc: Statement<[string]>;

  constructor(db: Database, attachmentsTableName: string) {
    const table = quoteIdentifier(attachmentsTableName);
    this.upsert = db.prepare(
      `INSERT INTO ${table} (doc_id, att_id, digest, type, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (doc_id, att_id) DO UPDATE SET
        digest = excluded.digest, type = excluded.type, data = excluded.data`,
    );
    this.remove = db.prepare(`DELETE FROM ${table} WHERE doc_id = ? AND att_id = ?`);
    this.removeForDoc = db.prepare(`DELETE FROM ${table} WHERE doc_id = ?`);
  }

  /** Applies the attachment part of a categorized write. Must run inside the write transaction. */
  apply<RxDocType>(categorized: CategorizeBulkWriteRowsOutput<RxDocType>, bytes: BlobBytes): void {
    for (const change of [...categorized.attachmentsAdd, ...categorized.attachmentsUpdate]) {
      const data = bytes.get(change.attachmentData.data);
      if (!data) {
        throw new Error(
          `sqlite-storage: attachment bytes of ${change.documentId}/${change.attachmentId} were not pre-read`,
        );
      }
      this.upsert.run(change.documentId, change.attachmentId, change.digest, change.attachmentData.type, data);
    }
    for (const change of categorized.attachmentsRemove) {
      this.remove.run(change.documentId, change.attachmentId);
    }
  }

  /** Used by cleanup(): purged tombstones must not leave orphaned bytes behind. */
  removeAllOf(documentId: string): void {
    this.removeForDoc.run(documentId);
  }
}

/** The read side; one per connection (the read-only snapshot connection has its own). */
export class AttachmentReader {
  private readonly select: Statement<[string, string], AttachmentRow>;

  constructor(db: Database, attachmentsTableName: string) {
    this.select = db.prepare(
      `SELECT digest, type, data FROM ${quoteIdentifier(attachmentsTableName)} WHERE doc_id = ? AND att_id = ?`,
    );
  }

  /**
   * Returns the attachment as a Blob. The digest must match, like in RxDB's
   * memory storage: a stale digest means the caller holds an outdated document.
   */
  get(documentId: string, attachmentId: string, digest: string): Blob {
    const row = this.select.get(documentId, attachmentId);
    if (!row || !digest || row.digest !== digest) {
      throw new Error(`sqlite-storage: attachment does not exist: ${documentId}/${attachmentId}`);
    }
    return new Blob([new Uint8Array(row.data)], { type: row.type });
  }
}

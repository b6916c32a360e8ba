import type { RxCollection } from 'rxdb';
import type { GovPayDatabase } from '../db/database';
import type { ApprovalDecisionDoc, CollectionDocs, CollectionName } from '../db/schemas';
import type { Signer, SignJob } from './signer';

/** The collections the district builders write (users, units and settings are written once, apart). */
export type SinkCollection = Extract<CollectionName, 'projects' | 'contracts' | 'payments' | 'riskalerts' | 'records'>;

/** Decisions per signing request: large enough to amortise a worker round trip. */
const SIGN_CHUNK = 400;

const ORDER: readonly SinkCollection[] = ['projects', 'contracts', 'payments', 'records', 'riskalerts'];

/**
 * Buffers generated documents and writes them with RxDB `bulkInsert` in large batches, through
 * the same ajv-validated storage the app uses — a document the schema refuses stops the run.
 * Approval decisions wait here for their signatures, which are made in bulk just before writing.
 */
export class DocSink {
  private readonly buffers = new Map<SinkCollection, { docType: string }[]>();
  private unsigned: { doc: ApprovalDecisionDoc; job: SignJob }[] = [];
  private signing: Promise<void>[] = [];
  private buffered = 0;
  readonly counts = new Map<string, number>();
  /** milliseconds spent in bulkInsert per collection, and waiting for signatures */
  readonly timings = new Map<string, number>();

  constructor(
    private readonly db: GovPayDatabase,
    private readonly signer: Signer,
    private readonly batchSize = 5_000,
  ) {}

  add<K extends SinkCollection>(collection: K, doc: CollectionDocs[K]): void {
    const buffer = this.buffers.get(collection) ?? [];
    buffer.push(doc);
    this.buffers.set(collection, buffer);
    this.buffered += 1;
    this.counts.set(doc.docType, (this.counts.get(doc.docType) ?? 0) + 1);
  }

  /**
   * A decision whose `signature` is filled in before it is written. Signatures are requested in
   * chunks as decisions arrive, so a worker-thread signer works while this thread generates.
   */
  addSigned(doc: ApprovalDecisionDoc, job: SignJob): void {
    this.unsigned.push({ doc, job });
    this.add('records', doc);
    if (this.unsigned.length >= SIGN_CHUNK) this.dispatchSigning();
  }

  private dispatchSigning(): void {
    const chunk = this.unsigned;
    this.unsigned = [];
    if (chunk.length === 0) return;
    this.signing.push(
      this.signer.signAll(chunk.map((u) => u.job)).then((signatures) => {
        chunk.forEach((u, i) => (u.doc.signature = signatures[i] ?? ''));
      }),
    );
  }

  async flushIfFull(): Promise<void> {
    if (this.buffered >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    this.dispatchSigning();
    const signing = this.signing;
    this.signing = [];
    const waitStarted = performance.now();
    await Promise.all(signing);
    this.time('signatures (wait)', waitStarted);
    for (const name of ORDER) {
      const docs = this.buffers.get(name) ?? [];
      this.buffers.set(name, []);
      for (let start = 0; start < docs.length; start += this.batchSize) {
        await this.insert(name, docs.slice(start, start + this.batchSize));
      }
    }
    this.buffered = 0;
  }

  private time(key: string, started: number): void {
    this.timings.set(key, (this.timings.get(key) ?? 0) + performance.now() - started);
  }

  private async insert(name: SinkCollection, docs: { docType: string }[]): Promise<void> {
    if (docs.length === 0) return;
    const collection = this.db.collections[name] as RxCollection;
    const started = performance.now();
    const result = await collection.bulkInsert(docs);
    this.time(name, started);
    if (result.error.length > 0) {
      const first = result.error[0];
      throw new Error(`seed: ${result.error.length} of ${docs.length} ${name} documents refused; first: ${JSON.stringify(first).slice(0, 2000)}`);
    }
  }
}

import { sm3Hex } from '../../../shared/crypto';
import type { DisbursementAdapter } from '../../../shared/domain/disbursement';
import { canonicalJson } from '../../../shared/encoding/canonical-json';
import type { PaymentBatchDoc, PaymentInstructionDoc } from '../db/schemas';
import { dayText, EVENT_MINUTE, instantAt, type Day } from './calendar';
import type { DocSink } from './doc-sink';
import type { Org } from './model';
import type { Prng } from './prng';
import type { SeededIds } from './seeded-ids';

/** Requests per batch before the desk starts another one the same day. */
const MAX_REQUESTS = 200;

interface OpenBatch {
  doc: PaymentBatchDoc;
  requests: Set<string>;
  instructions: { id: string; amount: number; key: string }[];
  open: boolean;
}

/**
 * The office's payment batches: one per payment day and channel for the whole county (split
 * at MAX_REQUESTS), not one per district, so a large county has the batches a real desk would.
 * Batches are filled while districts are built and written once, at the end of the run.
 */
export class BatchBook {
  private readonly batches = new Map<string, OpenBatch>();
  private readonly byId = new Map<string, OpenBatch>();

  constructor(
    private readonly ids: SeededIds,
    private readonly prng: Prng,
    private readonly org: Org,
  ) {}

  /** The batch an instruction of `requestId` paid on `day` through `adapter` goes into. */
  batchFor(day: Day, adapter: DisbursementAdapter, requestId: string): PaymentBatchDoc {
    for (let part = 0; ; part += 1) {
      const key = `${day}:${adapter}:${part}`;
      const existing = this.batches.get(key);
      if (existing && (existing.requests.has(requestId) || existing.requests.size < MAX_REQUESTS)) {
        existing.requests.add(requestId);
        return existing.doc;
      }
      if (existing) continue;
      const createdAt = instantAt(day, EVENT_MINUTE.batchCreated + this.prng.int(0, 20));
      const releasedAt = instantAt(day, EVENT_MINUTE.released + this.prng.int(0, 40));
      const id = this.ids.next();
      const doc: PaymentBatchDoc = {
        id,
        unitId: this.org.county.id,
        createdBy: this.prng.pick(this.org.byRole.finance).id,
        createdAt,
        updatedAt: releasedAt,
        docType: 'paymentBatch',
        batchNo: `PC-${dayText(day).replaceAll('-', '')}-${String(this.batches.size + 1).padStart(5, '0')}`,
        adapter,
        requestIds: [],
        totalAmount: 0,
        idempotencyKey: `batch-${id}`,
        status: 'completed',
        payloadHash: null,
        releasedAt,
        releasedBy: this.prng.pick(this.org.byRole.cashier).id,
      };
      const entry: OpenBatch = { doc, requests: new Set([requestId]), instructions: [], open: false };
      this.batches.set(key, entry);
      this.byId.set(id, entry);
      return doc;
    }
  }

  /** Records an instruction of a batch: its amount, and whether it still waits for the bank. */
  add(batch: PaymentBatchDoc, instruction: PaymentInstructionDoc): void {
    const entry = this.byId.get(batch.id);
    if (!entry) throw new Error('instruction for an unknown batch');
    entry.instructions.push({ id: instruction.id, amount: instruction.amount, key: instruction.idempotencyKey });
    entry.open ||= instruction.status === 'sent';
    batch.updatedAt = Math.max(batch.updatedAt, instruction.updatedAt);
  }

  /** Writes every batch: released while an instruction waits for the bank, completed after. */
  emitAll(sink: DocSink): void {
    for (const { doc, requests, instructions, open } of this.batches.values()) {
      doc.requestIds = [...requests];
      doc.totalAmount = instructions.reduce((sum, i) => sum + i.amount, 0);
      doc.status = open ? 'released' : 'completed';
      doc.payloadHash = sm3Hex(canonicalJson({ batchNo: doc.batchNo, adapter: doc.adapter, instructions }));
      sink.add('payments', doc);
    }
    this.batches.clear();
    this.byId.clear();
  }
}

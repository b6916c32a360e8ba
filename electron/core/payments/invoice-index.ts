import type { Subscription } from 'rxjs';
import type { RequestStatus } from '../../../shared/domain/payment-request-status';
import type { GovPayDatabase } from '../db/database';
import type { PaymentRequestDoc } from '../db/schemas';

/** Statuses that give an invoice number back (invariant 4: "at most one non-rejected request"). */
const RELEASING: ReadonlySet<RequestStatus> = new Set(['rejected', 'withdrawn']);

interface Holder {
  requestNo: string;
  status: RequestStatus;
  /** submitted at least once: a returned request (draft again) keeps its claim */
  claimed: boolean;
  invoiceNos: readonly string[];
}

/**
 * Which request holds each e-invoice number (invariant 4: an invoice in at most one live request;
 * a claim is made by submitting). A request's numbers are an array,
 * which RxDB cannot index, and scanning 100k requests on every submit would cost far more than
 * the 5 ms budget; so the core keeps this map, built once from the collection and then kept
 * current from the collection's change events — every writer's (this service, approval's
 * reject, sync) — which RxDB emits after COMMIT and never for a rolled-back transaction.
 *
 * Submit reads it under the write lock, after every earlier unit of work has committed and
 * emitted, so it sees every committed claim of this device.
 */
export class InvoiceIndex {
  private readonly byRequest = new Map<string, Holder>();
  private readonly byInvoice = new Map<string, Set<string>>();
  private loading: Promise<void> | null = null;
  private watch: Subscription | null = null;

  constructor(private readonly db: GovPayDatabase) {}

  /**
   * Requests other than `exceptId` that hold `invoiceNo` and have not released it. `claimsOnly`:
   * only requests that were submitted (now in approval or later, or returned to draft) — a
   * draft never submitted shows a warning but claims nothing, so two drafts of one invoice
   * do not block each other and the first to submit wins.
   */
  async holders(invoiceNo: string, exceptId: string | null, claimsOnly = false): Promise<string[]> {
    await this.ensureLoaded();
    const ids = this.byInvoice.get(invoiceNo);
    if (!ids) return [];
    const out: string[] = [];
    for (const id of ids) {
      const holder = this.byRequest.get(id);
      if (id !== exceptId && holder && !RELEASING.has(holder.status) && (!claimsOnly || holder.claimed)) out.push(holder.requestNo);
    }
    return out;
  }

  /** invoice number → requestNo of a live holder, for the numbers given. */
  async inUse(invoiceNos: readonly string[], exceptId: string | null, claimsOnly = false): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const no of invoiceNos) {
      const [holder] = await this.holders(no, exceptId, claimsOnly);
      if (holder) out.set(no, holder);
    }
    return out;
  }

  close(): void {
    this.watch?.unsubscribe();
    this.watch = null;
  }

  private ensureLoaded(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    const seenByEvent = new Set<string>();
    // Subscribe before scanning: a write that lands during the scan is applied from its event,
    // and the (older) scanned copy of that request is then ignored.
    this.watch = this.db.payments.eventBulks$.subscribe((bulk) => {
      for (const event of bulk.events) {
        const doc = event.documentData as unknown as PaymentRequestDoc & { _deleted?: boolean };
        if (doc.docType !== 'paymentRequest') continue;
        seenByEvent.add(doc.id);
        if (event.operation === 'DELETE' || doc._deleted) this.remove(doc.id);
        else this.put(doc);
      }
    });
    const docs = await this.db.payments.find({ selector: { docType: 'paymentRequest' } }).exec();
    for (const rx of docs) {
      const doc = rx.toJSON() as PaymentRequestDoc;
      if (!seenByEvent.has(doc.id)) this.put(doc);
    }
  }

  private put(doc: Pick<PaymentRequestDoc, 'id' | 'requestNo' | 'status' | 'invoiceNos' | 'submittedAt'>): void {
    this.remove(doc.id);
    this.byRequest.set(doc.id, { requestNo: doc.requestNo, status: doc.status, claimed: doc.status !== 'draft' || doc.submittedAt !== null, invoiceNos: [...doc.invoiceNos] });
    for (const no of doc.invoiceNos) {
      let set = this.byInvoice.get(no);
      if (!set) this.byInvoice.set(no, (set = new Set()));
      set.add(doc.id);
    }
  }

  private remove(id: string): void {
    const old = this.byRequest.get(id);
    if (!old) return;
    this.byRequest.delete(id);
    for (const no of old.invoiceNos) {
      const set = this.byInvoice.get(no);
      set?.delete(id);
      if (set && set.size === 0) this.byInvoice.delete(no);
    }
  }
}

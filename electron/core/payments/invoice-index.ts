import type { Subscription } from 'rxjs';
import type { CommittingRequest } from '../../../shared/budget/position';
import { COMMITTING_STATUSES, type RequestStatus } from '../../../shared/domain/payment-request-status';
import type { CommittedByKind } from '../../../shared/payments/request-rules';
import type { GovPayDatabase } from '../db/database';
import type { PaymentRequestDoc } from '../db/schemas';

/** Statuses that give an invoice number back (invariant 4: "at most one non-rejected request"). */
const RELEASING: ReadonlySet<RequestStatus> = new Set(['rejected', 'withdrawn']);
const COMMITTING: ReadonlySet<RequestStatus> = new Set(COMMITTING_STATUSES);

interface Holder {
  requestNo: string;
  status: RequestStatus;
  /** submitted at least once: a returned request (draft again) keeps its claim */
  claimed: boolean;
  invoiceNos: readonly string[];
  budgetLineId: string;
  contractId: string;
  kind: PaymentRequestDoc['kind'];
  amount: number;
}

type Indexed = Pick<PaymentRequestDoc, 'id' | 'requestNo' | 'status' | 'invoiceNos' | 'submittedAt' | 'budgetLineId' | 'contractId' | 'kind' | 'amount'>;

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
 *
 * From the same scan and events it also keeps which requests commit money (COMMITTING_STATUSES)
 * per budget line and per contract: the submit path's budget check and R3/R4 caps would
 * otherwise read and parse every committing request of the line and the contract on each submit
 * (~1.5 ms with 100k requests). Like the claims, these are the COMMITTED state: only a unit of
 * work that has not itself written payment requests yet may use them (submit checks that it is
 * not nested in another unit; see PaymentRequestService.submit), everyone else queries.
 */
export class InvoiceIndex {
  private readonly byRequest = new Map<string, Holder>();
  private readonly byInvoice = new Map<string, Set<string>>();
  private readonly committingByLine = new Map<string, Set<string>>();
  private readonly committingByContract = new Map<string, Set<string>>();
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

  /** The committed requests in COMMITTING_STATUSES on a budget line (see the class comment). */
  async committingOnLine(budgetLineId: string): Promise<CommittingRequest[]> {
    await this.ensureLoaded();
    const out: CommittingRequest[] = [];
    for (const id of this.committingByLine.get(budgetLineId) ?? []) {
      const holder = this.byRequest.get(id);
      if (holder) out.push({ id, amount: holder.amount, status: holder.status });
    }
    return out;
  }

  /** Σ of a contract's committed requests in COMMITTING_STATUSES per kind, `exceptId` left out. */
  async committedByKind(contractId: string, exceptId: string | null): Promise<CommittedByKind> {
    await this.ensureLoaded();
    const out: CommittedByKind = { advance: 0, progress: 0, settlement: 0, retention: 0, other: 0 };
    for (const id of this.committingByContract.get(contractId) ?? []) {
      const holder = this.byRequest.get(id);
      if (holder && id !== exceptId) out[holder.kind] += holder.amount;
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

  private put(doc: Indexed): void {
    this.remove(doc.id);
    this.byRequest.set(doc.id, {
      requestNo: doc.requestNo,
      status: doc.status,
      claimed: doc.status !== 'draft' || doc.submittedAt !== null,
      invoiceNos: [...doc.invoiceNos],
      budgetLineId: doc.budgetLineId,
      contractId: doc.contractId,
      kind: doc.kind,
      amount: doc.amount,
    });
    for (const no of doc.invoiceNos) addTo(this.byInvoice, no, doc.id);
    if (COMMITTING.has(doc.status)) {
      addTo(this.committingByLine, doc.budgetLineId, doc.id);
      addTo(this.committingByContract, doc.contractId, doc.id);
    }
  }

  private remove(id: string): void {
    const old = this.byRequest.get(id);
    if (!old) return;
    this.byRequest.delete(id);
    for (const no of old.invoiceNos) deleteFrom(this.byInvoice, no, id);
    deleteFrom(this.committingByLine, old.budgetLineId, id);
    deleteFrom(this.committingByContract, old.contractId, id);
  }
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function deleteFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  set?.delete(id);
  if (set && set.size === 0) map.delete(key);
}

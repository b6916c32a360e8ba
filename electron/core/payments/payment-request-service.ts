import type { RequestCheck, RequestListItem, RequestView } from '../../../shared/api/methods/payment-methods';
import { commitRefusal } from '../../../shared/budget/commit-check';
import { positionWith } from '../../../shared/budget/position';
import { PAYMENT_KIND_LABELS } from '../../../shared/domain/payment-kind';
import { COMMITTING_STATUSES, nextRequestStatus, REQUEST_STATUS_LABELS, type RequestStatus } from '../../../shared/domain/payment-request-status';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { formatFen, toChineseCapitals } from '../../../shared/money';
import { DEFAULT_PAYMENT_POLICY, type PaymentPolicy } from '../../../shared/payments/payment-policy';
import { evaluateRequest, type RuleOutcome } from '../../../shared/payments/request-rules';
import { REQUEST_TEMPLATES, type RequestTemplate } from '../../../shared/payments/templates';
import type { Actor } from '../api/handler-types';
import type { Clock } from '../app/clock';
import { runAtomically } from '../app/unit-of-work';
import type { WriteLock } from '../app/write-lock';
import type { ApprovalService } from '../approval/approval-service';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { AuditLog } from '../audit/audit-log';
import type { BudgetPosition, BudgetService } from '../budget/budget-service';
import type { GovPayDatabase } from '../db/database';
import { isInStorageTransaction } from '../db/transaction';
import type { RxDocument } from 'rxdb';
import type { PaymentRequestDoc, PaymentsDoc } from '../db/schemas';
import { InvoiceIndex } from './invoice-index';
import { chinaDay, loadContext, requestFacts, type RequestContext } from './request-facts';
import { nextRequestNo } from './request-numbers';
import { RequestViews } from './request-views';

/** What the form sends (amounts in 分, already parsed by the API schema). */
export interface RequestDraftInput {
  id?: string | undefined;
  contractId: string;
  budgetLineId: string;
  milestoneId: string | null;
  kind: PaymentRequestDoc['kind'];
  amount: number;
  labourAmount: number;
  description: string;
  invoiceNos: string[];
  attachmentIds: string[];
}

export interface RequestListFilter {
  status?: RequestStatus | undefined;
  kind?: PaymentRequestDoc['kind'] | undefined;
  contractId?: string | undefined;
  mine: boolean;
  search?: string | undefined;
  limit: number;
  offset: number;
}

export interface PaymentRequestDeps {
  db: GovPayDatabase;
  lock: WriteLock;
  clock: Clock;
  audit: AuditLog;
  budget: BudgetService;
  approval: ApprovalService;
  attachments: AttachmentStore;
  /** the R3/R4 numbers in force (a setting an office may tighten) */
  policy?: () => PaymentPolicy;
}

const COMMITTING = new Set<RequestStatus>(COMMITTING_STATUSES);

function actorRef(actor: Actor): { id: string; name: string } {
  return { id: actor.user.id, name: actor.user.name };
}

/**
 * 支付申请 (issue 4 item 4): drafts, submit, withdraw. Submit is ONE unit of work — every rule,
 * the route, the budget check, the status change, the budget's threshold note and the audit
 * event commit together or not at all. Approving, returning and rejecting are APPROVAL's.
 */
export class PaymentRequestService {
  readonly invoices: InvoiceIndex;
  private readonly views: RequestViews;

  constructor(private readonly deps: PaymentRequestDeps) {
    this.invoices = new InvoiceIndex(deps.db);
    this.views = new RequestViews(deps.db, deps.attachments);
  }

  templates(): RequestTemplate[] {
    return REQUEST_TEMPLATES.map((t) => ({ ...t, evidence: t.evidence.map((e) => ({ ...e })) }));
  }

  private policy(): PaymentPolicy {
    return this.deps.policy?.() ?? DEFAULT_PAYMENT_POLICY;
  }

  private async load(id: string, actor: Actor): Promise<{ doc: PaymentRequestDoc; rx: RxDocument<PaymentsDoc> }> {
    const rx = await this.deps.db.payments.findOne(id).exec();
    const doc = rx?.toJSON() as PaymentRequestDoc | undefined;
    if (!rx || !doc || doc.docType !== 'paymentRequest') throw new AppError('NOT_FOUND', '支付申请不存在', 'id');
    if (!actor.scopeUnitIds.includes(doc.unitId)) throw new AppError('OUT_OF_SCOPE', undefined, 'id');
    return { doc, rx };
  }

  private assertApplicant(doc: PaymentRequestDoc, actor: Actor): void {
    if (doc.applicantId !== actor.user.id) throw new AppError('FORBIDDEN', '只有申请人本人可以修改、提交或撤回该申请', 'id');
  }

  /** Rules + budget position for the form, without saving. */
  async check(input: RequestDraftInput, actor: Actor): Promise<RequestCheck> {
    const ctx = await loadContext(this.deps.db, this.deps.attachments, input, actor);
    const outcome = await this.evaluate(ctx, { ...input, id: input.id ?? null });
    let position: BudgetPosition | null = null;
    try {
      position = await this.deps.budget.position(input.budgetLineId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
    const already = input.id ? await this.deps.db.payments.findOne(input.id).exec() : null;
    const holds = already ? COMMITTING.has((already.toJSON() as PaymentRequestDoc).status) : false;
    // The budget check submit will run, with its words: a form over the line must not read as
    // ready to submit.
    const refusal = position && !holds && input.amount > 0 ? commitRefusal(position, input.amount) : null;
    return {
      ...outcome,
      violations: refusal ? [...outcome.violations, { code: refusal.code, message: refusal.message, field: 'amount' }] : outcome.violations,
      budget: position,
      // a request already reserving is inside `available`; a draft would take its amount more
      availableAfter: position ? position.available - (holds ? 0 : input.amount) : null,
      amountCapitals: toChineseCapitals(input.amount),
    };
  }

  private async evaluate(
    ctx: RequestContext,
    r: { id: string | null; kind: PaymentRequestDoc['kind']; amount: number; labourAmount: number; invoiceNos: readonly string[] },
    enforcing = false,
    totalsFromIndex = false,
  ): Promise<RuleOutcome> {
    const facts = await requestFacts(this.deps.db, this.invoices, ctx, r, this.deps.clock.now(), enforcing, totalsFromIndex);
    return evaluateRequest(facts, this.policy());
  }

  /**
   * Saves a new draft or edits one (a returned request is a draft again). Only what cannot be
   * stored is refused; rule findings come back as warnings with the budget position.
   */
  async saveDraft(input: RequestDraftInput, actor: Actor): Promise<{ request: RequestView; check: RequestCheck }> {
    const { db, lock, clock, audit } = this.deps;
    const saved = await runAtomically(lock, db, async () => {
      const ctx = await loadContext(db, this.deps.attachments, input, actor);
      const now = clock.now();
      const fields = {
        contractId: input.contractId,
        budgetLineId: input.budgetLineId,
        milestoneId: input.milestoneId,
        kind: input.kind,
        amount: input.amount,
        labourAmount: input.labourAmount,
        description: input.description,
        invoiceNos: [...input.invoiceNos],
        attachmentIds: [...input.attachmentIds],
      };
      if (input.id) {
        const { doc, rx } = await this.load(input.id, actor);
        this.assertApplicant(doc, actor);
        if (doc.status !== 'draft') throw new AppError('REQUEST_STATE_INVALID', `申请 ${doc.requestNo} 当前为“${REQUEST_STATUS_LABELS[doc.status]}”，只有草稿（含被退回的申请）可以修改`, 'id');
        if (doc.unitId !== ctx.contract.unitId) throw new AppError('VALIDATION_FAILED', '不能把申请改到其他单位的合同', 'contractId');
        await rx.incrementalPatch({ ...fields, updatedAt: now });
        await audit.appendLocked({
          unitId: doc.unitId,
          actor: actorRef(actor),
          action: 'paymentRequest.edit',
          entity: 'paymentRequest',
          entityId: doc.id,
          summary: `修改支付申请 ${doc.requestNo}（${PAYMENT_KIND_LABELS[input.kind]} ${formatFen(input.amount)}）`,
          payload: { id: doc.id, ...fields },
        });
        return { ...doc, ...fields, updatedAt: now };
      }
      const year = Number(chinaDay(now).slice(0, 4));
      const doc: PaymentRequestDoc = {
        id: newId(),
        unitId: ctx.contract.unitId,
        createdBy: actor.user.id,
        createdAt: now,
        updatedAt: now,
        docType: 'paymentRequest',
        requestNo: await nextRequestNo(db, ctx.contract.unitId, year, actor.user.id, now),
        ...fields,
        applicantId: actor.user.id,
        status: 'draft',
        route: null,
        split: null,
        submittedAt: null,
      };
      await db.payments.insert(doc);
      await audit.appendLocked({
        unitId: doc.unitId,
        actor: actorRef(actor),
        action: 'paymentRequest.create',
        entity: 'paymentRequest',
        entityId: doc.id,
        summary: `新建支付申请草稿 ${doc.requestNo}（合同 ${ctx.contract.code}，${PAYMENT_KIND_LABELS[doc.kind]} ${formatFen(doc.amount)}）`,
        payload: { id: doc.id, requestNo: doc.requestNo, ...fields },
      });
      return doc;
    });
    const [request] = await this.views.full([saved]);
    const check = await this.check({ ...input, id: saved.id }, actor);
    return { request: request as RequestView, check };
  }

  /**
   * 提交: every rule, the route, the budget check and the reservation in one unit of work. Any
   * refusal throws before the first write, and a failure after it rolls everything back.
   */
  async submit(id: string, actor: Actor): Promise<RequestView> {
    const { db, lock, clock, audit, budget, approval } = this.deps;
    // The index's committing sums are the committed state; every read below comes before this
    // unit's first write, so they are exact — unless submit joins a caller's unit of work, which
    // may already have written requests: then the line and the contract are queried.
    const totalsFromIndex = !isInStorageTransaction(db);
    const submitted = await runAtomically(lock, db, async () => {
      const { doc, rx } = await this.load(id, actor);
      this.assertApplicant(doc, actor);
      if (nextRequestStatus(doc.status, 'submit') === null) {
        throw new AppError('REQUEST_STATE_INVALID', `申请 ${doc.requestNo} 当前为“${REQUEST_STATUS_LABELS[doc.status]}”，不能提交`, 'id');
      }
      const ctx = await loadContext(db, this.deps.attachments, doc, actor);
      const outcome = await this.evaluate(ctx, doc, true, totalsFromIndex);
      const first = outcome.violations[0];
      if (first) throw new AppError(first.code, first.message, first.field);
      if (ctx.project.status === 'closed') throw new AppError('CONTRACT_NOT_PAYABLE', `项目“${ctx.project.name}”已决算关闭，不能再申请付款`, 'contractId');
      const before = await budget.assertCanCommit({
        budgetLineId: doc.budgetLineId,
        amount: doc.amount,
        excludeRequestId: doc.id,
        field: 'amount',
        line: ctx.line,
        ...(totalsFromIndex ? { requests: await this.invoices.committingOnLine(doc.budgetLineId) } : {}),
      });
      const route = await approval.routeFor('paymentRequest', {
        amount: doc.amount,
        projectType: ctx.project.type,
        fundSource: ctx.line.fundSource,
        paymentKind: doc.kind,
      });
      const now = clock.now();
      await rx.incrementalPatch({ status: 'submitted', route, submittedAt: now, updatedAt: now });
      // the line's position with this request reserved, without scanning its requests again
      await budget.noteCommitChange(doc.budgetLineId, actor, { line: ctx.line, position: positionWith(before, doc.amount, 'submitted') });
      await audit.appendLocked({
        unitId: doc.unitId,
        actor: actorRef(actor),
        action: 'paymentRequest.submit',
        entity: 'paymentRequest',
        entityId: doc.id,
        summary: `提交支付申请 ${doc.requestNo}：${PAYMENT_KIND_LABELS[doc.kind]} ${formatFen(doc.amount)}（${toChineseCapitals(doc.amount)}），审批路线 ${route.steps.map((s) => s.label).join(' → ')}`,
        payload: {
          id: doc.id,
          requestNo: doc.requestNo,
          amount: doc.amount,
          budgetLineId: doc.budgetLineId,
          invoiceNos: doc.invoiceNos,
          attachments: ctx.attachments.map((a) => ({ id: a.id, sm3: a.sm3 })),
          route: { decisionTableId: route.decisionTableId, decisionTableVersion: route.decisionTableVersion, steps: route.steps },
          flags: outcome.flags.map((f) => f.message),
        },
      });
      return { ...doc, status: 'submitted' as const, route, submittedAt: now, updatedAt: now };
    });
    const [view] = await this.views.full([submitted]);
    return view as RequestView;
  }

  /** 撤回: draft or submitted → withdrawn; a submitted one releases its reservation. */
  async withdraw(id: string, reason: string, actor: Actor): Promise<RequestView> {
    const { db, lock, clock, audit, budget } = this.deps;
    const withdrawn = await runAtomically(lock, db, async () => {
      const { doc, rx } = await this.load(id, actor);
      this.assertApplicant(doc, actor);
      if (nextRequestStatus(doc.status, 'withdraw') === null) {
        throw new AppError('REQUEST_STATE_INVALID', `申请 ${doc.requestNo} 当前为“${REQUEST_STATUS_LABELS[doc.status]}”，不能撤回`, 'id');
      }
      const now = clock.now();
      await rx.incrementalPatch({ status: 'withdrawn', updatedAt: now });
      if (COMMITTING.has(doc.status)) await budget.noteCommitChange(doc.budgetLineId, actor);
      await audit.appendLocked({
        unitId: doc.unitId,
        actor: actorRef(actor),
        action: 'paymentRequest.withdraw',
        entity: 'paymentRequest',
        entityId: doc.id,
        summary: `撤回支付申请 ${doc.requestNo}（${formatFen(doc.amount)}）：${reason}`,
        payload: { id: doc.id, from: doc.status, reason, released: COMMITTING.has(doc.status) ? doc.amount : 0 },
      });
      return { ...doc, status: 'withdrawn' as const, updatedAt: now };
    });
    const [view] = await this.views.full([withdrawn]);
    return view as RequestView;
  }

  async get(id: string, actor: Actor): Promise<{ request: RequestView; check: RequestCheck }> {
    const { doc } = await this.load(id, actor);
    const [request] = await this.views.full([doc]);
    const check = await this.check(doc, actor);
    return { request: request as RequestView, check };
  }

  async list(filter: RequestListFilter, actor: Actor): Promise<{ total: number; items: RequestListItem[] }> {
    const selector: Record<string, unknown> = { docType: 'paymentRequest', unitId: { $in: [...actor.scopeUnitIds] } };
    if (filter.status) selector.status = filter.status;
    if (filter.kind) selector.kind = filter.kind;
    if (filter.contractId) selector.contractId = filter.contractId;
    if (filter.mine) selector.applicantId = actor.user.id;
    if (filter.search) selector.requestNo = { $regex: filter.search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') };
    const all = await this.deps.db.payments.find({ selector, sort: [{ createdAt: 'desc' }] }).exec();
    const page = all.slice(filter.offset, filter.offset + filter.limit).map((rx) => rx.toJSON() as PaymentRequestDoc);
    return { total: all.length, items: await this.views.list(page) };
  }

  close(): void {
    this.invoices.close();
  }
}

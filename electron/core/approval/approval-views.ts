import type { DecisionView, InboxCounts, InboxItem, RouteView, SheetFacts, StepView } from '../../../shared/api/methods/approval-methods';
import { checkSigner, stepTally, type ProgressInput } from '../../../shared/approval/approval-progress';
import { CONTRACT_CHANGE_KIND_LABELS, CONTRACT_CHANGE_STATUS_LABELS, type ContractChangeStatus } from '../../../shared/domain/contract';
import { REQUEST_STATUS_LABELS } from '../../../shared/domain/payment-request-status';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../api/handler-types';
import type { GovPayDatabase } from '../db/database';
import type { ApprovalDecisionDoc, BudgetLineDoc, ContractChangeDoc, ContractDoc, CounterpartyDoc, PaymentRequestDoc, ProjectDoc, UserDoc } from '../db/schemas';
import { changeRecord, loadSubject, personOf, progressInputOf, requestRecord, type SubjectRecord } from './approval-subjects';
import type { DecisionTableStore } from './decision-table-store';
import { verifyDecision } from './decision-verification';
import type { DelegationStore } from './delegation-store';

async function docOf<T>(db: GovPayDatabase, collection: 'contracts' | 'projects', id: string | null | undefined): Promise<T | null> {
  if (!id) return null;
  const doc = await db[collection].findOne(id).exec();
  return doc ? (doc.toJSON() as T) : null;
}

/** Contract, counterparty and project of a subject: what the sheet and the inbox name it by. */
async function contextOf(db: GovPayDatabase, contractId: string) {
  const contract = await docOf<ContractDoc>(db, 'contracts', contractId);
  const counterparty = await docOf<CounterpartyDoc>(db, 'contracts', contract?.counterpartyId);
  const project = await docOf<ProjectDoc>(db, 'projects', contract?.projectId);
  return { contract, counterparty, project };
}

function stepViews(input: ProgressInput, record: SubjectRecord, users: Map<string, UserDoc>): StepView[] {
  const status = record.request?.status ?? record.change?.status;
  const lastDecision = input.decisions[input.decisions.length - 1];
  return input.steps.map((step, index) => {
    const tally = stepTally(input, index);
    let state: StepView['state'] = index < input.currentStep ? 'approved' : index === input.currentStep && record.inApproval ? 'current' : 'waiting';
    if (!record.inApproval && index === input.currentStep && lastDecision && lastDecision.step === index) {
      if (status === 'rejected' && lastDecision.decision === 'reject') state = 'rejected';
      if (lastDecision.decision === 'return') state = 'returned';
    }
    return {
      index,
      role: step.role,
      scope: step.scope,
      mode: step.mode,
      label: step.label,
      state,
      signed: tally.signed,
      required: tally.required,
      pendingNames: state === 'current' ? tally.pending.map((p) => users.get(p.id)?.name ?? p.name) : [],
    };
  });
}

export class ApprovalViews {
  constructor(
    private readonly db: GovPayDatabase,
    private readonly tables: DecisionTableStore,
    private readonly delegations: DelegationStore,
  ) {}

  private async facts(record: SubjectRecord, users: Map<string, UserDoc>): Promise<SheetFacts> {
    const unit = await this.db.units.findOne(record.unitId).exec();
    const applicant = users.get(record.applicantId) ?? ((await this.db.users.findOne(record.applicantId).exec())?.toJSON() as UserDoc | undefined);
    const contractId = record.request?.contractId ?? record.change?.contractId ?? '';
    const { contract, counterparty, project } = await contextOf(this.db, contractId);
    const request = record.request;
    const change = record.change;
    const line = request ? await docOf<BudgetLineDoc>(this.db, 'projects', request.budgetLineId) : null;
    return {
      subject: record.subject,
      id: record.id,
      title: record.title,
      status: request?.status ?? change?.status ?? '',
      statusLabel: request ? REQUEST_STATUS_LABELS[request.status] : CONTRACT_CHANGE_STATUS_LABELS[(change?.status ?? 'draft') as ContractChangeStatus],
      amount: record.amount,
      applicantName: applicant?.name ?? '',
      submittedAt: request?.submittedAt ?? record.route?.routedAt ?? null,
      unitName: unit?.name ?? '',
      projectCode: project?.code ?? '',
      projectName: project?.name ?? '',
      contractCode: contract?.code ?? '',
      contractName: contract?.name ?? '',
      counterpartyName: counterparty?.name ?? '',
      paymentKind: request?.kind ?? null,
      labourAmount: request?.labourAmount ?? null,
      description: request?.description ?? change?.reason ?? '',
      invoiceNos: request?.invoiceNos ?? [],
      budgetLine: line ? { year: line.year, subjectCode: line.subjectCode, fundSource: line.fundSource } : null,
      changeKind: change ? CONTRACT_CHANGE_KIND_LABELS[change.kind] : null,
      before: change?.before ?? null,
      after: change?.after ?? null,
    };
  }

  private decisionViews(record: SubjectRecord, decisions: ApprovalDecisionDoc[], users: Map<string, UserDoc>, routedAt: number | null): DecisionView[] {
    const steps = record.route?.steps ?? [];
    return decisions.map((d) => ({
      id: d.id,
      step: d.step,
      stepLabel: steps[d.step]?.label ?? `第 ${d.step + 1} 步`,
      stepRole: d.stepRole,
      userId: d.userId,
      userName: d.userName,
      onBehalfOfName: d.onBehalfOf ? (users.get(d.onBehalfOf)?.name ?? d.onBehalfOf) : null,
      decision: d.decision,
      comment: d.comment,
      signedAt: d.signedAt,
      signerPublicKey: d.signerPublicKey,
      signature: d.signature,
      currentRound: routedAt !== null && d.signedAt >= routedAt,
      verification: verifyDecision(d, record.contentHash, users.get(d.userId)),
    }));
  }

  async route(actor: Actor, subject: SubjectRecord['subject'], id: string): Promise<RouteView> {
    const record = await loadSubject(this.db, subject, id);
    if (!actor.scopeUnitIds.includes(record.unitId)) throw new AppError('OUT_OF_SCOPE', undefined, 'requestId');
    if (!record.route) {
      const users = new Map<string, UserDoc>();
      return { facts: await this.facts(record, users), route: null, decisions: [], mayDecide: { ok: false, message: '尚未提交审批', onBehalfOfName: null } };
    }
    const { input, users, decisions } = await progressInputOf(this.db, this.delegations, record);
    // decisions may be signed by people of other offices (an upper office's leader)
    for (const d of decisions) {
      if (!users.has(d.userId)) {
        const u = await this.db.users.findOne(d.userId).exec();
        if (u) users.set(u.id, u.toMutableJSON() as UserDoc);
      }
    }
    const table = await this.tables.byId(record.route.decisionTableId).catch(() => null);
    const me = users.get(actor.user.id) ?? actor.user;
    const check = record.inApproval ? checkSigner(input, personOf(me)) : null;
    return {
      facts: await this.facts(record, users),
      route: {
        decisionTableId: record.route.decisionTableId,
        decisionTableVersion: record.route.decisionTableVersion,
        tableName: table?.name ?? '',
        routedAt: record.route.routedAt,
        currentStep: record.route.currentStep,
        steps: stepViews(input, record, users),
      },
      decisions: this.decisionViews(record, decisions, users, record.route.routedAt),
      mayDecide: check
        ? check.ok
          ? { ok: true, message: '', onBehalfOfName: check.onBehalfOf?.name ?? null }
          : { ok: false, message: check.message, onBehalfOfName: null }
        : { ok: false, message: '该事项不在审批中', onBehalfOfName: null },
    };
  }

  /** Subjects in approval within the actor's scope whose current step the actor may sign now. */
  async inbox(actor: Actor): Promise<{ items: InboxItem[]; counts: InboxCounts }> {
    // an administrator never signs (R10): nothing can wait for them, so nothing is read
    if (actor.roles.includes('admin')) return { items: [], counts: { total: 0, paymentRequest: 0, contractChange: 0, delegated: 0, newestAt: null } };
    const scope = [...actor.scopeUnitIds];
    const requests = await this.db.payments.find({ selector: { docType: 'paymentRequest', status: 'submitted', unitId: { $in: scope } } }).exec();
    const changes = await this.db.contracts.find({ selector: { docType: 'contractChange', status: 'submitted', unitId: { $in: scope } } }).exec();
    const records: SubjectRecord[] = [
      ...requests.map((d) => requestRecord(d.toMutableJSON() as PaymentRequestDoc)),
      ...changes.map((d) => changeRecord(d.toMutableJSON() as ContractChangeDoc, '')),
    ];
    const items: InboxItem[] = [];
    for (const record of records) {
      if (!record.route) continue;
      const { input, users } = await progressInputOf(this.db, this.delegations, record);
      const me = users.get(actor.user.id) ?? actor.user;
      const check = checkSigner(input, personOf(me));
      if (!check.ok) continue;
      const step = input.steps[input.currentStep];
      if (!step) continue;
      const tally = stepTally(input, input.currentStep);
      const { contract, project } = await contextOf(this.db, record.request?.contractId ?? record.change?.contractId ?? '');
      items.push({
        subject: record.subject,
        id: record.id,
        title: record.change ? `${contract?.code ?? ''} 合同变更` : record.title,
        amount: record.amount,
        applicantName: users.get(record.applicantId)?.name ?? '',
        projectName: project?.name ?? '',
        contractName: contract?.name ?? '',
        submittedAt: record.request?.submittedAt ?? record.route.routedAt,
        step: input.currentStep,
        stepCount: input.steps.length,
        stepLabel: step.label,
        mode: step.mode,
        signed: tally.signed,
        required: tally.required,
        onBehalfOfName: check.onBehalfOf?.name ?? null,
      });
    }
    items.sort((a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0));
    const newest = items.reduce<number | null>((max, i) => (i.submittedAt !== null && (max === null || i.submittedAt > max) ? i.submittedAt : max), null);
    return {
      items,
      counts: {
        total: items.length,
        paymentRequest: items.filter((i) => i.subject === 'paymentRequest').length,
        contractChange: items.filter((i) => i.subject === 'contractChange').length,
        delegated: items.filter((i) => i.onBehalfOfName !== null).length,
        newestAt: newest,
      },
    };
  }
}

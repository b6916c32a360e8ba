import { checkSigner, stepTally, type ProgressInput } from '../../../shared/approval/approval-progress';
import { decisionPayloadHash, type SignedDecisionFields } from '../../../shared/approval/decision-payload';
import { sm2Sign } from '../../../shared/crypto';
import { APPROVAL_DECISION_LABELS, APPROVAL_SUBJECT_LABELS, STEP_MODE_LABELS, type ApprovalDecision, type ApprovalSubject } from '../../../shared/domain/approval';
import { nextRequestStatus, REQUEST_STATUS_LABELS, type RequestEvent } from '../../../shared/domain/payment-request-status';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import type { Clock } from '../app/clock';
import { runAtomically } from '../app/unit-of-work';
import type { WriteLock } from '../app/write-lock';
import type { Actor } from '../api/handler-types';
import type { AuditLog } from '../audit/audit-log';
import { unwrapPrivateKey } from '../auth/user-keys';
import type { BudgetService } from '../budget/budget-service';
import type { ContractService } from '../contracts/contract-service';
import type { GovPayDatabase } from '../db/database';
import type { ApprovalDecisionDoc, UserDoc } from '../db/schemas';
import { loadSubject, personOf, progressInputOf, type SubjectRecord } from './approval-subjects';
import type { DelegationStore } from './delegation-store';

export interface DecideInput {
  subject: ApprovalSubject;
  requestId: string;
  decision: ApprovalDecision;
  comment: string;
  /** the approver's own password: it unlocks their SM2 signing key */
  password: string;
  /** the step the approver was looking at; if someone moved the request meanwhile, refuse */
  expectedStep?: number | undefined;
}

export interface DecideResult {
  decisionId: string;
  step: number;
  /** N of M after this decision (会签) */
  signed: number;
  required: number;
  stepComplete: boolean;
  /** the step now awaiting decisions; equals the route length when approval is finished */
  currentStep: number;
  /** the request's (or change's) status afterwards */
  status: string;
  onBehalfOfName: string | null;
}

export interface DeciderDeps {
  db: GovPayDatabase;
  audit: AuditLog;
  lock: WriteLock;
  clock: Clock;
  delegations: DelegationStore;
  budget: Pick<BudgetService, 'assertCanCommit' | 'noteCommitChange'>;
  contracts: Pick<ContractService, 'applyApprovedChange' | 'markChangeReturned' | 'markChangeRejected'>;
}

const MAX_COMMENT = 500;

/**
 * 审批: approve, return (退回修改) or reject the current step of a payment request or contract
 * change. One unit of work holds the R10 check, the budget re-check, the signed decision, the
 * status move and the audit event. A refusal under R10 is itself audited: that event is
 * committed and the error thrown after the unit of work, so the record of the attempt stays.
 */
export class ApprovalDecider {
  constructor(private readonly deps: DeciderDeps) {}

  async decide(actor: Actor, input: DecideInput): Promise<DecideResult> {
    const comment = input.comment.trim();
    if (comment === '') throw new AppError('COMMENT_REQUIRED', `请填写审批意见（${APPROVAL_DECISION_LABELS[input.decision]}也须说明理由）`, 'comment');
    if (comment.length > MAX_COMMENT) throw new AppError('VALIDATION_FAILED', `审批意见不能超过 ${MAX_COMMENT} 字`, 'comment');
    const { db, lock } = this.deps;
    const fresh = await db.users.findOne(actor.user.id).exec();
    if (!fresh || fresh.disabled) throw new AppError('ACCOUNT_DISABLED');
    const me = fresh.toMutableJSON() as UserDoc;
    // R10 does not depend on the password: a forbidden attempt is refused (and audited) first
    await this.refuseEarly(actor, me, input);
    // scrypt is slow: unlock the key before taking the write lock, not while holding it
    let privateKey: string;
    try {
      privateKey = await unwrapPrivateKey(me.wrappedPrivateKey, input.password);
    } catch {
      throw new AppError('SIGNING_PASSWORD_WRONG', undefined, 'password');
    }
    const outcome = await runAtomically(lock, db, async () => {
      const record = await loadSubject(db, input.subject, input.requestId);
      if (!actor.scopeUnitIds.includes(record.unitId)) throw new AppError('OUT_OF_SCOPE', undefined, 'requestId');
      const route = record.route;
      if (!record.inApproval || !route) throw new AppError('APPROVAL_STATE_INVALID', `${record.title}当前不在审批中（${this.statusText(record)}），请刷新后核对`, 'requestId');
      if (input.expectedStep !== undefined && input.expectedStep !== route.currentStep) {
        throw new AppError('APPROVAL_STATE_INVALID', `${record.title}已由他人处理，当前在第 ${route.currentStep + 1} 步，请刷新后核对`, 'requestId');
      }
      const current = await db.users.findOne(me.id).exec();
      if (!current || current.wrappedPrivateKey !== me.wrappedPrivateKey) throw new AppError('CONFLICT', '您的签名密钥刚刚发生变化（密码被修改或重置），请重新操作', 'password');
      const { input: progress } = await progressInputOf(db, this.deps.delegations, record);
      const check = checkSigner(progress, personOf(me));
      if (!check.ok) {
        if (check.code !== 'SEPARATION_OF_DUTIES') throw new AppError(check.code, check.message, 'requestId');
        await this.auditRefusal(actor, me, record, route.currentStep, input.decision, check.message);
        return { refused: new AppError('SEPARATION_OF_DUTIES', `操作被拒绝：${check.message}。本次尝试已记入审计日志`, 'requestId') };
      }
      if (input.decision === 'approve' && record.request) {
        await this.deps.budget.assertCanCommit({ budgetLineId: record.request.budgetLineId, amount: record.request.amount, excludeRequestId: record.id, field: 'amount' });
      }
      const onBehalfOf = check.onBehalfOf;
      const step = route.currentStep;
      const stepRoute = route.steps[step];
      if (!stepRoute) throw new AppError('APPROVAL_STATE_INVALID', undefined, 'requestId');
      const signedAt = this.deps.clock.now();
      const fields: SignedDecisionFields = {
        subject: record.subject,
        requestId: record.id,
        step,
        stepRole: stepRoute.role,
        userId: me.id,
        decision: input.decision,
        comment,
        signedAt,
        onBehalfOf: onBehalfOf?.id,
      };
      const signedPayloadHash = decisionPayloadHash(fields, record.contentHash);
      const doc: ApprovalDecisionDoc = {
        id: newId(),
        unitId: record.unitId,
        createdBy: me.id,
        createdAt: signedAt,
        updatedAt: signedAt,
        docType: 'approvalDecision',
        subject: record.subject,
        requestId: record.id,
        step,
        stepRole: stepRoute.role,
        userId: me.id,
        userName: me.name,
        decision: input.decision,
        comment,
        signedAt,
        signedPayloadHash,
        signerPublicKey: me.publicKey,
        signature: sm2Sign(signedPayloadHash, privateKey, { publicKey: me.publicKey }),
        ...(onBehalfOf ? { onBehalfOf: onBehalfOf.id } : {}),
      };
      await db.records.insert(doc);
      const after: ProgressInput = { ...progress, decisions: [...progress.decisions, { userId: me.id, onBehalfOf: onBehalfOf?.id, step, decision: input.decision, signedAt }] };
      const tally = stepTally(after, step);
      const moved = await this.move(actor, record, input.decision, tally.complete);
      const who = `${me.name}（${ROLE_LABELS[stepRoute.role]}${onBehalfOf ? `，代${onBehalfOf.name}` : ''}）`;
      const countersign = stepRoute.mode === 'all' ? `，${STEP_MODE_LABELS.all} ${tally.signed}/${tally.required}` : '';
      await this.deps.audit.appendLocked({
        unitId: record.unitId,
        actor: { id: me.id, name: me.name },
        action: `approval.${input.decision}`,
        entity: record.subject,
        entityId: record.id,
        summary: `${who}对${APPROVAL_SUBJECT_LABELS[record.subject]} ${record.title} 第 ${step + 1} 步“${stepRoute.label}”${APPROVAL_DECISION_LABELS[input.decision]}${countersign}：${comment}`,
        payload: { decision: doc, statusAfter: moved.status, currentStep: moved.currentStep },
      });
      const result: DecideResult = {
        decisionId: doc.id,
        step,
        signed: tally.signed,
        required: tally.required,
        stepComplete: tally.complete,
        currentStep: moved.currentStep,
        status: moved.status,
        onBehalfOfName: onBehalfOf?.name ?? null,
      };
      return { result };
    });
    if ('refused' in outcome) throw outcome.refused;
    return outcome.result;
  }

  /** The R10 check before the password is even looked at; the unit of work checks again. */
  private async refuseEarly(actor: Actor, me: UserDoc, input: DecideInput): Promise<void> {
    const { db, lock } = this.deps;
    const record = await loadSubject(db, input.subject, input.requestId);
    if (!actor.scopeUnitIds.includes(record.unitId)) throw new AppError('OUT_OF_SCOPE', undefined, 'requestId');
    if (!record.inApproval || !record.route) return;
    const { input: progress } = await progressInputOf(db, this.deps.delegations, record);
    const check = checkSigner(progress, personOf(me));
    if (check.ok || check.code !== 'SEPARATION_OF_DUTIES') return;
    const step = record.route.currentStep;
    await runAtomically(lock, db, () => this.auditRefusal(actor, me, record, step, input.decision, check.message));
    throw new AppError('SEPARATION_OF_DUTIES', `操作被拒绝：${check.message}。本次尝试已记入审计日志`, 'requestId');
  }

  private statusText(record: SubjectRecord): string {
    if (record.request) return REQUEST_STATUS_LABELS[record.request.status];
    return record.change?.status ?? '';
  }

  private async auditRefusal(actor: Actor, me: UserDoc, record: SubjectRecord, step: number, decision: ApprovalDecision, reason: string): Promise<void> {
    await this.deps.audit.appendLocked({
      unitId: record.unitId,
      actor: { id: me.id, name: me.name },
      action: 'approval.refused',
      entity: record.subject,
      entityId: record.id,
      summary: `拒绝${me.name}对${APPROVAL_SUBJECT_LABELS[record.subject]} ${record.title} 第 ${step + 1} 步的“${APPROVAL_DECISION_LABELS[decision]}”：${reason}`,
      payload: { userId: me.id, roles: actor.roles, requestId: record.id, step, decision, reason },
    });
  }

  /** The status move a decision makes, through the state machine of payment-request-status.ts. */
  private async move(actor: Actor, record: SubjectRecord, decision: ApprovalDecision, stepComplete: boolean): Promise<{ status: string; currentStep: number }> {
    const route = record.route;
    if (!route) throw new AppError('APPROVAL_STATE_INVALID');
    const last = route.currentStep === route.steps.length - 1;
    const nextStep = decision === 'approve' && stepComplete ? route.currentStep + 1 : route.currentStep;
    const now = this.deps.clock.now();
    if (record.request) {
      const request = record.request;
      const event: RequestEvent = decision === 'approve' ? (stepComplete && last ? 'approveLast' : 'approveStep') : decision;
      const status = nextRequestStatus(request.status, event);
      if (!status) throw new AppError('REQUEST_STATE_INVALID', `支付申请 ${request.requestNo} 当前为${REQUEST_STATUS_LABELS[request.status]}，不能${APPROVAL_DECISION_LABELS[decision]}`, 'requestId');
      const doc = await this.deps.db.payments.findOne(request.id).exec();
      if (!doc) throw new AppError('NOT_FOUND', '支付申请不存在', 'requestId');
      if (status !== request.status || nextStep !== route.currentStep) {
        await doc.incrementalPatch({ status, route: { ...route, currentStep: nextStep }, updatedAt: now });
      }
      // 退回 and 驳回 release the reservation: the budget line may fall back under its warning line
      if (decision !== 'approve') await this.deps.budget.noteCommitChange(request.budgetLineId, actor);
      return { status, currentStep: nextStep };
    }
    const change = record.change;
    if (!change) throw new AppError('APPROVAL_STATE_INVALID');
    const doc = await this.deps.db.contracts.findOne(change.id).exec();
    if (!doc) throw new AppError('NOT_FOUND', '合同变更不存在', 'requestId');
    if (nextStep !== route.currentStep) await doc.incrementalPatch({ route: { ...route, currentStep: nextStep }, updatedAt: now });
    if (decision === 'return') await this.deps.contracts.markChangeReturned(change.id, actor);
    else if (decision === 'reject') await this.deps.contracts.markChangeRejected(change.id, actor);
    else if (stepComplete && last) await this.deps.contracts.applyApprovedChange(change.id, actor);
    const updated = await this.deps.db.contracts.findOne(change.id).exec();
    return { status: updated && updated.docType === 'contractChange' ? String((updated.toJSON() as { status: string }).status) : change.status, currentStep: nextStep };
  }
}

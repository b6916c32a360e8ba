import type { TableDraftView, TableIssueView, TableVersionView } from '../../../shared/api/methods/approval-methods';
import { compileTable, type DecisionTableContent } from '../../../shared/approval/decision-engine';
import type { ApprovalFacts } from '../../../shared/approval/decision-inputs';
import { validateTable, type TableDraft } from '../../../shared/approval/table-validation';
import { APPROVAL_SUBJECT_LABELS, type ApprovalSubject, type ApproverRole } from '../../../shared/domain/approval';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import type { Clock } from '../app/clock';
import { runAtomically } from '../app/unit-of-work';
import type { WriteLock } from '../app/write-lock';
import type { Actor } from '../api/handler-types';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import type { DecisionTableDoc } from '../db/schemas';
import type { DecisionTableStore } from './decision-table-store';

/** The draft as the engine reads it; the check has already refused anything but approver roles. */
function asTable(draft: TableDraftView): TableDraft {
  return { ...draft, rules: draft.rules.map((r) => ({ ...r, steps: r.steps.map((s) => ({ ...s, role: s.role as ApproverRole })) })) };
}

/**
 * 系统管理 → 审批规则: versions, the check, publishing a new immutable version, and "try it".
 * Only administrators reach these (API access), and each publication is audited.
 */
export class DecisionTableAdmin {
  constructor(
    private readonly db: GovPayDatabase,
    private readonly store: DecisionTableStore,
    private readonly audit: AuditLog,
    private readonly lock: WriteLock,
    private readonly clock: Clock,
  ) {}

  private async view(doc: DecisionTableDoc, inForceId: string | null): Promise<TableVersionView> {
    const author = doc.createdBy === 'system' ? null : await this.db.users.findOne(doc.createdBy).exec();
    return {
      id: doc.id,
      subject: doc.subject,
      name: doc.name,
      hitPolicy: doc.hitPolicy,
      inputs: doc.inputs,
      rules: doc.rules,
      version: doc.version,
      activeFrom: doc.activeFrom,
      createdAt: doc.createdAt,
      createdByName: author?.name ?? (doc.createdBy === 'system' ? '系统默认' : doc.createdBy),
      inForce: doc.id === inForceId,
    };
  }

  async list(subject: ApprovalSubject): Promise<TableVersionView[]> {
    const versions = await this.store.versions(subject);
    const inForce = await this.store.inForce(subject).catch(() => null);
    return Promise.all(versions.map((v) => this.view(v, inForce?.id ?? null)));
  }

  async get(id: string): Promise<TableVersionView> {
    const doc = await this.store.byId(id);
    const inForce = await this.store.inForce(doc.subject).catch(() => null);
    return this.view(doc, inForce?.id ?? null);
  }

  validate(draft: TableDraftView): TableIssueView[] {
    return validateTable(asTable(draft));
  }

  tryRoute(draft: TableDraftView, facts: ApprovalFacts) {
    const issues = this.validate(draft);
    if (issues.some((i) => i.severity === 'error')) return { issues, steps: [], hits: [] };
    const table: DecisionTableContent = asTable(draft);
    const outcome = compileTable(table).evaluate(facts);
    const index = new Map(draft.rules.map((r, i) => [r.id, i]));
    return {
      issues,
      steps: outcome.steps,
      hits: outcome.hits.map((id) => ({ id, index: index.get(id) ?? -1, note: draft.rules[index.get(id) ?? -1]?.note ?? '' })),
    };
  }

  async publish(actor: Actor, draft: TableDraftView, activeFrom: number | null): Promise<{ table: TableVersionView; warnings: TableIssueView[] }> {
    const issues = this.validate(draft);
    const firstError = issues.find((i) => i.severity === 'error');
    if (firstError) throw new AppError('DECISION_TABLE_INVALID', `审批规则有错误，未发布：${firstError.message}`, `table.${firstError.field}`);
    const now = this.clock.now();
    if (activeFrom !== null && activeFrom < now - 60_000) throw new AppError('VALIDATION_FAILED', '生效时间不能早于现在（已提交的申请按原版本审批，新版本不能追溯）', 'activeFrom');
    const doc = await runAtomically(this.lock, this.db, async () => {
      await this.store.ensureDefaults();
      const version = (await this.store.latestVersion(draft.subject)) + 1;
      const table = asTable(draft);
      const created: DecisionTableDoc = {
        id: newId(),
        unitId: actor.user.unitId,
        createdBy: actor.user.id,
        createdAt: now,
        updatedAt: now,
        docType: 'decisionTable',
        subject: draft.subject,
        version,
        name: draft.name.trim(),
        inputs: table.inputs.map((i) => ({ ...i })),
        rules: table.rules.map((r) => ({ id: r.id, when: r.when.map((w) => w.trim()), steps: r.steps.map((s) => ({ ...s, label: s.label.trim() })), note: r.note })),
        hitPolicy: draft.hitPolicy,
        activeFrom: Math.max(activeFrom ?? now, now),
      };
      await this.store.insertLocked(created);
      await this.audit.appendLocked({
        unitId: actor.user.unitId,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'approval.table.publish',
        entity: 'decisionTable',
        entityId: created.id,
        summary: `发布${APPROVAL_SUBJECT_LABELS[draft.subject]}审批规则“${created.name}”第 ${version} 版（${created.rules.length} 条规则，${created.hitPolicy}）`,
        payload: created,
      });
      return created;
    });
    return { table: await this.view(doc, (await this.store.inForce(doc.subject).catch(() => null))?.id ?? null), warnings: issues };
  }
}

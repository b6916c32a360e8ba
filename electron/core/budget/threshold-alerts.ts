import { atOrOverWarning } from '../../../shared/budget/threshold';
import { usedBasisPoints, type BudgetPosition } from '../../../shared/budget/position';
import { newId } from '../../../shared/ids/uuidv7';
import { formatFen } from '../../../shared/money';
import type { Actor } from '../api/handler-types';
import type { Clock } from '../app/clock';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import type { BudgetLineDoc, ProjectDoc, RiskAlertDoc } from '../db/schemas';

/**
 * The detector name of the R8 warning. The seed's risk alerts (seed/risk-alerts.ts) already use
 * it, so alerts raised here and the demo office's alerts are one set, found by one fingerprint.
 */
export const BUDGET_THRESHOLD_DETECTOR = 'budget.nearCeiling';

export function thresholdFingerprint(budgetLineId: string): string {
  return `${BUDGET_THRESHOLD_DETECTOR}:${budgetLineId}`;
}

interface Deps {
  db: GovPayDatabase;
  audit: AuditLog;
  clock: Clock;
}

/** What the alert carries; the warning report reads the same facts. */
export interface ThresholdEvidence {
  year: number;
  subjectCode: string;
  amount: number;
  reserved: number;
  paid: number;
  usedBp: number;
  warnRatio: number;
  rule: 'R8';
}

/**
 * Whether an alert is already due: an open or acknowledged alert covers the line while it stays
 * over the threshold; an alert a risk officer closed covers usage up to what it saw, so only
 * further use raises a new one (a release followed by the same reservation again does not).
 */
function covered(existing: readonly RiskAlertDoc[], usedBp: number): boolean {
  return existing.some((a) => {
    if (a.state === 'open' || a.state === 'acknowledged') return true;
    const seen = typeof a.evidence.usedBp === 'number' ? a.evidence.usedBp : 0;
    return seen >= usedBp;
  });
}

/** From 95 % the line is about to block payments: the seed's grading, kept when usage grows. */
const CRITICAL_BP = 9_500;

/**
 * An alert still being handled that was raised as a warning becomes critical once use passes 95 %
 * (with an audit event), rather than a second alert for the same line.
 */
async function escalateIfDue(
  deps: Deps,
  docs: readonly { id: string; incrementalPatch(patch: Partial<RiskAlertDoc>): Promise<unknown> }[],
  existing: readonly RiskAlertDoc[],
  line: BudgetLineDoc,
  position: BudgetPosition,
  usedBp: number,
  actor: Actor,
): Promise<boolean> {
  if (usedBp < CRITICAL_BP) return false;
  const alert = existing.find((a) => (a.state === 'open' || a.state === 'acknowledged') && a.severity === 'warning');
  const doc = alert && docs.find((d) => d.id === alert.id);
  if (!alert || !doc) return false;
  const now = deps.clock.now();
  await doc.incrementalPatch({ severity: 'critical', evidence: { ...alert.evidence, reserved: position.reserved, paid: position.paid, usedBp }, updatedAt: now });
  await deps.audit.appendLocked({
    unitId: line.unitId,
    actor: { id: actor.user.id, name: actor.user.name },
    action: 'budget.warningEscalated',
    entity: 'budgetLine',
    entityId: line.id,
    summary: `预算预警升级为严重（R8）：${line.year}年 ${line.subjectCode} 已使用 ${(usedBp / 100).toFixed(2)}%，可用 ${formatFen(position.available)}`,
    payload: { alertId: alert.id, usedBp, reserved: position.reserved, paid: position.paid },
  });
  return true;
}

export async function raiseThresholdAlertIfDue(deps: Deps, line: BudgetLineDoc, position: BudgetPosition, actor: Actor): Promise<RiskAlertDoc | null> {
  if (!atOrOverWarning(position)) return null;
  const usedBp = usedBasisPoints(position);
  const fingerprint = thresholdFingerprint(line.id);
  const docs = await deps.db.riskalerts.find({ selector: { docType: 'riskAlert', fingerprint } }).exec();
  const existing = docs.map((d) => d.toJSON() as RiskAlertDoc);
  const escalated = await escalateIfDue(deps, docs, existing, line, position, usedBp, actor);
  if (escalated || covered(existing, usedBp)) return null;
  const projectDoc = await deps.db.projects.findOne(line.projectId).exec();
  const project = projectDoc?.toJSON() as ProjectDoc | undefined;
  const now = deps.clock.now();
  const evidence: ThresholdEvidence = {
    year: line.year,
    subjectCode: line.subjectCode,
    amount: position.amount,
    reserved: position.reserved,
    paid: position.paid,
    usedBp,
    warnRatio: position.warnRatio,
    rule: 'R8',
  };
  const percent = (usedBp / 100).toFixed(2);
  const alert: RiskAlertDoc = {
    id: newId(),
    unitId: line.unitId,
    createdBy: 'system',
    createdAt: now,
    updatedAt: now,
    docType: 'riskAlert',
    detector: BUDGET_THRESHOLD_DETECTOR,
    fingerprint,
    severity: usedBp >= CRITICAL_BP ? 'critical' : 'warning',
    title: `预算指标已使用${percent}%：${project?.name ?? line.projectId}（${line.year}年 ${line.subjectCode}）`.slice(0, 200),
    subjects: [
      { entity: 'budgetLine', id: line.id },
      { entity: 'project', id: line.projectId },
    ],
    evidence: { ...evidence },
    state: 'open',
    dispositions: [],
  };
  await deps.db.riskalerts.insert(alert);
  await deps.audit.appendLocked({
    unitId: line.unitId,
    actor: { id: actor.user.id, name: actor.user.name },
    action: 'budget.warningRaised',
    entity: 'budgetLine',
    entityId: line.id,
    summary: `预算预警（R8）：${project?.name ?? ''} ${line.year}年 ${line.subjectCode} 已使用 ${percent}%，指标 ${formatFen(position.amount)}，可用 ${formatFen(position.available)}`,
    payload: { alertId: alert.id, ...evidence },
  });
  return alert;
}

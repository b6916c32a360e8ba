import type { BudgetNotice } from '../../../shared/api/methods/budget-methods';
import { usedBasisPoints } from '../../../shared/budget/position';
import { usageLevel } from '../../../shared/budget/threshold';
import type { Actor } from '../api/handler-types';
import type { GovPayDatabase } from '../db/database';
import type { BudgetLineDoc, ProjectDoc, RiskAlertDoc } from '../db/schemas';
import { canRead } from '../projects/project-access';
import type { BudgetService } from './budget-service';
import { BUDGET_THRESHOLD_DETECTOR } from './threshold-alerts';

const STILL_OPEN = new Set(['open', 'acknowledged']);

/** The alert a notice shows: one still being handled first, else the newest (ids are UUIDv7). */
function ranksAbove(a: RiskAlertDoc, b: RiskAlertDoc): boolean {
  const openA = STILL_OPEN.has(a.state);
  if (openA !== STILL_OPEN.has(b.state)) return openA;
  return a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
}

/**
 * Lines at or over the R8 warning threshold, computed live from the requests (so a notice goes
 * away when a rejection releases money), each with its latest warning alert. Most used first.
 */
export async function budgetNotices(db: GovPayDatabase, budget: BudgetService, actor: Actor): Promise<BudgetNotice[]> {
  const projectDocs = await db.projects.find({ selector: { docType: 'project', unitId: { $in: [...actor.scopeUnitIds] } } }).exec();
  const projects = new Map(
    projectDocs
      .map((d) => d.toJSON() as ProjectDoc)
      .filter((p) => canRead(actor, p))
      .map((p) => [p.id, p]),
  );
  if (projects.size === 0) return [];
  const lineDocs = await db.projects.find({ selector: { docType: 'budgetLine', projectId: { $in: [...projects.keys()] } } }).exec();
  const lines = lineDocs.map((d) => d.toJSON() as BudgetLineDoc);
  const positions = await budget.positionsOf(lines);
  const alertDocs = await db.riskalerts.find({ selector: { docType: 'riskAlert', detector: BUDGET_THRESHOLD_DETECTOR } }).exec();
  const latestAlert = new Map<string, RiskAlertDoc>();
  for (const a of alertDocs.map((d) => d.toJSON() as RiskAlertDoc)) {
    const lineId = a.subjects.find((s) => s.entity === 'budgetLine')?.id;
    if (!lineId) continue;
    const prev = latestAlert.get(lineId);
    if (!prev || ranksAbove(a, prev)) latestAlert.set(lineId, a);
  }
  const notices: BudgetNotice[] = [];
  for (const line of lines) {
    const position = positions.get(line.id);
    const project = projects.get(line.projectId);
    if (!position || !project) continue;
    const level = usageLevel(position);
    if (level === 'normal') continue;
    const alert = latestAlert.get(line.id);
    notices.push({
      budgetLineId: line.id,
      projectId: project.id,
      projectCode: project.code,
      projectName: project.name,
      year: line.year,
      subjectCode: line.subjectCode,
      fundSource: line.fundSource,
      position,
      usedBp: usedBasisPoints(position),
      level,
      alert: alert ? { id: alert.id, state: alert.state, severity: alert.severity, createdAt: alert.createdAt } : null,
    });
  }
  return notices.sort((a, b) => b.usedBp - a.usedBp || a.projectCode.localeCompare(b.projectCode));
}

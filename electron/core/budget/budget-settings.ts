import { DEFAULT_WARN_RATIO, warnRatioProblem } from '../../../shared/budget/threshold';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../app/clock';
import type { GovPayDatabase } from '../db/database';

/** Settings document of the budget check (R8). */
export const BUDGET_SETTING = 'budget';

export interface BudgetSettings {
  /** warning threshold as a ratio of the line amount; default 0.9, may only be tightened */
  warnRatio: number;
}

/**
 * The warning ratio in force. A stored value that is no longer allowed (a damaged or hand-edited
 * document) falls back to the default rather than loosening the warning.
 */
export async function readBudgetSettings(db: GovPayDatabase): Promise<BudgetSettings> {
  const doc = await db.settings.findOne(BUDGET_SETTING).exec();
  const stored = (doc?.value as Partial<BudgetSettings> | undefined)?.warnRatio;
  if (typeof stored === 'number' && warnRatioProblem(stored) === null) return { warnRatio: stored };
  return { warnRatio: DEFAULT_WARN_RATIO };
}

/** Validates and writes the settings; the caller runs this inside its unit of work with the audit event. */
export async function writeBudgetSettings(db: GovPayDatabase, clock: Clock, unitId: string, userId: string, next: BudgetSettings): Promise<void> {
  const problem = warnRatioProblem(next.warnRatio);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, 'warnRatio');
  const now = clock.now();
  const existing = await db.settings.findOne(BUDGET_SETTING).exec();
  if (existing) {
    await existing.incrementalPatch({ value: { warnRatio: next.warnRatio }, updatedAt: now });
  } else {
    await db.settings.insert({ id: BUDGET_SETTING, unitId, value: { warnRatio: next.warnRatio }, createdBy: userId, createdAt: now, updatedAt: now });
  }
}

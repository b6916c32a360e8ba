import type { BudgetPosition } from './position';

/**
 * R8 warning threshold: 90 % by default. An administrator may tighten it (warn earlier), never
 * loosen it: 《预算法》 asks for a warning when a project nears its ceiling, and a threshold above
 * 90 % would leave too little room to react before the 100 % block.
 */
export const DEFAULT_WARN_RATIO = 0.9;
export const MIN_WARN_RATIO = 0.5;
export const MAX_WARN_RATIO = DEFAULT_WARN_RATIO;

/** The ratio in whole basis points (0.9 → 9000), so comparisons are exact integers. */
export function warnBasisPoints(warnRatio: number): number {
  return Math.round(warnRatio * 10_000);
}

/** Null when the ratio may be set, otherwise the reason in Chinese. */
export function warnRatioProblem(warnRatio: number): string | null {
  if (!Number.isFinite(warnRatio)) return '预警比例须为数字';
  const bp = warnBasisPoints(warnRatio);
  if (Math.abs(bp - warnRatio * 10_000) > 1e-6 || bp % 100 !== 0) return '预警比例须为整百分数，如 85%';
  if (bp > warnBasisPoints(MAX_WARN_RATIO)) return `预警比例不能高于 ${MAX_WARN_RATIO * 100}%（《预算法》/R8：只能调严，不能放宽）`;
  if (bp < warnBasisPoints(MIN_WARN_RATIO)) return `预警比例不能低于 ${MIN_WARN_RATIO * 100}%`;
  return null;
}

/** Whether reserved + paid reached the warning threshold of the line (exact, in BigInt). */
export function atOrOverWarning(position: Pick<BudgetPosition, 'amount' | 'reserved' | 'paid' | 'warnRatio'>): boolean {
  const used = BigInt(position.reserved + position.paid);
  if (used === 0n) return false;
  return used * 10_000n >= BigInt(position.amount) * BigInt(warnBasisPoints(position.warnRatio));
}

/** Whether a change from `before` to `after` crossed the threshold upwards. */
export function crossedWarning(
  before: Pick<BudgetPosition, 'amount' | 'reserved' | 'paid' | 'warnRatio'>,
  after: Pick<BudgetPosition, 'amount' | 'reserved' | 'paid' | 'warnRatio'>,
): boolean {
  return !atOrOverWarning(before) && atOrOverWarning(after);
}

export type UsageLevel = 'normal' | 'warning' | 'exhausted';

/** How a usage bar shows a line: exhausted at 100 %, warning from the threshold. */
export function usageLevel(position: Pick<BudgetPosition, 'amount' | 'reserved' | 'paid' | 'warnRatio' | 'available'>): UsageLevel {
  if (position.amount > 0 && position.available <= 0) return 'exhausted';
  return atOrOverWarning(position) ? 'warning' : 'normal';
}

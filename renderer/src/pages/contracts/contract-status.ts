import type { StatusTone } from '../../components/StatusChip';
import type { ContractStatus } from '../../../../shared/domain/contract';

export const CONTRACT_STATUS_TONE: Record<ContractStatus, StatusTone> = {
  draft: 'neutral',
  active: 'busy',
  completed: 'ok',
  settled: 'ok',
  terminated: 'bad',
};

/** Basis points as the forms and facts show them: 3000 → `30%`, 250 → `2.5%`. */
export function bpText(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/u, '')}%`;
}

/** A percent typed in a form (`2.5`) as basis points, or null when it is not a number. */
export function percentToBp(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/u.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 100);
}

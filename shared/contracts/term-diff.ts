import { formatFen } from '../money';
import { PAYMENT_KIND_LABELS } from '../domain/payment-kind';
import { percentText } from './contract-policy';
import type { MilestoneTerm } from './contract-rules';

/** The terms a change order (合同变更/补充协议) may touch, as stored before and after. */
export interface VersionTerms {
  amount: number;
  paymentTermDays: number;
  labourShare: number;
  retentionRate: number;
  endDate?: string | null | undefined;
  milestones?: readonly MilestoneTerm[] | undefined;
}

/** One line of "what changed", as the version history shows it. */
export interface TermChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

function milestoneText(m: MilestoneTerm): string {
  const due = m.dueRule === 'afterAcceptance' ? `验收后${m.dueDays ?? '按合同期限'}日` : (m.dueDate ?? '日期待定');
  return `${m.name}（${PAYMENT_KIND_LABELS[m.kind]} ${percentText(m.ratio)}，${due}）`;
}

/** What differs between two versions' terms; milestones compare as a whole schedule. */
export function termChanges(before: VersionTerms, after: VersionTerms): TermChange[] {
  const out: TermChange[] = [];
  const push = (field: string, label: string, a: string, b: string) => {
    if (a !== b) out.push({ field, label, before: a, after: b });
  };
  push('amount', '合同金额', formatFen(before.amount), formatFen(after.amount));
  push('paymentTermDays', '付款期限', `验收后 ${before.paymentTermDays} 日`, `验收后 ${after.paymentTermDays} 日`);
  push('labourShare', '人工费用占比', percentText(before.labourShare), percentText(after.labourShare));
  push('retentionRate', '质量保证金比例', percentText(before.retentionRate), percentText(after.retentionRate));
  if (after.endDate !== undefined) push('endDate', '合同截止日期', before.endDate ?? '未约定', after.endDate ?? '未约定');
  if (after.milestones !== undefined) {
    push('milestones', '付款节点', (before.milestones ?? []).map(milestoneText).join('；') || '未记录', after.milestones.map(milestoneText).join('；'));
  }
  return out;
}

import { PAYMENT_KIND_LABELS } from '../../../shared/domain/payment-kind';
import type { DisbursementAdapter } from '../../../shared/domain/disbursement';
import type { LedgerEntryDoc, LedgerLine, PaymentRequestDoc } from '../db/schemas';
import { dayText, EVENT_MINUTE, instantAt, periodOf, type Day } from './calendar';
import type { DocSink } from './doc-sink';
import type { RequestPlan, SeedContext } from './model';
import type { Prng } from './prng';

/**
 * 会计科目 of the government accounting system (政府会计制度) a payment touches. Financial
 * accounting: 1613 在建工程, 1214 预付账款, 2307 其他应付款 (retention held), 1011 零余额账户用款额度
 * (treasury payments) or 1002 银行存款; budgetary accounting in parallel (平行记账): 7101 行政支出
 * against 8001 资金结存.
 */
export const SUBJECTS = {
  construction: '1613',
  prepaid: '1214',
  retentionPayable: '2307',
  treasuryQuota: '1011',
  bank: '1002',
  budgetExpense: '7101',
  fundBalance: '8001',
} as const;

const debit = (subject: string, amount: number): LedgerLine => ({ subject, debit: amount, credit: 0 });
const credit = (subject: string, amount: number): LedgerLine => ({ subject, debit: 0, credit: amount });

/** The lines booking one payment of `request`, each voucher balanced on its own. */
export function paymentLines(plan: RequestPlan, parts: readonly { amount: number }[], adapter: DisbursementAdapter): LedgerLine[] {
  const cash = adapter === 'treasury' ? SUBJECTS.treasuryQuota : SUBJECTS.bank;
  const paid = parts.reduce((sum, p) => sum + p.amount, 0);
  const cashLines = parts.map((p) => credit(cash, p.amount));
  const budgetary = [debit(SUBJECTS.budgetExpense, paid), credit(SUBJECTS.fundBalance, paid)];
  switch (plan.kind) {
    case 'advance':
      return [debit(SUBJECTS.prepaid, paid), ...cashLines, ...budgetary];
    case 'retention':
      return [debit(SUBJECTS.retentionPayable, paid), ...cashLines, ...budgetary];
    default: {
      const recovery = plan.advanceRecovery;
      const retention = plan.retentionWithheld;
      return [
        debit(SUBJECTS.construction, paid + recovery + retention),
        ...(recovery > 0 ? [credit(SUBJECTS.prepaid, recovery)] : []),
        ...(retention > 0 ? [credit(SUBJECTS.retentionPayable, retention)] : []),
        ...cashLines,
        ...budgetary,
      ];
    }
  }
}

function voucherNo(ctx: SeedContext, day: Day): string {
  const period = periodOf(day);
  return `记-${period}-${String(ctx.counters.next(`voucher:${period}`)).padStart(5, '0')}`;
}

/** 记账凭证 for a payment confirmed by the bank on `day`. */
export function bookPayment(
  ctx: SeedContext,
  prng: Prng,
  plan: RequestPlan,
  request: PaymentRequestDoc,
  parts: readonly { amount: number }[],
  adapter: DisbursementAdapter,
  day: Day,
  sink: DocSink,
): LedgerEntryDoc {
  const at = instantAt(day, EVENT_MINUTE.booked + prng.int(0, 50));
  const entry: LedgerEntryDoc = {
    id: ctx.ids.next(),
    unitId: ctx.org.county.id,
    createdBy: prng.pick(ctx.org.byRole.finance).id,
    createdAt: at,
    updatedAt: at,
    docType: 'ledgerEntry',
    voucherNo: voucherNo(ctx, day),
    period: periodOf(day),
    entryDate: dayText(day),
    summary: `支付${plan.contract.doc.name}${PAYMENT_KIND_LABELS[plan.kind]}（${request.requestNo}）`.slice(0, 200),
    lines: paymentLines(plan, parts, adapter),
    projectId: plan.contract.project.doc.id,
    contractId: plan.contract.doc.id,
    requestId: request.id,
  };
  sink.add('records', entry);
  return entry;
}

/** 红字冲销 of a payment the bank returned (退汇): debit and credit swapped, pointing at the original. */
export function reversePayment(ctx: SeedContext, prng: Prng, original: LedgerEntryDoc, requestNo: string, day: Day, sink: DocSink): LedgerEntryDoc {
  const at = instantAt(day, EVENT_MINUTE.booked + prng.int(0, 50));
  const entry: LedgerEntryDoc = {
    id: ctx.ids.next(),
    unitId: original.unitId,
    createdBy: prng.pick(ctx.org.byRole.finance).id,
    createdAt: at,
    updatedAt: at,
    docType: 'ledgerEntry',
    voucherNo: voucherNo(ctx, day),
    period: periodOf(day),
    entryDate: dayText(day),
    summary: `冲销${original.voucherNo}：银行退汇（${requestNo}）`,
    lines: original.lines.map((l) => ({ subject: l.subject, debit: l.credit, credit: l.debit })),
    reversesId: original.id,
    requestId: original.requestId,
  };
  if (original.projectId) entry.projectId = original.projectId;
  if (original.contractId) entry.contractId = original.contractId;
  sink.add('records', entry);
  return entry;
}

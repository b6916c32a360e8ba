import { PAYMENT_KIND_LABELS, type PaymentKind } from '../../../shared/domain/payment-kind';
import { formatFen } from '../../../shared/money';
import type { ProgressCertificateDoc } from '../db/schemas';
import { attachment } from './attachments';
import { dayText, instantAt, monthStart, parseDay, periodOf, workdayOnOrAfter, yearOf, type Day } from './calendar';
import type { ContractPlan, RequestPlan, SeedContext } from './model';
import type { Prng } from './prng';
import { makeTimeline } from './request-timeline';
import type { Trade } from './vocab/companies';
import type { DocSink } from './doc-sink';

/** Months between certificates: works monthly, services per stage, equipment once on acceptance. */
const CADENCE: Readonly<Record<Trade, number>> = { works: 1, supervision: 2, audit: 3, design: 2, equipment: 0 };

const RETURN_CHANCE = 0.06;

function smoothstep(x: number): number {
  const t = Math.max(0, Math.min(1, x));
  return t * t * (3 - 2 * t);
}

/**
 * 计量/进度确认 of a contract: cumulative values along an S-curve up to the settlement value on
 * acceptance. The newest certificate of unfinished work may still be a draft (not yet payable).
 */
export function planCertificates(ctx: SeedContext, prng: Prng, c: ContractPlan, sink: DocSink): void {
  if (c.doc.status === 'draft') return;
  const settlement = c.settlementValue;
  const cadence = CADENCE[c.trade];
  const supervisor = c.project.contracts.find((other) => other.trade === 'supervision');
  const certifier = c.trade === 'works' && supervisor ? supervisor.payee.doc.name : `${ctx.org.county.name}（建设单位）`;
  const lead = c.project.doc.leadUserId;
  const points: { periodEnd: Day; certifiedDay: Day; cumulative: number; final: boolean }[] = [];
  let previous = 0;
  for (let k = 1; cadence > 0; k += 1) {
    const periodEnd = monthStart(c.workStart, k * cadence) - 1;
    if (periodEnd >= c.workEnd) break;
    const certifiedDay = workdayOnOrAfter(periodEnd + prng.int(3, 9));
    if (certifiedDay > ctx.asOfDay) break;
    const share = smoothstep((periodEnd - c.workStart) / (c.workEnd - c.workStart)) * prng.float(0.96, 1);
    const cumulative = Math.min(Math.floor(settlement * 0.995), Math.max(previous + 1, Math.floor(settlement * share)));
    if (cumulative <= previous) continue;
    points.push({ periodEnd, certifiedDay, cumulative, final: false });
    previous = cumulative;
  }
  if (c.acceptanceDay <= ctx.asOfDay) points.push({ periodEnd: c.workEnd, certifiedDay: c.acceptanceDay, cumulative: settlement, final: true });
  let before = 0;
  points.forEach((point, i) => {
    const at = instantAt(point.certifiedDay, prng.int(540, 1000));
    const scan = attachment(ctx, prng, at, lead, `${periodOf(point.periodEnd)}计量确认单.pdf`);
    sink.add('records', scan);
    const newest = i === points.length - 1;
    const draft = newest && !point.final && ctx.asOfDay - point.certifiedDay <= 10 && prng.chance(0.3);
    const doc: ProgressCertificateDoc = {
      id: ctx.ids.next(),
      unitId: ctx.org.county.id,
      createdBy: lead,
      createdAt: at,
      updatedAt: at,
      docType: 'progressCertificate',
      contractId: c.doc.id,
      period: periodOf(point.periodEnd),
      certifiedValue: point.cumulative - before,
      cumulativeCertified: point.cumulative,
      certifiedAt: dayText(point.certifiedDay),
      certifiedByName: certifier.slice(0, 100),
      attachmentIds: [scan.id],
      status: draft ? 'draft' : 'confirmed',
    };
    before = point.cumulative;
    c.certificates.push(doc);
  });
}

function invoices(ctx: SeedContext, prng: Prng, count: number, day: Day): string[] {
  return Array.from({ length: count }, () => ctx.invoices.next(yearOf(day)));
}

function request(
  ctx: SeedContext,
  prng: Prng,
  c: ContractPlan,
  kind: PaymentKind,
  createdDay: Day,
  amount: number,
  extra: { recovery?: number; retention?: number; certificate?: ProgressCertificateDoc | null; description: string; invoiceCount: number },
): RequestPlan {
  const labour = c.trade === 'works' && (kind === 'progress' || kind === 'settlement') ? Math.floor((amount * c.doc.labourShare) / 10_000) : 0;
  const route = ctx.tables.paymentRoute(amount);
  return {
    contract: c,
    kind,
    amount,
    labourAmount: labour,
    advanceRecovery: extra.recovery ?? 0,
    retentionWithheld: extra.retention ?? 0,
    description: extra.description,
    invoiceNos: invoices(ctx, prng, extra.invoiceCount, createdDay),
    milestone: kind === 'other' ? null : (c.milestones[kind] ?? null),
    certificate: extra.certificate ?? null,
    timeline: makeTimeline(prng, createdDay, route.length, RETURN_CHANCE),
    attempt: null,
    status: 'draft',
    id: '',
    applicant: ctx.org.admin,
    route,
  };
}

/**
 * The payments a contract's terms give, in order: the advance (R3), progress on each confirmed
 * certificate at the contract's ratio less the advance recovered pro rata (R4), the settlement up
 * to the settled value less retention (R5), and the retention once the defect period has run.
 * Amounts are built from cumulative figures, so no cap can be passed by rounding.
 */
export function planPayments(ctx: SeedContext, prng: Prng, c: ContractPlan): RequestPlan[] {
  if (c.doc.status === 'draft' || c.doc.signedAt === null) return [];
  const out: RequestPlan[] = [];
  const amount = c.doc.amount;
  const signedDay = parseDay(c.doc.signedAt);
  const advanceDay = workdayOnOrAfter(signedDay + prng.int(5, 20));
  const advance = advanceDay <= ctx.asOfDay ? Math.floor((c.originalAmount * c.advanceRate) / 10_000) : 0;
  if (advance > 0) {
    out.push(request(ctx, prng, c, 'advance', advanceDay, advance, { description: `预付款（合同金额的${c.advanceRate / 100}%，按合同约定在进度款中扣回）`, invoiceCount: 1 }));
  }
  const recoveredAt = (cumulative: number) => Math.floor(advance * Math.min(1, cumulative / amount));
  const grossAt = (cumulative: number) => Math.floor((cumulative * c.progressRatio) / 10_000);
  const confirmed = c.certificates.filter((cert) => cert.status === 'confirmed');
  const regular = confirmed.filter((cert) => cert.cumulativeCertified < c.settlementValue);
  const progress: { plan: RequestPlan; cumulative: number }[] = [];
  let paidCumulative = 0;
  regular.forEach((cert, i) => {
    if (i < regular.length - 1 && !prng.chance(0.92)) return;
    const createdDay = workdayOnOrAfter(parseDay(cert.certifiedAt) + prng.int(1, 6));
    if (createdDay > ctx.asOfDay) return;
    const cumulative = cert.cumulativeCertified;
    const recovery = recoveredAt(cumulative) - recoveredAt(paidCumulative);
    const pay = grossAt(cumulative) - grossAt(paidCumulative) - recovery;
    if (pay < 10_000) return;
    const plan = request(ctx, prng, c, 'progress', createdDay, pay, {
      recovery,
      certificate: cert,
      description: `${cert.period}进度款（第${progress.length + 1}期，累计确认产值${formatFen(cumulative)}，支付比例${c.progressRatio / 100}%，扣回预付款${formatFen(recovery)}）`,
      invoiceCount: prng.int(1, 2),
    });
    progress.push({ plan, cumulative });
    paidCumulative = cumulative;
  });
  const final = confirmed.find((cert) => cert.cumulativeCertified === c.settlementValue);
  const settlementDay = workdayOnOrAfter(c.acceptanceDay + prng.int(20, 75));
  if (final && settlementDay <= ctx.asOfDay) {
    const value = c.settlementValue;
    const retention = value - Math.floor((value * (10_000 - c.doc.retentionRate)) / 10_000);
    const paidSoFar = () => advance + progress.reduce((sum, p) => sum + p.plan.amount, 0);
    // A large last certificate could leave little for the settlement: pay the rest there instead.
    while (value - retention - paidSoFar() < value * 0.01 && progress.length > 0) progress.pop();
    const lastCumulative = progress[progress.length - 1]?.cumulative ?? 0;
    const settlementPay = value - retention - paidSoFar();
    out.push(...progress.map((p) => p.plan));
    out.push(
      request(ctx, prng, c, 'settlement', settlementDay, settlementPay, {
        recovery: advance - recoveredAt(lastCumulative),
        retention,
        certificate: final,
        description: `${PAYMENT_KIND_LABELS.settlement}（结算审定金额${formatFen(value)}，扣留质量保证金${formatFen(retention)}）`,
        invoiceCount: prng.int(1, 3),
      }),
    );
    const retentionDay = workdayOnOrAfter(c.acceptanceDay + 730 + prng.int(3, 30));
    if (retention > 0 && retentionDay <= ctx.asOfDay) {
      out.push(request(ctx, prng, c, 'retention', retentionDay, retention, { description: '质量保证金返还（缺陷责任期满，经验收无质量问题）', invoiceCount: 1 }));
    }
  } else {
    out.push(...progress.map((p) => p.plan));
  }
  return out;
}

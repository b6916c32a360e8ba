import type { RiskSeverity, RiskState } from '../../../shared/domain/risk';
import type { BudgetLineDoc, RiskAlertDoc, RiskDisposition, RiskSubject } from '../db/schemas';
import { dayText, instantAt, parseDay, type Day } from './calendar';
import type { DocSink } from './doc-sink';
import type { ContractPlan, ProjectPlan, RequestPlan, SeedContext } from './model';
import type { Prng } from './prng';

export interface LineUse {
  line: BudgetLineDoc;
  project: ProjectPlan;
  reserved: number;
  paid: number;
}

interface Finding {
  detector: string;
  severity: RiskSeverity;
  title: string;
  subjects: RiskSubject[];
  evidence: Record<string, unknown>;
  day: Day;
}

const DISPOSITIONS: readonly (readonly [RiskState, string, number])[] = [
  ['open', '', 55],
  ['acknowledged', '已通知项目单位核实情况，跟踪处理', 25],
  ['resolved', '已督促整改并核实完毕', 15],
  ['dismissed', '经核实属正常情况，予以排除', 5],
];

/** R8: a line whose reservations and payments reached 90 %. */
function nearCeiling(ctx: SeedContext, uses: readonly LineUse[]): Finding[] {
  return uses
    .filter((u) => u.reserved + u.paid >= u.line.amount * 0.9)
    .map((u) => {
      const usedBp = Math.floor(((u.reserved + u.paid) * 10_000) / u.line.amount);
      return {
        detector: 'budget.nearCeiling',
        severity: usedBp >= 9_500 ? 'critical' : 'warning',
        title: `预算指标已使用${(usedBp / 100).toFixed(2)}%：${u.project.doc.name}（${u.line.year}年 ${u.line.subjectCode}）`.slice(0, 200),
        subjects: [
          { entity: 'budgetLine', id: u.line.id },
          { entity: 'project', id: u.project.doc.id },
        ],
        evidence: { year: u.line.year, subjectCode: u.line.subjectCode, amount: u.line.amount, reserved: u.reserved, paid: u.paid, usedBp },
        day: ctx.asOfDay,
      };
    });
}

function paidDay(r: RequestPlan): Day {
  return r.timeline.bankReturn?.receiptDay ?? r.timeline.receiptDay;
}

/** R6: wages of an active works contract unpaid for more than a month. */
function wagesMissing(ctx: SeedContext, contracts: readonly ContractPlan[]): Finding[] {
  const out: Finding[] = [];
  for (const c of contracts) {
    if (c.trade !== 'works' || c.doc.status !== 'active') continue;
    const paid = c.requests.filter((r) => r.status === 'paid' && r.labourAmount > 0 && !r.attempt).map(paidDay);
    const last = Math.max(...paid);
    if (paid.length === 0 || ctx.asOfDay - last <= 31) continue;
    out.push({
      detector: 'labour.wageOverdue',
      severity: 'warning',
      title: `农民工工资超过一个月未支付：${c.doc.name}`.slice(0, 200),
      subjects: [{ entity: 'contract', id: c.doc.id }],
      evidence: { lastWagePaidOn: dayText(last), daysSince: ctx.asOfDay - last, rule: 'R6' },
      day: last + 32,
    });
  }
  return out;
}

/** R1: an SME's payment due within 7 days (or overdue) and not yet paid. */
function smeDue(ctx: SeedContext, contracts: readonly ContractPlan[]): Finding[] {
  const out: Finding[] = [];
  for (const c of contracts) {
    if (!c.payee.doc.isSme) continue;
    for (const r of c.requests) {
      if (r.attempt || !['submitted', 'approved', 'in_payment'].includes(r.status)) continue;
      const accepted = r.certificate ? parseDay(r.certificate.certifiedAt) : r.timeline.submitDay;
      const due = accepted + c.doc.paymentTermDays;
      if (due - ctx.asOfDay > 7) continue;
      out.push({
        detector: due < ctx.asOfDay ? 'sme.paymentOverdue' : 'sme.paymentDue',
        severity: due < ctx.asOfDay ? 'critical' : 'warning',
        title: `${due < ctx.asOfDay ? '中小企业款项已逾期' : '中小企业款项7日内到期'}：${c.payee.doc.name}`.slice(0, 200),
        subjects: [
          { entity: 'paymentRequest', id: r.id },
          { entity: 'contract', id: c.doc.id },
        ],
        evidence: { dueDate: dayText(due), paymentTermDays: c.doc.paymentTermDays, amount: r.amount, rule: 'R1' },
        day: Math.min(ctx.asOfDay, due - 7),
      });
    }
  }
  return out;
}

/** A few warnings the risk engine would have raised, some already handled by the risk officer. */
export function emitRiskAlerts(ctx: SeedContext, prng: Prng, uses: readonly LineUse[], contracts: readonly ContractPlan[], sink: DocSink): void {
  const officers = ctx.org.byRole.riskOfficer;
  for (const finding of [...nearCeiling(ctx, uses), ...wagesMissing(ctx, contracts), ...smeDue(ctx, contracts)]) {
    const day = Math.min(ctx.asOfDay, Math.max(finding.day, ctx.asOfDay - 20));
    const at = instantAt(day, 7 * 60 + prng.int(0, 60));
    const state = prng.weighted(DISPOSITIONS.map(([s, , w]) => [s, w] as const));
    const comment = DISPOSITIONS.find(([s]) => s === state)?.[1] ?? '';
    const officer = prng.pick(officers);
    const dispositions: RiskDisposition[] =
      state === 'open' ? [] : [{ state, comment, byUserId: officer.id, byUserName: officer.name, at: Math.min(ctx.asOf, at + prng.int(1, 48) * 3_600_000) }];
    const subject = finding.subjects[0]?.id ?? '';
    const alert: RiskAlertDoc = {
      id: ctx.ids.next(),
      unitId: ctx.org.county.id,
      createdBy: 'system',
      createdAt: at,
      updatedAt: dispositions[0]?.at ?? at,
      docType: 'riskAlert',
      detector: finding.detector,
      fingerprint: `${finding.detector}:${subject}`,
      severity: finding.severity,
      title: finding.title,
      subjects: finding.subjects,
      evidence: finding.evidence,
      state,
      dispositions,
    };
    sink.add('riskalerts', alert);
  }
}

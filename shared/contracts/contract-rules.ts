import type { MilestoneDueRule } from '../domain/contract';
import { MILESTONE_DUE_RULES } from '../domain/contract';
import { MILESTONE_KINDS, PAYMENT_KIND_LABELS, type MilestoneKind } from '../domain/payment-kind';
import { isDayText } from './calendar-days';
import type { ContractCategory } from './contract-category';
import { percentText, type ContractPolicy } from './contract-policy';
import type { RuleViolation } from './rule-violation';

/** One payment point as a contract states it (付款节点). Ratios in basis points. */
export interface MilestoneTerm {
  name: string;
  kind: MilestoneKind;
  /** advance, settlement, retention: share of the contract amount; progress: of the certified value */
  ratio: number;
  dueRule: MilestoneDueRule;
  /** afterAcceptance: days after acceptance; null takes the contract's payment term */
  dueDays: number | null;
  /** fixedDate: the agreed day, null while not yet fixed */
  dueDate: string | null;
}

/** The payment terms the rules judge, as a form or a change order states them. */
export interface ContractTermsInput {
  amount: number;
  category: ContractCategory;
  /** agreed days after acceptance; null = the policy's default (R1: 30) */
  paymentTermDays: number | null;
  /** a clause making payment wait for a third party's payment (背靠背) */
  backToBack: boolean;
  /** 人工费用占比, basis points */
  labourShare: number;
  /** 质量保证金比例, basis points */
  retentionRate: number;
  milestones: readonly MilestoneTerm[];
}

/** What the rules need to know of the payee. */
export interface CounterpartyFacts {
  isSme: boolean;
  hasWageAccount: boolean;
}

const R1_LAW = '《保障中小企业款项支付条例》第九条';
const R3_LAW = '《建设工程价款结算暂行办法》（财建〔2004〕369号）第十二条';
const R4_LAW = '《关于完善建设工程价款结算有关办法的通知》（财建〔2022〕183号）';
const R5_LAW = '《建设工程质量保证金管理办法》（建质〔2017〕138号）第七条';
const R6_LAW = '《保障农民工工资支付条例》';
const R7_LAW = '《政府投资条例》第二十二条';

/** The term a contract actually carries: what it agrees, or the default (R1: 30 days). */
export function effectiveTermDays(terms: Pick<ContractTermsInput, 'paymentTermDays'>, policy: ContractPolicy): number {
  return terms.paymentTermDays ?? policy.smeDefaultTermDays;
}

/** The days after acceptance a milestone falls due (its own, else the contract's term). */
export function milestoneDueDays(m: Pick<MilestoneTerm, 'dueRule' | 'dueDays'>, contractTermDays: number): number | null {
  return m.dueRule === 'afterAcceptance' ? (m.dueDays ?? contractTermDays) : null;
}

function shapeViolations(terms: ContractTermsInput): RuleViolation[] {
  const out: RuleViolation[] = [];
  const bad = (field: string, message: string) => out.push({ rule: 'terms', code: 'CONTRACT_TERMS_INVALID', message, field });
  if (!Number.isSafeInteger(terms.amount) || terms.amount <= 0) {
    out.push({ rule: 'terms', code: 'INVALID_AMOUNT', message: '合同金额必须大于零', field: 'amount' });
  }
  if (terms.paymentTermDays !== null && (!Number.isInteger(terms.paymentTermDays) || terms.paymentTermDays < 0 || terms.paymentTermDays > 365)) {
    bad('paymentTermDays', '付款期限应为 0–365 之间的整数天');
  }
  if (!Number.isInteger(terms.labourShare) || terms.labourShare < 0 || terms.labourShare > 10_000) bad('labourShare', '人工费用占比应在 0%–100% 之间');
  if (!Number.isInteger(terms.retentionRate) || terms.retentionRate < 0 || terms.retentionRate > 10_000) bad('retentionRate', '质量保证金比例应在 0%–100% 之间');
  if (terms.milestones.length === 0) bad('milestones', '至少约定一个付款节点');
  terms.milestones.forEach((m, i) => {
    const at = `milestones.${i}`;
    if (m.name.trim().length === 0 || m.name.length > 60) bad(`${at}.name`, `第 ${i + 1} 个付款节点须填写名称（不超过 60 字）`);
    if (!(MILESTONE_KINDS as readonly string[]).includes(m.kind)) bad(`${at}.kind`, `第 ${i + 1} 个付款节点的款项类型不正确`);
    if (!(MILESTONE_DUE_RULES as readonly string[]).includes(m.dueRule)) bad(`${at}.dueRule`, `第 ${i + 1} 个付款节点的到期规则不正确`);
    if (!Number.isInteger(m.ratio) || m.ratio <= 0 || m.ratio > 10_000) bad(`${at}.ratio`, `第 ${i + 1} 个付款节点的比例应在 0.01%–100% 之间`);
    if (m.dueDays !== null && (!Number.isInteger(m.dueDays) || m.dueDays < 0 || m.dueDays > 365)) bad(`${at}.dueDays`, `第 ${i + 1} 个付款节点的天数应为 0–365 之间的整数`);
    if (m.dueDate !== null && !isDayText(m.dueDate)) bad(`${at}.dueDate`, `第 ${i + 1} 个付款节点的日期应为 YYYY-MM-DD`);
  });
  for (const kind of ['advance', 'settlement', 'retention'] as const) {
    const indexes = terms.milestones.flatMap((m, i) => (m.kind === kind ? [i] : []));
    if (indexes.length > 1) bad(`milestones.${indexes[1]}.kind`, `${PAYMENT_KIND_LABELS[kind]}节点只能约定一个`);
  }
  return out;
}

/** R1: an SME supplier is paid within 60 days of acceptance at the latest; no back-to-back clause. */
function r1Violations(terms: ContractTermsInput, payee: CounterpartyFacts, policy: ContractPolicy): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (terms.backToBack) {
    out.push({
      rule: payee.isSme ? 'R1' : 'R7',
      code: 'CONTRACT_BACK_TO_BACK',
      message: payee.isSme
        ? `R1：不得约定以第三方付款作为向中小企业付款的条件（“背靠背”条款，${R1_LAW}）`
        : `R7：不得约定以第三方付款作为付款条件，否则实际由施工单位垫资（${R7_LAW}）`,
      field: 'backToBack',
    });
  }
  if (!payee.isSme) return out;
  const max = policy.smeMaxTermDays;
  const term = effectiveTermDays(terms, policy);
  if (term > max) {
    out.push({
      rule: 'R1',
      code: 'CONTRACT_SME_TERM_TOO_LONG',
      message: `R1：收款单位为中小企业，付款期限最长为验收后 ${max} 日（${R1_LAW}），当前约定 ${term} 日`,
      field: 'paymentTermDays',
    });
  }
  terms.milestones.forEach((m, i) => {
    const days = milestoneDueDays(m, term);
    if (days !== null && days > max && m.dueDays !== null) {
      out.push({
        rule: 'R1',
        code: 'CONTRACT_SME_TERM_TOO_LONG',
        message: `R1：中小企业合同的“${m.name}”须在验收后 ${max} 日内支付（${R1_LAW}），当前约定 ${days} 日`,
        field: `milestones.${i}.dueDays`,
      });
    }
  });
  return out;
}

/** R3 advance 10–30 %, R4 progress ratio at least 80 %, R5 retention at most 3 %. */
function ratioViolations(terms: ContractTermsInput, policy: ContractPolicy): RuleViolation[] {
  const out: RuleViolation[] = [];
  terms.milestones.forEach((m, i) => {
    const field = `milestones.${i}.ratio`;
    if (m.kind === 'advance' && (m.ratio < policy.advanceMinBp || m.ratio > policy.advanceMaxBp)) {
      out.push({
        rule: 'R3',
        code: 'CONTRACT_ADVANCE_OUT_OF_RANGE',
        message: `R3：预付款比例应为合同金额的 ${percentText(policy.advanceMinBp)}–${percentText(policy.advanceMaxBp)}（${R3_LAW}），当前为 ${percentText(m.ratio)}`,
        field,
      });
    }
    if (m.kind === 'progress' && m.ratio < policy.progressMinBp) {
      out.push({
        rule: 'R4',
        code: 'CONTRACT_PROGRESS_RATIO_INVALID',
        message: `R4：进度款不得低于已确认完成产值的 ${percentText(policy.progressMinBp)}（${R4_LAW}），当前为 ${percentText(m.ratio)}`,
        field,
      });
    }
  });
  if (terms.retentionRate > policy.retentionMaxBp) {
    out.push({
      rule: 'R5',
      code: 'CONTRACT_RETENTION_TOO_HIGH',
      message: `R5：质量保证金比例不得超过 ${percentText(policy.retentionMaxBp)}（${R5_LAW}），当前为 ${percentText(terms.retentionRate)}`,
      field: 'retentionRate',
    });
  }
  const retentionIndex = terms.milestones.findIndex((m) => m.kind === 'retention');
  const retention = terms.milestones[retentionIndex];
  if (retention && retention.ratio !== terms.retentionRate) {
    out.push({
      rule: 'R5',
      code: 'CONTRACT_TERMS_INVALID',
      message: `质量保证金节点的比例（${percentText(retention.ratio)}）须与合同约定的质量保证金比例（${percentText(terms.retentionRate)}）一致`,
      field: `milestones.${retentionIndex}.ratio`,
    });
  }
  if (!retention && terms.retentionRate > 0) {
    out.push({ rule: 'R5', code: 'CONTRACT_TERMS_INVALID', message: '约定了质量保证金比例，须有质量保证金（缺陷责任期满返还）节点', field: 'milestones' });
  }
  return out;
}

/** R6: a works contract records its labour-cost share and the payee's wage account. */
function r6Violations(terms: ContractTermsInput, payee: CounterpartyFacts): RuleViolation[] {
  if (terms.category !== 'works') return [];
  const out: RuleViolation[] = [];
  if (terms.labourShare <= 0) {
    out.push({ rule: 'R6', code: 'CONTRACT_LABOUR_SHARE_MISSING', message: `R6：施工合同须约定人工费用占比，人工费用按月足额拨付至农民工工资专用账户（${R6_LAW}）`, field: 'labourShare' });
  }
  if (!payee.hasWageAccount) {
    out.push({ rule: 'R6', code: 'CONTRACT_WAGE_ACCOUNT_MISSING', message: `R6：施工合同的收款单位须先登记农民工工资专用账户（${R6_LAW}）`, field: 'counterpartyId' });
  }
  return out;
}

/**
 * Every refusal of a contract's terms, in the order a person fixes them: the shape first, then
 * R1, R3–R5, R6. Empty when the terms may be saved. (R7 needs the budget: see funds-in-place.ts.)
 */
export function contractTermViolations(terms: ContractTermsInput, payee: CounterpartyFacts, policy: ContractPolicy): RuleViolation[] {
  const shape = shapeViolations(terms);
  if (shape.length > 0) return shape;
  return [...r1Violations(terms, payee, policy), ...ratioViolations(terms, policy), ...r6Violations(terms, payee)];
}

import {
  contractTermViolations,
  DEFAULT_CONTRACT_POLICY,
  type MilestoneTerm,
  type RuleViolation,
} from '../../../../shared/contracts';
import type { ContractCategory } from '../../../../shared/contracts/contract-category';
import type { ContractDetail, ContractInput } from '../../../../shared/contracts/contract-api-schemas';
import type { MilestoneDueRule } from '../../../../shared/domain/contract';
import type { MilestoneKind } from '../../../../shared/domain/payment-kind';
import { fenToYuanString, parseYuan } from '../../../../shared/money';
import { bpText, percentToBp } from './contract-status';

/** One milestone row as typed (percent and days as text until they are numbers). */
export interface MilestoneRow {
  name: string;
  kind: MilestoneKind;
  ratio: string;
  dueRule: MilestoneDueRule;
  dueDays: string;
  dueDate: string;
}

export interface ContractForm {
  projectId: string;
  budgetLineId: string;
  counterpartyId: string;
  code: string;
  name: string;
  category: ContractCategory;
  amount: string;
  paymentTermDays: string;
  backToBack: boolean;
  labourShare: string;
  retentionRate: string;
  endDate: string;
  milestones: MilestoneRow[];
}

const pct = (bp: number) => bpText(bp).replace('%', '');

/** The usual schedule of a works contract, inside every rule, for a new form. */
export function emptyForm(): ContractForm {
  return {
    projectId: '',
    budgetLineId: '',
    counterpartyId: '',
    code: '',
    name: '',
    category: 'works',
    amount: '',
    paymentTermDays: '30',
    backToBack: false,
    labourShare: '20',
    retentionRate: '3',
    endDate: '',
    milestones: [
      { name: '预付款', kind: 'advance', ratio: '20', dueRule: 'fixedDate', dueDays: '', dueDate: '' },
      { name: '进度款（按月计量支付）', kind: 'progress', ratio: '80', dueRule: 'afterAcceptance', dueDays: '', dueDate: '' },
      { name: '竣工结算款', kind: 'settlement', ratio: '97', dueRule: 'afterAcceptance', dueDays: '', dueDate: '' },
      { name: '质量保证金（缺陷责任期满返还）', kind: 'retention', ratio: '3', dueRule: 'fixedDate', dueDays: '', dueDate: '' },
    ],
  };
}

export function formOfDetail(detail: ContractDetail): ContractForm {
  const c = detail.contract;
  return {
    projectId: c.projectId,
    budgetLineId: c.budgetLineId ?? '',
    counterpartyId: c.counterpartyId,
    code: c.code,
    name: c.name,
    category: c.category,
    amount: fenToYuanString(c.amount),
    paymentTermDays: String(c.paymentTermDays),
    backToBack: false,
    labourShare: pct(c.labourShare),
    retentionRate: pct(c.retentionRate),
    endDate: c.endDate ?? '',
    milestones: detail.milestones
      .filter((m) => m.status !== 'cancelled')
      .map((m) => ({ name: m.name, kind: m.kind, ratio: pct(m.ratio), dueRule: m.dueRule, dueDays: m.dueDays === null ? '' : String(m.dueDays), dueDate: m.dueDate ?? '' })),
  };
}

export interface Parsed {
  /** null while something typed cannot be read yet */
  input: ContractInput | null;
  /** refusals keyed by field path, the same paths the core answers with */
  problems: RuleViolation[];
}

function problem(field: string, message: string): RuleViolation {
  return { rule: 'terms', code: 'VALIDATION_FAILED', message, field };
}

/**
 * The form as the API input, with every refusal the form can know: typing mistakes first, then
 * the contract rules of shared/contracts (R1, R3–R6) exactly as the core runs them. R7 needs the
 * budget, so only the core answers it (at signing).
 */
export function parseForm(form: ContractForm, payee: { isSme: boolean; hasWageAccount: boolean } | null): Parsed {
  const problems: RuleViolation[] = [];
  const amount = parseYuan(form.amount, { label: '合同金额' });
  if (!amount.ok) problems.push(problem('amount', amount.message));
  const term = form.paymentTermDays.trim() === '' ? null : Number(form.paymentTermDays);
  if (term !== null && !Number.isInteger(term)) problems.push(problem('paymentTermDays', '付款期限应为整数天'));
  const labourShare = percentToBp(form.labourShare);
  if (labourShare === null) problems.push(problem('labourShare', '请输入 0–100 之间、最多两位小数的百分比'));
  const retentionRate = percentToBp(form.retentionRate);
  if (retentionRate === null) problems.push(problem('retentionRate', '请输入 0–100 之间、最多两位小数的百分比'));
  const milestones: MilestoneTerm[] = form.milestones.map((m, i) => {
    const ratio = percentToBp(m.ratio);
    if (ratio === null) problems.push(problem(`milestones.${i}.ratio`, '请输入百分比'));
    const days = m.dueDays.trim() === '' ? null : Number(m.dueDays);
    if (days !== null && !Number.isInteger(days)) problems.push(problem(`milestones.${i}.dueDays`, '应为整数天'));
    return { name: m.name, kind: m.kind, ratio: ratio ?? 0, dueRule: m.dueRule, dueDays: m.dueRule === 'afterAcceptance' ? days : null, dueDate: m.dueRule === 'fixedDate' && m.dueDate ? m.dueDate : null };
  });
  for (const [field, label] of [['projectId', '项目'], ['budgetLineId', '预算指标'], ['counterpartyId', '收款单位'], ['code', '合同编号'], ['name', '合同名称']] as const) {
    if (form[field].trim() === '') problems.push(problem(field, `请选择或填写${label}`));
  }
  if (problems.length > 0 || !amount.ok || labourShare === null || retentionRate === null) return { input: null, problems };
  const input: ContractInput = {
    projectId: form.projectId,
    budgetLineId: form.budgetLineId,
    counterpartyId: form.counterpartyId,
    code: form.code.trim(),
    name: form.name.trim(),
    category: form.category,
    amount: amount.value,
    paymentTermDays: term,
    backToBack: form.backToBack,
    labourShare,
    retentionRate,
    endDate: form.endDate || null,
    milestones,
  };
  // rule refusals are shown, not enforced here: the core is the authority and answers the same
  const rules = payee ? contractTermViolations(input, payee, DEFAULT_CONTRACT_POLICY) : [];
  return { input, problems: rules };
}

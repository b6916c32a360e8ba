import {
  APPROVER_ROLES,
  DECISION_INPUT_LABELS,
  DECISION_INPUTS,
  HIT_POLICIES,
  STEP_MODES,
  STEP_SCOPES,
  type DecisionInput,
} from '../domain/approval';
import { FUND_SOURCES } from '../domain/fund-source';
import { PAYMENT_KINDS, type PaymentKind } from '../domain/payment-kind';
import { PROJECT_TYPES } from '../domain/project';
import { ROLE_LABELS, isRole } from '../domain/roles';
import { compileTable, type DecisionTableContent } from './decision-engine';
import { cellKindOf, describeFacts, type ApprovalFacts } from './decision-inputs';
import { compileCell, isCellProblem } from './feel-cell';

/** One finding of the table check, placed on the rule and column it concerns. */
export interface TableIssue {
  severity: 'error' | 'warning';
  message: string;
  /** 0-based rule, null when the finding is about the whole table */
  rule: number | null;
  /** 0-based input column, null when not about one cell */
  column: number | null;
  /** path of the field, e.g. `rules.1.when.0`, for the editor to mark */
  field: string;
}

/** Longest route and largest table the schema stores (db/schemas/route-parts.ts, decision-table-schema.ts). */
const MAX_STEPS = 20;
const MAX_RULES = 500;
/** Largest amount a request may have (schema MAX_STORED_FEN): the upper end of the coverage probe. */
const MAX_AMOUNT = 900_719_925_474_099;

export interface TableDraft extends DecisionTableContent {
  name: string;
}

function ruleName(index: number, id: string): string {
  return `第 ${index + 1} 条规则${id ? `（${id}）` : ''}`;
}

function structureIssues(table: TableDraft): TableIssue[] {
  const issues: TableIssue[] = [];
  const error = (message: string, field: string, rule: number | null = null, column: number | null = null) => issues.push({ severity: 'error', message, rule, column, field });
  if (table.name.trim() === '') error('规则名称不能为空', 'name');
  if (table.name.length > 60) error('规则名称不能超过 60 个字', 'name');
  if (!(HIT_POLICIES as readonly string[]).includes(table.hitPolicy)) error(`命中策略只能是 ${HIT_POLICIES.join(' 或 ')}`, 'hitPolicy');
  if (table.inputs.length === 0) error('至少需要一个输入列', 'inputs');
  const seen = new Set<DecisionInput>();
  table.inputs.forEach((column, c) => {
    if (!(DECISION_INPUTS as readonly string[]).includes(column.input)) error(`第 ${c + 1} 个输入列“${String(column.input)}”不是可用的输入`, `inputs.${c}.input`, null, c);
    else if (seen.has(column.input)) error(`输入列“${DECISION_INPUT_LABELS[column.input]}”重复`, `inputs.${c}.input`, null, c);
    seen.add(column.input);
  });
  if (table.rules.length === 0) error('至少需要一条规则', 'rules');
  if (table.rules.length > MAX_RULES) error(`规则不能超过 ${MAX_RULES} 条`, 'rules');
  const ids = new Set<string>();
  table.rules.forEach((rule, r) => {
    const name = ruleName(r, rule.id);
    if (rule.id.trim() === '' || rule.id.length > 36) error(`${name}的编号须为 1–36 个字符`, `rules.${r}.id`, r);
    else if (ids.has(rule.id)) error(`${name}的编号与前面的规则重复`, `rules.${r}.id`, r);
    ids.add(rule.id);
    if (rule.note.length > 200) error(`${name}的说明不能超过 200 个字`, `rules.${r}.note`, r);
    if (rule.when.length !== table.inputs.length) {
      error(`${name}有 ${rule.when.length} 列条件，但表有 ${table.inputs.length} 个输入列`, `rules.${r}.when`, r);
    } else {
      rule.when.forEach((cell, c) => {
        const column = table.inputs[c];
        if (!column || !(DECISION_INPUTS as readonly string[]).includes(column.input)) return;
        const compiled = compileCell(cell, cellKindOf(column.input));
        if (isCellProblem(compiled)) error(`${name}“${DECISION_INPUT_LABELS[column.input]}”列：${compiled.message}`, `rules.${r}.when.${c}`, r, c);
      });
    }
    if (rule.steps.length === 0) error(`${name}没有审批步骤：每条规则至少要有一个审批步骤`, `rules.${r}.steps`, r);
    if (rule.steps.length > MAX_STEPS) error(`${name}的审批步骤不能超过 ${MAX_STEPS} 个`, `rules.${r}.steps`, r);
    rule.steps.forEach((step, s) => {
      const at = `${name}第 ${s + 1} 步`;
      const role: string = step.role;
      if (role === 'admin') error(`${at}：系统管理员不能担任审批人（R10 不相容岗位相分离）`, `rules.${r}.steps.${s}.role`, r);
      else if (!(APPROVER_ROLES as readonly string[]).includes(role)) error(`${at}：“${isRole(role) ? ROLE_LABELS[role] : role}”不是可审批的角色`, `rules.${r}.steps.${s}.role`, r);
      if (!(STEP_SCOPES as readonly string[]).includes(step.scope)) error(`${at}：审批范围只能是本单位或上级单位`, `rules.${r}.steps.${s}.scope`, r);
      if (!(STEP_MODES as readonly string[]).includes(step.mode)) error(`${at}：审批方式只能是任一人审批或会签`, `rules.${r}.steps.${s}.mode`, r);
      if (step.label.trim() === '' || step.label.length > 40) error(`${at}：步骤名称须为 1–40 个字`, `rules.${r}.steps.${s}.label`, r);
    });
  });
  return issues;
}

/** Every amount where some cell's answer may change, one either side, and both ends of the range. */
function amountProbes(table: TableDraft): number[] {
  const column = table.inputs.findIndex((c) => c.input === 'amount');
  const points = new Set<number>([1, MAX_AMOUNT]);
  if (column < 0) return [1];
  for (const rule of table.rules) {
    const cell = compileCell(rule.when[column] ?? '-', { kind: 'number' });
    if (isCellProblem(cell)) continue;
    for (const b of cell.boundaries) {
      for (const p of [Math.floor(b) - 1, Math.floor(b), Math.ceil(b), Math.ceil(b) + 1]) if (p >= 1 && p <= MAX_AMOUNT) points.add(p);
    }
  }
  return [...points].sort((a, b) => a - b);
}

/**
 * Every distinguishable set of facts: the text columns are closed sets and the amount only
 * changes answers at the literals, so these probes cover every case the table can meet.
 */
function probes(table: TableDraft): ApprovalFacts[] {
  const used = new Set(table.inputs.map((c) => c.input));
  const kinds: (PaymentKind | null)[] = table.subject === 'contractChange' ? [null] : used.has('paymentKind') ? [...PAYMENT_KINDS] : ['progress'];
  const out: ApprovalFacts[] = [];
  for (const amount of amountProbes(table))
    for (const projectType of used.has('projectType') ? PROJECT_TYPES : (['other'] as const))
      for (const fundSource of used.has('fundSource') ? FUND_SOURCES : (['fiscal'] as const))
        for (const paymentKind of kinds) out.push({ amount, projectType, fundSource, paymentKind });
  return out;
}

function coverageIssues(table: TableDraft): TableIssue[] {
  const compiled = compileTable(table);
  const inputs = table.inputs.map((c) => c.input);
  const uncovered: ApprovalFacts[] = [];
  const everFirst = new Set<string>();
  for (const facts of probes(table)) {
    const outcome = compiled.evaluate(facts);
    if (outcome.hits.length === 0) uncovered.push(facts);
    else if (outcome.hits[0] !== undefined) everFirst.add(outcome.hits[0]);
  }
  const issues: TableIssue[] = [];
  if (uncovered.length > 0) {
    const examples = uncovered.slice(0, 3).map((f) => describeFacts(f, inputs)).join('；');
    issues.push({
      severity: 'warning',
      message: `有 ${uncovered.length} 种情形没有任何规则命中，这样的申请将无法提交，例如：${examples}。可增加一条全部为 - 的兜底规则`,
      rule: null,
      column: null,
      field: 'rules',
    });
  }
  if (table.hitPolicy === 'FIRST') {
    table.rules.forEach((rule, r) => {
      if (!everFirst.has(rule.id)) {
        issues.push({ severity: 'warning', message: `${ruleName(r, rule.id)}在“首条命中”下永远不会被用到：能命中它的情形都先命中了前面的规则`, rule: r, column: null, field: `rules.${r}` });
      }
    });
  }
  return issues;
}

/**
 * The whole check of a table before it is published: errors (it cannot be published) placed on
 * the rule and column, then — only for a table without errors — warnings about cases no rule
 * covers and FIRST rules that can never be reached.
 */
export function validateTable(table: TableDraft): TableIssue[] {
  const errors = structureIssues(table);
  if (errors.length > 0) return errors;
  return coverageIssues(table);
}

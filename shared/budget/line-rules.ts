import { FUND_SOURCES, FUND_SOURCE_LABELS, type FundSource } from '../domain/fund-source';
import type { ErrorCode } from '../errors/error-codes';
import { formatFen } from '../money';
import { sumFen } from './position';

/**
 * The rules of one budget line (预算指标), shared by the form, the API and the Excel import so a
 * row of a spreadsheet is refused for exactly the reasons the form would refuse it.
 */

/** Bounds of the schema (db/schemas/budget-line-schema.ts): a budget year and a money field. */
export const MIN_BUDGET_YEAR = 2000;
export const MAX_BUDGET_YEAR = 2199;
export const MAX_LINE_FEN = 900_719_925_474_099;

/** 预算科目: functional classification code, 3–7 digits (类/款/项), e.g. 2120303. */
export const SUBJECT_CODE_PATTERN = /^[0-9]{3}(?:[0-9]{2}){0,2}$/u;

export interface LineProblem {
  field: 'year' | 'subjectCode' | 'fundSource' | 'amount' | 'monthlyPlan';
  code: ErrorCode;
  message: string;
}

export interface BudgetLineFields {
  year: number;
  subjectCode: string;
  fundSource: FundSource;
  amount: number;
  monthlyPlan?: readonly number[] | null;
}

export function yearProblem(year: number): LineProblem | null {
  if (!Number.isInteger(year) || year < MIN_BUDGET_YEAR || year > MAX_BUDGET_YEAR) {
    return { field: 'year', code: 'VALIDATION_FAILED', message: `预算年度须为 ${MIN_BUDGET_YEAR}–${MAX_BUDGET_YEAR} 之间的四位年份` };
  }
  return null;
}

export function subjectCodeProblem(code: string): LineProblem | null {
  if (!SUBJECT_CODE_PATTERN.test(code)) {
    return { field: 'subjectCode', code: 'VALIDATION_FAILED', message: '预算科目须为 3、5 或 7 位数字的功能分类科目编码，如 2120303' };
  }
  return null;
}

export function fundSourceProblem(value: string): LineProblem | null {
  if (!(FUND_SOURCES as readonly string[]).includes(value)) {
    return { field: 'fundSource', code: 'VALIDATION_FAILED', message: `资金来源只能是：${Object.values(FUND_SOURCE_LABELS).join('、')}` };
  }
  return null;
}

export function amountProblem(amount: number): LineProblem | null {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_LINE_FEN) {
    return { field: 'amount', code: 'INVALID_AMOUNT', message: '预算金额须大于零，精确到分' };
  }
  return null;
}

/**
 * 用款计划: twelve monthly amounts, January first, each ≥ 0, summing to at most the line.
 * At most, not exactly: a plan is often made for the months known so far and the rest of the
 * year's money stays unplanned until it is; requiring equality would force people to invent
 * numbers for December. The plan guides spending; the line itself is the ceiling (R8).
 */
export function monthlyPlanProblem(plan: readonly number[], amount: number): LineProblem | null {
  const fail = (message: string): LineProblem => ({ field: 'monthlyPlan', code: 'MONTHLY_PLAN_INVALID', message });
  if (plan.length !== 12) return fail('用款计划须为 1–12 月共 12 个月的金额');
  const bad = plan.findIndex((v) => !Number.isSafeInteger(v) || v < 0 || v > MAX_LINE_FEN);
  if (bad >= 0) return fail(`用款计划 ${bad + 1} 月的金额不正确，须为不小于零的金额，精确到分`);
  const total = sumFen(plan);
  if (total > amount) return fail(`用款计划合计 ${formatFen(total)} 超过预算金额 ${formatFen(amount)}`);
  return null;
}

/** Every problem of a line's own fields (uniqueness and commitments need the database: the core). */
export function lineProblems(line: BudgetLineFields): LineProblem[] {
  const problems = [
    yearProblem(line.year),
    subjectCodeProblem(line.subjectCode),
    fundSourceProblem(line.fundSource),
    amountProblem(line.amount),
  ].filter((p): p is LineProblem => p !== null);
  if (line.monthlyPlan && !problems.some((p) => p.field === 'amount')) {
    const plan = monthlyPlanProblem(line.monthlyPlan, line.amount);
    if (plan) problems.push(plan);
  }
  return problems;
}

/** The uniqueness key of a line within its project (project × year × 预算科目 × 资金来源). */
export function lineKey(line: { projectId: string; year: number; subjectCode: string; fundSource: string }): string {
  return `${line.projectId}|${line.year}|${line.subjectCode}|${line.fundSource}`;
}

/** A line's amount may not drop below what is already reserved and paid on it. */
export function amountBelowCommitted(amount: number, reserved: number, paid: number): LineProblem | null {
  if (amount >= reserved + paid) return null;
  return {
    field: 'amount',
    code: 'BUDGET_BELOW_COMMITTED',
    message: `预算金额 ${formatFen(amount)} 低于已占用 ${formatFen(reserved)} 与已支付 ${formatFen(paid)} 之和 ${formatFen(reserved + paid)}（《预算法》/R8）`,
  };
}

import { describe, expect, it } from 'vitest';
import { duplicateRowErrors, parseImportRow } from '../../../shared/budget/import-rows';
import { amountBelowCommitted, lineProblems, monthlyPlanProblem } from '../../../shared/budget/line-rules';

describe('budget line rules', () => {
  const good = { year: 2026, subjectCode: '2120303', fundSource: 'fiscal' as const, amount: 1_000_000_00 };

  it('accepts a well-formed line, with or without a monthly plan', () => {
    expect(lineProblems(good)).toEqual([]);
    expect(lineProblems({ ...good, monthlyPlan: Array.from({ length: 12 }, () => 80_000_00) })).toEqual([]);
  });

  it('refuses a bad year, subject code, fund source and amount, naming each field', () => {
    const problems = lineProblems({ year: 1999, subjectCode: '21203', fundSource: 'gold' as never, amount: 0 });
    expect(problems.map((p) => p.field)).toEqual(['year', 'fundSource', 'amount']);
    expect(lineProblems({ ...good, subjectCode: '21-2' })[0]?.field).toBe('subjectCode');
  });

  it('lets a monthly plan leave money unplanned but never plan more than the line', () => {
    const plan = Array.from({ length: 12 }, () => 0);
    plan[5] = 1_000_000_00;
    expect(monthlyPlanProblem(plan, 1_000_000_00)).toBeNull();
    plan[6] = 1;
    expect(monthlyPlanProblem(plan, 1_000_000_00)?.message).toContain('超过预算金额');
    expect(monthlyPlanProblem([1, 2, 3], 10)?.code).toBe('MONTHLY_PLAN_INVALID');
  });

  it('keeps an amount at or above what is reserved and paid', () => {
    expect(amountBelowCommitted(100, 60, 40)).toBeNull();
    expect(amountBelowCommitted(99, 60, 40)?.code).toBe('BUDGET_BELOW_COMMITTED');
  });
});

describe('import rows', () => {
  const months = Array.from({ length: 12 }, () => null);

  it('reads a row typed the way people type it (label, grouped yuan text, number cells)', () => {
    const { line, errors } = parseImportRow(2, ['XM-1', 2026, '2120303', '财政拨款', '1,234,567.89', ...months]);
    expect(errors).toEqual([]);
    expect(line).toMatchObject({ projectCode: 'XM-1', year: 2026, fundSource: 'fiscal', amount: 123_456_789, monthlyPlan: null });
    const numeric = parseImportRow(3, ['XM-1', '2026', 2120303, '专项债', 500000, 1000, ...months.slice(1)]);
    expect(numeric.line?.monthlyPlan?.[0]).toBe(100_000);
    expect(numeric.line?.monthlyPlan?.slice(1).every((m) => m === 0)).toBe(true);
  });

  it('reports every problem of a row with its row, column and a Chinese message', () => {
    const { line, errors } = parseImportRow(7, ['', '26', 'abc', '黄金', '12.345', ...months]);
    expect(line).toBeNull();
    expect(errors.map((e) => e.column)).toEqual(['项目编号', '预算金额（元）', '预算年度', '预算科目编码', '资金来源']);
    expect(errors.every((e) => e.row === 7 && e.message.startsWith('第 7 行'))).toBe(true);
    expect(errors.find((e) => e.column === '预算金额（元）')?.message).toContain('两位小数');
  });

  it('finds duplicates inside the file', () => {
    const row = { projectId: 'p', projectCode: 'XM-1', year: 2026, subjectCode: '2120303', fundSource: 'fiscal' as const, amount: 1, monthlyPlan: null };
    const errors = duplicateRowErrors([{ ...row, row: 2 }, { ...row, row: 5 }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 5, code: 'BUDGET_LINE_DUPLICATE' });
    expect(errors[0]?.message).toContain('第 2 行');
  });
});

import { describe, expect, it } from 'vitest';
import { validateTable, type TableDraft } from '../../../shared/approval/table-validation';
import type { RouteStep } from '../../../shared/domain/approval';

const LEAD: RouteStep = { role: 'projectLead', scope: 'own', mode: 'any', label: '项目负责人审批' };
const FINANCE: RouteStep = { role: 'finance', scope: 'own', mode: 'any', label: '财务审核' };

const INPUTS: TableDraft['inputs'] = [
  { input: 'amount', label: '金额（分）' },
  { input: 'fundSource', label: '资金来源' },
];

function draft(rules: TableDraft['rules'], extra: Partial<TableDraft> = {}): TableDraft {
  return { subject: 'paymentRequest', name: '测试规则', hitPolicy: 'FIRST', inputs: INPUTS, rules, ...extra };
}

describe('decision-table validation', () => {
  it('the default shape is clean: no errors, no warnings', () => {
    const issues = validateTable(
      draft([
        { id: 'below', when: ['< 50000000', '-'], steps: [LEAD], note: '' },
        { id: 'from', when: ['>= 50000000', '-'], steps: [LEAD, FINANCE], note: '' },
      ]),
    );
    expect(issues).toEqual([]);
  });

  it('names the rule and column of a cell that does not parse', () => {
    const issues = validateTable(draft([{ id: 'r1', when: ['[0..', '-'], steps: [LEAD], note: '' }, { id: 'r2', when: ['-', '"专项贷"'], steps: [LEAD], note: '' }]));
    expect(issues.map((i) => [i.severity, i.rule, i.column, i.field])).toEqual([
      ['error', 0, 0, 'rules.0.when.0'],
      ['error', 1, 1, 'rules.1.when.1'],
    ]);
    expect(issues[0]?.message).toMatch(/^第 1 条规则（r1）“金额（分）”列：第5个字符处写法不完整/);
    expect(issues[1]?.message).toMatch(/^第 2 条规则（r2）“资金来源”列：“专项贷”不是这一列的可选值/);
  });

  it('column count, empty table, empty route, the admin role and duplicate ids are errors', () => {
    expect(validateTable(draft([]))[0]?.message).toBe('至少需要一条规则');
    const issues = validateTable(
      draft([
        { id: 'a', when: ['-'], steps: [LEAD], note: '' },
        { id: 'b', when: ['-', '-'], steps: [], note: '' },
        { id: 'b', when: ['-', '-'], steps: [{ role: 'admin' as never, scope: 'own', mode: 'any', label: '管理员审批' }], note: '' },
      ]),
    );
    const messages = issues.map((i) => i.message);
    expect(messages).toContain('第 1 条规则（a）有 1 列条件，但表有 2 个输入列');
    expect(messages).toContain('第 2 条规则（b）没有审批步骤：每条规则至少要有一个审批步骤');
    expect(messages).toContain('第 3 条规则（b）的编号与前面的规则重复');
    expect(messages).toContain('第 3 条规则（b）第 1 步：系统管理员不能担任审批人（R10 不相容岗位相分离）');
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
  });

  it('warns when some input combination hits nothing, with examples found by probing the boundaries', () => {
    const issues = validateTable(draft([{ id: 'below', when: ['< 50000000', '-'], steps: [LEAD], note: '' }, { id: 'above', when: ['> 50000000', '-'], steps: [LEAD, FINANCE], note: '' }]));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.severity).toBe('warning');
    expect(issues[0]?.message).toMatch(/有 4 种情形没有任何规则命中/);
    expect(issues[0]?.message).toMatch(/金额 ¥500,000.00（50000000 分）/);
  });

  it('warns about a FIRST rule that can never be reached', () => {
    const issues = validateTable(draft([{ id: 'all', when: ['-', '-'], steps: [LEAD], note: '' }, { id: 'bond', when: ['-', '"专项债"'], steps: [FINANCE], note: '' }]));
    expect(issues.map((i) => i.message)).toEqual(['第 2 条规则（bond）在“首条命中”下永远不会被用到：能命中它的情形都先命中了前面的规则']);
    expect(validateTable(draft([{ id: 'all', when: ['-', '-'], steps: [LEAD], note: '' }, { id: 'bond', when: ['-', '"专项债"'], steps: [FINANCE], note: '' }], { hitPolicy: 'COLLECT' }))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { compileTable, CompiledTableCache, DecisionTableCompileError, type DecisionTableContent } from '../../../shared/approval/decision-engine';
import type { ApprovalFacts } from '../../../shared/approval/decision-inputs';
import { compileCell, isCellProblem, type CellKind } from '../../../shared/approval/feel-cell';
import type { RouteStep } from '../../../shared/domain/approval';

const NUMBER: CellKind = { kind: 'number' };
const FUND: CellKind = { kind: 'text', values: ['财政资金', '专项债', 'PPP', '其他'] };

function cell(source: string, kind: CellKind = NUMBER) {
  const compiled = compileCell(source, kind);
  if (isCellProblem(compiled)) throw new Error(compiled.message);
  return compiled;
}

const LEAD: RouteStep = { role: 'projectLead', scope: 'own', mode: 'any', label: '项目负责人审批' };
const FINANCE: RouteStep = { role: 'finance', scope: 'own', mode: 'any', label: '财务审核' };
const LEADER: RouteStep = { role: 'leader', scope: 'own', mode: 'any', label: '分管领导审批' };
const UPPER: RouteStep = { role: 'leader', scope: 'upper', mode: 'all', label: '上级会签' };

const INPUTS = [
  { input: 'amount' as const, label: '金额（分）' },
  { input: 'projectType' as const, label: '项目类型' },
  { input: 'fundSource' as const, label: '资金来源' },
  { input: 'paymentKind' as const, label: '款项类型' },
];

function facts(amount: number, fundSource: ApprovalFacts['fundSource'] = 'fiscal', paymentKind: ApprovalFacts['paymentKind'] = 'progress'): ApprovalFacts {
  return { amount, projectType: 'municipalRoad', fundSource, paymentKind };
}

describe('FEEL cells (compiled once, answering exactly as feelin)', () => {
  it('[0..500000) includes 0 and 499999, excludes 500000', () => {
    const c = cell('[0..500000)');
    expect(c.test(0)).toBe(true);
    expect(c.test(499_999)).toBe(true);
    expect(c.test(500_000)).toBe(false);
    expect(c.test(-1)).toBe(false);
    expect(c.test(null)).toBe(false);
  });

  it('>= 50000000 starts exactly at ¥500,000 (in 分)', () => {
    const c = cell('>= 50000000');
    expect(c.test(49_999_999)).toBe(false);
    expect(c.test(50_000_000)).toBe(true);
    expect(c.test(900_000_000_000)).toBe(true);
  });

  it('closed, open and mixed intervals, lists and not()', () => {
    expect(cell('[100..200]').test(200)).toBe(true);
    expect(cell('(100..200]').test(100)).toBe(false);
    expect(cell('< 100, > 200').test(150)).toBe(false);
    expect(cell('< 100, > 200').test(201)).toBe(true);
    expect(cell('not([100..200])').test(150)).toBe(false);
    expect(cell('not([100..200])').test(99)).toBe(true);
    expect(cell('= 5').test(5)).toBe(true);
    expect(cell('!= 5').test(5)).toBe(false);
    expect(cell('-').test(123)).toBe(true);
  });

  it('text lists: "专项债","PPP" match exactly those fund sources', () => {
    const c = cell('"专项债","PPP"', FUND);
    expect(c.test('专项债')).toBe(true);
    expect(c.test('PPP')).toBe(true);
    expect(c.test('财政资金')).toBe(false);
    expect(cell('not("PPP")', FUND).test('PPP')).toBe(false);
    expect(cell('not("PPP")', FUND).test('其他')).toBe(true);
  });

  it('refuses invalid cells with a precise Chinese message', () => {
    const problems: [string, CellKind, RegExp][] = [
      ['[0..', NUMBER, /第5个字符处写法不完整/],
      ['> 100 * 2', NUMBER, /不支持的写法“100 \* 2”/],
      ['>= x', NUMBER, /不支持的写法“x”/],
      ['"专项债"', NUMBER, /金额列只能与数值比较/],
      ['"专项贷"', FUND, /“专项贷”不是这一列的可选值；可选值："财政资金"、"专项债"、"PPP"、"其他"/],
      ['> 5', FUND, /这一列是文字，不能与数值 5 比较/],
      ['', NUMBER, /不能为空；任意值请填 -/],
      ['? > 5', NUMBER, /不支持的写法/],
    ];
    for (const [source, kind, message] of problems) {
      const compiled = compileCell(source, kind);
      expect(isCellProblem(compiled), source).toBe(true);
      if (isCellProblem(compiled)) expect(compiled.message, source).toMatch(message);
    }
  });
});

describe('decision tables: FIRST and COLLECT', () => {
  const table = (hitPolicy: 'FIRST' | 'COLLECT'): DecisionTableContent => ({
    subject: 'paymentRequest',
    hitPolicy,
    inputs: INPUTS,
    rules: [
      { id: 'small', when: ['< 50000000', '-', '-', '-'], steps: [LEAD], note: '' },
      { id: 'large', when: ['>= 50000000', '-', '-', '-'], steps: [LEAD, FINANCE, LEADER], note: '' },
      { id: 'bond', when: ['-', '-', '"专项债","PPP"', '-'], steps: [FINANCE, UPPER], note: '' },
    ],
  });

  it('FIRST takes the first matching rule only', () => {
    const first = compileTable(table('FIRST'));
    expect(first.evaluate(facts(49_999_999, 'specialBond'))).toEqual({ steps: [LEAD], hits: ['small'] });
    expect(first.evaluate(facts(50_000_000)).steps.map((s) => s.label)).toEqual(['项目负责人审批', '财务审核', '分管领导审批']);
  });

  it('COLLECT merges the steps of every matching rule in rule order, dropping exact duplicates', () => {
    const collect = compileTable(table('COLLECT'));
    const outcome = collect.evaluate(facts(60_000_000, 'ppp'));
    expect(outcome.hits).toEqual(['large', 'bond']);
    expect(outcome.steps.map((s) => s.label)).toEqual(['项目负责人审批', '财务审核', '分管领导审批', '上级会签']);
    expect(collect.evaluate(facts(100, 'specialBond')).steps.map((s) => s.label)).toEqual(['项目负责人审批', '财务审核', '上级会签']);
  });

  it('no hit gives an empty route (the service turns it into NO_ROUTE)', () => {
    const t: DecisionTableContent = { subject: 'paymentRequest', hitPolicy: 'FIRST', inputs: INPUTS, rules: [{ id: 'a', when: ['>= 100', '-', '-', '"进度款"'], steps: [LEAD], note: '' }] };
    expect(compileTable(t).evaluate(facts(50, 'fiscal', 'progress'))).toEqual({ steps: [], hits: [] });
    expect(compileTable(t).evaluate(facts(500, 'fiscal', 'advance')).hits).toEqual([]);
    expect(compileTable(t).evaluate(facts(500, 'fiscal', 'progress')).hits).toEqual(['a']);
  });

  it('a cell that does not compile names its rule and column', () => {
    const t: DecisionTableContent = { subject: 'paymentRequest', hitPolicy: 'FIRST', inputs: INPUTS, rules: [{ id: 'a', when: ['-', '-', '>= 5', '-'], steps: [LEAD], note: '' }] };
    expect(() => compileTable(t)).toThrow(DecisionTableCompileError);
    expect(() => compileTable(t)).toThrow(/第1条规则第3列/);
  });

  it('returned routes are copies: a caller changing one cannot change the table', () => {
    const compiled = compileTable(table('FIRST'));
    const first = compiled.evaluate(facts(1));
    (first.steps[0] as RouteStep).label = 'changed';
    expect(compiled.evaluate(facts(1)).steps[0]?.label).toBe('项目负责人审批');
  });

  it('the cache compiles a stored version once', () => {
    const cache = new CompiledTableCache(2);
    const t = table('FIRST');
    expect(cache.get('v1', t)).toBe(cache.get('v1', t));
    cache.get('v2', t);
    cache.get('v3', t);
    expect(cache.get('v1', t)).not.toBe(undefined);
  });
});

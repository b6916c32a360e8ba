/**
 * Decision-table evaluation throughput (issue 4 item 9: at least 50 000 routes/s).
 *
 *   npx tsx test/bench/approval.bench.ts
 *   BENCH_SCALE=0.1 npx tsx test/bench/approval.bench.ts   # quick smoke run
 *
 * Measured in the same run, so the ratio holds on any machine:
 *   (i)   the engine (shared/approval/decision-engine.ts): the seed's default table, FIRST, plus a
 *         six-rule COLLECT table over all four inputs, compiled once, evaluated for varied facts;
 *   (ii)  the same tables written by hand as plain JavaScript if/else — the raw baseline;
 *   (iii) for scale: feelin's own unaryTest per cell (parsing every time), what an engine without
 *         compiled cells would do.
 * Prints a markdown table with routes/s and the ratio to the baseline.
 */
import { performance } from 'node:perf_hooks';
import { unaryTest } from 'feelin';
import { compileTable, type DecisionTableContent } from '../../shared/approval/decision-engine';
import { feelValueOf, type ApprovalFacts } from '../../shared/approval/decision-inputs';
import type { DecisionInput, RouteStep } from '../../shared/domain/approval';
import { FUND_SOURCES } from '../../shared/domain/fund-source';
import { PAYMENT_KINDS } from '../../shared/domain/payment-kind';
import { PROJECT_TYPES } from '../../shared/domain/project';

const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
const ROUTES = Math.round(1_000_000 * SCALE);
const RUNS = 5;
const TARGET = 50_000;

const LEAD: RouteStep = { role: 'projectLead', scope: 'own', mode: 'any', label: '项目负责人审批' };
const FINANCE: RouteStep = { role: 'finance', scope: 'own', mode: 'any', label: '财务审核' };
const LEADER: RouteStep = { role: 'leader', scope: 'own', mode: 'any', label: '分管领导审批' };
const UPPER: RouteStep = { role: 'leader', scope: 'upper', mode: 'all', label: '上级会签' };
const INPUTS = (['amount', 'projectType', 'fundSource', 'paymentKind'] as const).map((input) => ({ input, label: input }));

const DEFAULT_TABLE: DecisionTableContent = {
  subject: 'paymentRequest',
  hitPolicy: 'FIRST',
  inputs: INPUTS,
  rules: [
    { id: 'below-500k', when: ['< 50000000', '-', '-', '-'], steps: [LEAD], note: '' },
    { id: 'from-500k', when: ['>= 50000000', '-', '-', '-'], steps: [LEAD, FINANCE, LEADER], note: '' },
  ],
};

const COLLECT_TABLE: DecisionTableContent = {
  subject: 'paymentRequest',
  hitPolicy: 'COLLECT',
  inputs: INPUTS,
  rules: [
    { id: 'all', when: ['-', '-', '-', '-'], steps: [LEAD], note: '' },
    { id: 'mid', when: ['[50000000..500000000)', '-', '-', '-'], steps: [FINANCE, LEADER], note: '' },
    { id: 'big', when: ['>= 500000000', '-', '-', '-'], steps: [FINANCE, LEADER, UPPER], note: '' },
    { id: 'bond', when: ['-', '-', '"专项债","PPP"', '-'], steps: [FINANCE], note: '' },
    { id: 'advance', when: ['>= 10000000', '-', '-', '"预付款"'], steps: [LEADER], note: '' },
    { id: 'school', when: ['-', '"学校改扩建","水利"', 'not("财政资金")', '-'], steps: [UPPER], note: '' },
  ],
};

function plainDefault(f: ApprovalFacts): RouteStep[] {
  return f.amount < 50_000_000 ? [LEAD] : [LEAD, FINANCE, LEADER];
}

/** The COLLECT table by hand: the same order and the same duplicate rule as the engine. */
function plainCollect(f: ApprovalFacts): RouteStep[] {
  const out: RouteStep[] = [LEAD];
  const add = (s: RouteStep) => {
    if (!out.includes(s)) out.push(s);
  };
  if (f.amount >= 50_000_000 && f.amount < 500_000_000) [FINANCE, LEADER].forEach(add);
  if (f.amount >= 500_000_000) [FINANCE, LEADER, UPPER].forEach(add);
  if (f.fundSource === 'specialBond' || f.fundSource === 'ppp') add(FINANCE);
  if (f.amount >= 10_000_000 && f.paymentKind === 'advance') add(LEADER);
  if ((f.projectType === 'schoolExpansion' || f.projectType === 'waterConservancy') && f.fundSource !== 'fiscal') add(UPPER);
  return out.map((s) => ({ ...s }));
}

function factsList(n: number): ApprovalFacts[] {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
  return Array.from({ length: n }, () => ({
    amount: 1 + (next() % 900_000_000),
    projectType: PROJECT_TYPES[next() % PROJECT_TYPES.length] as ApprovalFacts['projectType'],
    fundSource: FUND_SOURCES[next() % FUND_SOURCES.length] as ApprovalFacts['fundSource'],
    paymentKind: PAYMENT_KINDS[next() % PAYMENT_KINDS.length] as ApprovalFacts['paymentKind'],
  }));
}

function best(label: string, routes: number, run: () => number): { label: string; perSecond: number; checksum: number } {
  let fastest = Infinity;
  let checksum = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    checksum = run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return { label, perSecond: routes / (fastest / 1000), checksum };
}

/** Each cell through feelin's unaryTest, parsing every time: what compiling avoids. */
function uncompiled(table: DecisionTableContent, f: ApprovalFacts): number {
  let steps = 0;
  for (const rule of table.rules) {
    let hit = true;
    table.inputs.forEach((c, i) => {
      const cell = rule.when[i] ?? '-';
      if (hit && cell !== '-' && unaryTest(cell, { '?': feelValueOf(c.input as DecisionInput, f) }).value !== true) hit = false;
    });
    if (!hit) continue;
    if (table.hitPolicy === 'FIRST') return rule.steps.length;
    steps += rule.steps.length;
  }
  return steps;
}

const facts = factsList(ROUTES);
const rows: string[] = [];
for (const [name, table, plain] of [
  ['default (FIRST, 2 rules)', DEFAULT_TABLE, plainDefault],
  ['COLLECT, 6 rules × 4 inputs', COLLECT_TABLE, plainCollect],
] as const) {
  const compiled = compileTable(table);
  // the engine and the baseline must agree before either is timed
  for (const f of facts.slice(0, 10_000)) {
    const a = compiled.evaluate(f).steps.map((s) => s.label).join('>');
    const b = plain(f).map((s) => s.label).join('>');
    if (a !== b) throw new Error(`${name}: engine ${a} ≠ baseline ${b} for ${JSON.stringify(f)}`);
  }
  const engine = best('engine', facts.length, () => facts.reduce((n, f) => n + compiled.evaluate(f).steps.length, 0));
  const baseline = best('plain if/else', facts.length, () => facts.reduce((n, f) => n + plain(f).length, 0));
  const slowSample = facts.slice(0, Math.max(200, Math.round(2_000 * SCALE)));
  const slow = best('feelin per call', slowSample.length, () => slowSample.reduce((n, f) => n + uncompiled(table, f), 0));
  if (engine.checksum !== baseline.checksum) throw new Error(`${name}: checksums differ`);
  const verdict = engine.perSecond >= TARGET ? 'meets' : 'MISSES';
  rows.push(
    `| ${name} | ${Math.round(engine.perSecond).toLocaleString('en')} | ${Math.round(baseline.perSecond).toLocaleString('en')} | ${(baseline.perSecond / engine.perSecond).toFixed(1)}× | ${Math.round(slow.perSecond).toLocaleString('en')} | ${verdict} ≥ ${TARGET.toLocaleString('en')}/s |`,
  );
}

console.log(`Decision-table evaluation, ${facts.length.toLocaleString('en')} routes, best of ${RUNS}`);
console.log('');
console.log('| table | engine routes/s | plain if/else routes/s | baseline ÷ engine | feelin unaryTest per cell, routes/s | target |');
console.log('|---|---:|---:|---:|---:|---|');
for (const row of rows) console.log(row);
if (rows.some((r) => r.includes('MISSES'))) process.exitCode = 1;

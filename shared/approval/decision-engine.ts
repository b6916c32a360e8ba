import type { ApprovalSubject, DecisionInput, HitPolicy, RouteStep } from '../domain/approval';
import { cellKindOf, feelValueOf, type ApprovalFacts } from './decision-inputs';
import { compileCell, isCellProblem, type CompiledCell } from './feel-cell';

/** A decision table as the engine reads it (DecisionTableDoc has this shape and more). */
export interface DecisionTableInputColumn {
  input: DecisionInput;
  label: string;
}

export interface DecisionTableRuleRow {
  id: string;
  /** one FEEL unary test per input column, in column order */
  when: readonly string[];
  steps: readonly RouteStep[];
  note: string;
}

export interface DecisionTableContent {
  subject: ApprovalSubject;
  hitPolicy: HitPolicy;
  inputs: readonly DecisionTableInputColumn[];
  rules: readonly DecisionTableRuleRow[];
}

/** What a table says for one set of facts: the route and the rules that produced it. */
export interface TableOutcome {
  steps: RouteStep[];
  /** ids of the rules that matched, in rule order (FIRST: at most one) */
  hits: string[];
}

interface CompiledRule {
  id: string;
  steps: readonly RouteStep[];
  tests: { input: DecisionInput; cell: CompiledCell }[];
}

export interface CompiledTable {
  readonly hitPolicy: HitPolicy;
  readonly inputs: readonly DecisionInput[];
  evaluate(facts: ApprovalFacts): TableOutcome;
}

/** Thrown when a table that should have been validated has a cell that does not compile. */
export class DecisionTableCompileError extends Error {
  constructor(
    readonly ruleIndex: number,
    readonly columnIndex: number,
    message: string,
  ) {
    super(message);
    this.name = 'DecisionTableCompileError';
  }
}

function stepKey(step: RouteStep): string {
  return `${step.role}\u0000${step.scope}\u0000${step.mode}\u0000${step.label}`;
}

function matches(rule: CompiledRule, facts: ApprovalFacts): boolean {
  for (const t of rule.tests) if (!t.cell.test(feelValueOf(t.input, facts))) return false;
  return true;
}

/**
 * Compiles every cell once (see feel-cell.ts). FIRST: the first matching rule's steps. COLLECT:
 * the steps of every matching rule in rule order, an exact duplicate step kept once (two rules
 * both asking for 财务审核 mean one 财务审核, not two).
 */
export function compileTable(table: DecisionTableContent): CompiledTable {
  const inputs = table.inputs.map((c) => c.input);
  const rules: CompiledRule[] = table.rules.map((rule, r) => ({
    id: rule.id,
    steps: rule.steps,
    tests: inputs.flatMap((input, c) => {
      const source = rule.when[c];
      if (source === undefined) throw new DecisionTableCompileError(r, c, `第${r + 1}条规则缺少第${c + 1}列`);
      const cell = compileCell(source, cellKindOf(input));
      if (isCellProblem(cell)) throw new DecisionTableCompileError(r, c, `第${r + 1}条规则第${c + 1}列：${cell.message}`);
      // "-" matches anything: no need to test it at all
      return source.trim() === '-' ? [] : [{ input, cell }];
    }),
  }));
  const hitPolicy = table.hitPolicy;
  return {
    hitPolicy,
    inputs,
    evaluate(facts) {
      if (hitPolicy === 'FIRST') {
        for (const rule of rules) {
          if (matches(rule, facts)) return { steps: rule.steps.map((s) => ({ ...s })), hits: [rule.id] };
        }
        return { steps: [], hits: [] };
      }
      const steps: RouteStep[] = [];
      const seen = new Set<string>();
      const hits: string[] = [];
      for (const rule of rules) {
        if (!matches(rule, facts)) continue;
        hits.push(rule.id);
        for (const step of rule.steps) {
          const key = stepKey(step);
          if (seen.has(key)) continue;
          seen.add(key);
          steps.push({ ...step });
        }
      }
      return { steps, hits };
    },
  };
}

/**
 * Compiled tables by identity: a stored table version never changes (records are append-only),
 * so its id is a safe cache key. Bounded, because an administrator's drafts are compiled too.
 */
export class CompiledTableCache {
  private readonly byKey = new Map<string, CompiledTable>();

  constructor(private readonly capacity = 64) {}

  get(key: string, table: DecisionTableContent): CompiledTable {
    const hit = this.byKey.get(key);
    if (hit) return hit;
    const compiled = compileTable(table);
    if (this.byKey.size >= this.capacity) {
      const oldest = this.byKey.keys().next().value;
      if (oldest !== undefined) this.byKey.delete(oldest);
    }
    this.byKey.set(key, compiled);
    return compiled;
  }
}

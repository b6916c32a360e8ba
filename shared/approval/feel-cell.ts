import { parseUnaryTests, unaryTest } from 'feelin';

/**
 * One cell of a decision table: a FEEL unary test (DMN), parsed and evaluated by `feelin`.
 *
 * feelin re-parses its input on every `unaryTest` call (~25k tests/s), too slow for a table
 * evaluated for every request and every "try it". So a cell is compiled once into a lookup that
 * gives exactly feelin's answer:
 *  - text columns (项目类型, 资金来源, 款项类型) have a closed set of values: feelin decides each
 *    value once and the answers are kept in a Map;
 *  - the amount column only compares against number literals (the whitelist below refuses
 *    arithmetic, variables and functions), so its answer can change only at those literals:
 *    feelin decides each literal and one point of every gap between them, and evaluation is a
 *    binary search over the boundaries.
 */

/** What kind of values a column holds: numbers (金额, 分) or one of a closed set of texts. */
export type CellKind = { kind: 'number' } | { kind: 'text'; values: readonly (string | null)[] };

export interface CompiledCell {
  readonly source: string;
  /** the number literals the cell compares with (where its answer may change); empty for text */
  readonly boundaries: readonly number[];
  /** feelin's answer for this value (`null` → the input is empty, e.g. no payment kind) */
  test(value: number | string | null): boolean;
}

export interface CellProblem {
  message: string;
  /** 0-based character where the problem starts, when known */
  at?: number;
}

/** Grammar nodes a cell may contain: comparisons, intervals, literals, lists, not(…), "-". */
const ALLOWED_NODES = new Set([
  'UnaryTests',
  'PositiveUnaryTests',
  'PositiveUnaryTest',
  'SimplePositiveUnaryTest',
  'Interval',
  'CompareOp',
  'NumericLiteral',
  'StringLiteral',
  'Wildcard',
  'ArithOp', // only the sign of a negative literal or the "-" wildcard: ArithmeticExpression is refused
  'not',
  'null',
  '[',
  ']',
  '(',
  ')',
  '..',
  ',',
]);

const SYNTAX_HINT = '可用写法：比较（< 500000、>= 500000）、区间（[0..500000)）、数值或带引号的文字及其列表（"专项债","PPP"）、not(…)，以及表示任意值的 -';

interface CellScan {
  numbers: number[];
  strings: string[];
}

function unquote(literal: string): string {
  // FEEL string literals use JSON-like escapes
  try {
    const parsed: unknown = JSON.parse(literal);
    return typeof parsed === 'string' ? parsed : literal.slice(1, -1);
  } catch {
    return literal.slice(1, -1);
  }
}

/** Parses with feelin and walks the tree: syntax errors and constructs outside the whitelist. */
function scan(source: string): CellScan | CellProblem {
  let tree;
  try {
    tree = parseUnaryTests(source, {}, undefined);
  } catch (error) {
    return { message: `无法解析：${error instanceof Error ? error.message : String(error)}` };
  }
  const numbers: number[] = [];
  const strings: string[] = [];
  let problem: CellProblem | null = null;
  tree.iterate({
    enter(node) {
      if (problem) return false;
      const text = source.slice(node.from, node.to);
      if (node.type.isError) {
        problem = { message: `第${node.from + 1}个字符处写法不完整或有误（“${source.slice(node.from, node.from + 8) || '结尾'}”）。${SYNTAX_HINT}`, at: node.from };
        return false;
      }
      if (!ALLOWED_NODES.has(node.name)) {
        problem = { message: `不支持的写法“${text}”（第${node.from + 1}个字符起）。${SYNTAX_HINT}`, at: node.from };
        return false;
      }
      if (node.name === 'NumericLiteral') numbers.push(Number(text));
      if (node.name === 'StringLiteral') strings.push(unquote(text));
      return undefined;
    },
  });
  if (problem) return problem;
  return { numbers, strings };
}

function isProblem(value: CellScan | CellProblem): value is CellProblem {
  return 'message' in value;
}

/** feelin's own answer; its warnings (e.g. comparing a text with a number) make the cell invalid. */
function feel(source: string, value: number | string | null): boolean | CellProblem {
  const result = unaryTest(source, { '?': value });
  const warning = result.warnings[0];
  if (warning) return { message: `求值时出错：${warning.message}` };
  return result.value === true;
}

function quoteList(values: readonly (string | null)[]): string {
  return values.filter((v): v is string => v !== null).map((v) => `"${v}"`).join('、');
}

function compileNumberCell(source: string, found: CellScan): CompiledCell | CellProblem {
  if (found.strings.length > 0) return { message: `金额列只能与数值比较（单位：分），不能写文字“${found.strings[0] ?? ''}”` };
  const bounds = [...new Set(found.numbers)].sort((a, b) => a - b);
  // probes: each boundary, one point inside every gap, and one point beyond each end
  const atBound: boolean[] = [];
  const inGap: boolean[] = [];
  const first = bounds[0];
  const last = bounds[bounds.length - 1];
  const gapProbes = first === undefined || last === undefined ? [0] : [first - 1, ...bounds.slice(1).map((b, i) => ((bounds[i] ?? b) + b) / 2), last + 1];
  for (const b of bounds) {
    const answer = feel(source, b);
    if (typeof answer !== 'boolean') return answer;
    atBound.push(answer);
  }
  for (const p of gapProbes) {
    const answer = feel(source, p);
    if (typeof answer !== 'boolean') return answer;
    inGap.push(answer);
  }
  const empty = feel(source, null);
  if (typeof empty !== 'boolean') return empty;
  return {
    source,
    boundaries: bounds,
    test(value) {
      if (typeof value !== 'number') return value === null ? empty : false;
      // binary search: index of the first boundary ≥ value
      let lo = 0;
      let hi = bounds.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((bounds[mid] as number) < value) lo = mid + 1;
        else hi = mid;
      }
      if (bounds[lo] === value) return atBound[lo] as boolean;
      return inGap[lo] as boolean;
    },
  };
}

function compileTextCell(source: string, found: CellScan, values: readonly (string | null)[]): CompiledCell | CellProblem {
  if (found.numbers.length > 0) return { message: `这一列是文字，不能与数值 ${found.numbers[0] ?? ''} 比较；可选值：${quoteList(values)}` };
  const unknown = found.strings.find((s) => !values.includes(s));
  if (unknown !== undefined) return { message: `“${unknown}”不是这一列的可选值；可选值：${quoteList(values)}` };
  const answers = new Map<string | null, boolean>();
  for (const v of values) {
    const answer = feel(source, v);
    if (typeof answer !== 'boolean') return answer;
    answers.set(v, answer);
  }
  return { source, boundaries: [], test: (value) => answers.get(typeof value === 'number' ? String(value) : value) ?? false };
}

/** Parses, checks and compiles one cell; a problem names what is wrong in Chinese. */
export function compileCell(source: string, kind: CellKind): CompiledCell | CellProblem {
  const trimmed = source.trim();
  if (trimmed === '') return { message: '不能为空；任意值请填 -' };
  const found = scan(trimmed);
  if (isProblem(found)) return found;
  return kind.kind === 'number' ? compileNumberCell(trimmed, found) : compileTextCell(trimmed, found, kind.values);
}

export function isCellProblem(value: CompiledCell | CellProblem): value is CellProblem {
  return 'message' in value;
}

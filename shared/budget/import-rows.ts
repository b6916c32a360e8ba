import { FUND_SOURCE_LABELS, FUND_SOURCES, type FundSource } from '../domain/fund-source';
import type { ErrorCode } from '../errors/error-codes';
import { parseYuan } from '../money';
import { lineKey, lineProblems, type BudgetLineFields, type LineProblem } from './line-rules';

/**
 * The budget-line import sheet: one line per row, columns in this order. The template the core
 * hands out and the reader use this one list, so they cannot disagree.
 */
export const IMPORT_COLUMNS = [
  { key: 'projectCode', header: '项目编号', required: true },
  { key: 'year', header: '预算年度', required: true },
  { key: 'subjectCode', header: '预算科目编码', required: true },
  { key: 'fundSource', header: '资金来源', required: true },
  { key: 'amount', header: '预算金额（元）', required: true },
  ...Array.from({ length: 12 }, (_, i) => ({ key: `m${i + 1}`, header: `${i + 1}月用款计划（元）`, required: false })),
] as const;

export const IMPORT_SHEET_NAME = '预算指标';
/** Rows a single import may carry; beyond this the file is refused before any row is read. */
export const MAX_IMPORT_ROWS = 5_000;

export type ImportCell = string | number | boolean | Date | null;

export interface ImportRowError {
  /** spreadsheet row number as Excel shows it (the header is row 1) */
  row: number;
  /** column header as in the template, or '' for the whole row */
  column: string;
  code: ErrorCode;
  message: string;
}

export interface ParsedImportRow extends BudgetLineFields {
  row: number;
  projectCode: string;
  monthlyPlan: number[] | null;
}

/** Accepts the code or the Chinese label of a fund source; 财政拨款 is the common spoken name. */
const FUND_SOURCE_BY_TEXT = new Map<string, FundSource>([
  ...FUND_SOURCES.map((f) => [f, f] as const),
  ...FUND_SOURCES.map((f) => [FUND_SOURCE_LABELS[f], f] as const),
  ['财政拨款', 'fiscal'],
  ['ppp', 'ppp'],
]);

function cellText(value: ImportCell): string {
  if (value === null) return '';
  if (value instanceof Date) return '';
  return String(value).trim();
}

const COLUMN_OF: Record<LineProblem['field'], string> = {
  year: '预算年度',
  subjectCode: '预算科目编码',
  fundSource: '资金来源',
  amount: '预算金额（元）',
  monthlyPlan: '1月用款计划（元）',
};

/** Money typed in a cell: a number as Excel stores it, or text such as "1,234.50". */
function parseMoneyCell(value: ImportCell, label: string): { fen: number } | { message: string } {
  const text = typeof value === 'number' ? String(value) : cellText(value);
  const parsed = parseYuan(text, { label });
  return parsed.ok ? { fen: parsed.value } : { message: parsed.message };
}

/**
 * Reads one data row (cells in IMPORT_COLUMNS order). Everything wrong with the row is reported,
 * not only the first problem, so one round of corrections is enough.
 */
export function parseImportRow(row: number, cells: readonly ImportCell[]): { line: ParsedImportRow | null; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const err = (column: string, code: ErrorCode, message: string) => errors.push({ row, column, code, message: `第 ${row} 行「${column}」：${message}` });
  const at = (i: number): ImportCell => cells[i] ?? null;

  const projectCode = cellText(at(0));
  if (projectCode === '') err('项目编号', 'VALIDATION_FAILED', '请填写项目编号');
  const yearText = cellText(at(1));
  const year = /^\d{4}$/u.test(yearText) ? Number(yearText) : Number.NaN;
  if (yearText === '') err('预算年度', 'VALIDATION_FAILED', '请填写预算年度');
  const subjectCode = cellText(at(2));
  if (subjectCode === '') err('预算科目编码', 'VALIDATION_FAILED', '请填写预算科目编码');
  const fundText = cellText(at(3));
  const fundSource = FUND_SOURCE_BY_TEXT.get(fundText) ?? FUND_SOURCE_BY_TEXT.get(fundText.toLowerCase());
  if (fundText === '') err('资金来源', 'VALIDATION_FAILED', '请填写资金来源');
  let amount = Number.NaN;
  if (cellText(at(4)) === '') err('预算金额（元）', 'INVALID_AMOUNT', '请填写预算金额');
  else {
    const money = parseMoneyCell(at(4), '预算金额');
    if ('fen' in money) amount = money.fen;
    else err('预算金额（元）', 'INVALID_AMOUNT', money.message);
  }
  const monthCells = Array.from({ length: 12 }, (_, i) => at(5 + i));
  let monthlyPlan: number[] | null = null;
  if (monthCells.some((c) => cellText(c) !== '')) {
    monthlyPlan = [];
    monthCells.forEach((c, i) => {
      const header = `${i + 1}月用款计划（元）`;
      if (cellText(c) === '') {
        monthlyPlan?.push(0);
        return;
      }
      const money = parseMoneyCell(c, `${i + 1}月用款计划`);
      if ('fen' in money) monthlyPlan?.push(money.fen);
      else err(header, 'MONTHLY_PLAN_INVALID', money.message);
    });
    if (monthlyPlan.length !== 12) monthlyPlan = null;
  }

  // The shared rules, for the fields that were readable at all (a blank one is reported above).
  const fields: BudgetLineFields = {
    year,
    subjectCode,
    fundSource: fundSource ?? 'other',
    amount: Number.isNaN(amount) ? 1 : amount,
    monthlyPlan,
  };
  for (const p of lineProblems(fields)) {
    if (p.field === 'year' && yearText === '') continue;
    if (p.field === 'subjectCode' && subjectCode === '') continue;
    err(COLUMN_OF[p.field], p.code, p.message);
  }
  if (fundText !== '' && !fundSource) err('资金来源', 'VALIDATION_FAILED', `资金来源只能是：${Object.values(FUND_SOURCE_LABELS).join('、')}`);
  if (errors.length > 0) return { line: null, errors };
  return { line: { row, projectCode, year, subjectCode, fundSource: fundSource ?? 'other', amount, monthlyPlan }, errors };
}

/** Duplicates within the file itself (the database's lines are the core's check). */
export function duplicateRowErrors(rows: readonly (ParsedImportRow & { projectId: string })[]): ImportRowError[] {
  const first = new Map<string, number>();
  const errors: ImportRowError[] = [];
  for (const r of rows) {
    const key = lineKey(r);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, r.row);
    else {
      errors.push({
        row: r.row,
        column: '',
        code: 'BUDGET_LINE_DUPLICATE',
        message: `第 ${r.row} 行与第 ${earlier} 行重复：同一项目、年度、预算科目和资金来源只能有一条预算指标`,
      });
    }
  }
  return errors;
}

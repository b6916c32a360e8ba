import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, IMPORT_SHEET_NAME, MAX_IMPORT_ROWS, type ImportCell } from '../../../shared/budget/import-rows';
import { FUND_SOURCE_LABELS, FUND_SOURCES } from '../../../shared/domain/fund-source';
import { AppError } from '../../../shared/errors';
import { SUBJECT_NAMES } from '../seed/vocab/budget-subjects';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import template: the header row, one example row, a list for 资金来源, and a sheet of notes. */
export async function buildImportTemplate(exampleProjectCode: string, year: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GovPay Desk';
  const sheet = wb.addWorksheet(IMPORT_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key.startsWith('m') ? 14 : 18 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).eachCell((cell, col) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: (IMPORT_COLUMNS[col - 1]?.required ?? false) ? 'FFFDE9D9' : 'FFEFEFEF' } };
  });
  sheet.addRow([exampleProjectCode, year, '2120303', FUND_SOURCE_LABELS.fiscal, '1000000.00', ...Array.from({ length: 12 }, () => null)]);
  // 资金来源 from a list, so the names are typed the way the import reads them
  for (let r = 2; r <= 1_000; r += 1) {
    sheet.getCell(r, 4).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${FUND_SOURCES.map((f) => FUND_SOURCE_LABELS[f]).join(',')}"`] };
  }
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ width: 24 }, { width: 80 }];
  notes.addRows([
    ['列', '说明'],
    ['项目编号', '须为系统中已有的项目编号（本单位管辖范围内）'],
    ['预算年度', '四位年份，如 2026'],
    ['预算科目编码', '支出功能分类科目编码，3、5 或 7 位数字，如 2120303'],
    ['资金来源', `${FUND_SOURCES.map((f) => FUND_SOURCE_LABELS[f]).join('、')}；须为项目已登记的资金来源`],
    ['预算金额（元）', '大于零，最多两位小数；同一项目、年度、预算科目和资金来源只能有一条'],
    ['1–12月用款计划（元）', '可不填；填写时空白月份按 0 计，合计不得超过预算金额'],
    ['整体规则', '任一行有错误时整份文件都不会导入，请按错误报告修改后重新上传'],
    [],
    ['常用预算科目', ''],
    ...Object.entries(SUBJECT_NAMES).map(([code, name]) => [code, name]),
  ]);
  notes.getRow(1).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** What a cell holds, reduced to what a row parser needs (formulas give their result). */
function plainCell(value: ExcelJS.CellValue): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('result' in value) return plainCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return null;
}

export interface SheetRow {
  /** row number as Excel shows it */
  row: number;
  cells: ImportCell[];
}

/**
 * The data rows of the first sheet (or the one named 预算指标), skipping blank rows. A file that is
 * not an xlsx, or whose header row is not the template's, is refused as a whole: reading its rows
 * by position would put numbers into the wrong fields.
 */
export async function readImportRows(bytes: Uint8Array): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_INVALID', '无法读取文件：请上传由导入模板填写的 .xlsx 文件', 'fileBase64');
  }
  const sheet = wb.getWorksheet(IMPORT_SHEET_NAME) ?? wb.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_INVALID', '文件中没有工作表', 'fileBase64');
  const header = IMPORT_COLUMNS.map((_, i) => String(plainCell(sheet.getRow(1).getCell(i + 1).value) ?? '').trim());
  const wrong = IMPORT_COLUMNS.findIndex((c, i) => header[i] !== c.header);
  if (wrong >= 0) {
    throw new AppError('IMPORT_INVALID', `第 1 行第 ${wrong + 1} 列应为「${IMPORT_COLUMNS[wrong]?.header}」，实为「${header[wrong] ?? ''}」：请使用导入模板`, 'fileBase64');
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = IMPORT_COLUMNS.map((_, i) => plainCell(row.getCell(i + 1).value));
    if (cells.every((c) => c === null || String(c).trim() === '')) return;
    rows.push({ row: rowNumber, cells });
  });
  if (rows.length === 0) throw new AppError('IMPORT_INVALID', '文件中没有数据行', 'fileBase64');
  if (rows.length > MAX_IMPORT_ROWS) throw new AppError('IMPORT_INVALID', `一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${rows.length} 行`, 'fileBase64');
  return rows;
}

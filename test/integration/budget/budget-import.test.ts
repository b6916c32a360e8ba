import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../shared/api/methods/budget-methods';
import { IMPORT_COLUMNS } from '../../../shared/budget/import-rows';
import { valueOf } from '../../support/test-core';
import { startBudgetWorld, type BudgetWorld } from './budget-world';

async function workbook(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('预算指标');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('budget line import from Excel', () => {
  let w: BudgetWorld;
  beforeEach(async () => {
    w = await startBudgetWorld();
    valueOf(await w.lead.call('projects.create', { code: 'XM-1', name: '城南环路改造工程', type: 'municipalRoad', fundSources: ['fiscal', 'specialBond'] }));
  });
  afterEach(async () => w.close());

  const lineCount = async () => w.t.core.services.db.projects.count({ selector: { docType: 'budgetLine' } }).exec();

  it('hands out a template whose header the reader accepts', async () => {
    const template = valueOf(await w.finance.call('budget.import.template', {}));
    expect(template.fileName).toBe('预算指标导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('预算指标');
    expect(sheet?.getRow(1).values).toEqual([undefined, ...IMPORT_COLUMNS.map((c) => c.header)]);
    expect(sheet?.getRow(2).getCell(1).value).toBe('XM-1');
    // the example row itself imports
    expect(valueOf(await w.finance.call('budget.import.validate', { fileBase64: template.base64 })).errors).toEqual([]);
    expect(await w.lead.call('budget.import.template', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('reports every bad row with row, column and message, and saves nothing while any row fails', async () => {
    const months = Array.from({ length: 12 }, () => null);
    const bad = await workbook([
      ['XM-1', 2026, '2120303', '财政资金', '1,000,000.00', ...months],
      ['XM-1', 2026, '2120803', '专项债', '2000000', ...months],
      ['XM-404', 2026, '2120303', '财政资金', 1000, ...months],
      ['XM-1', 2026, '2120303', 'PPP', '12.345', ...months],
      ['XM-1', 2027, '2120303', 'PPP', '12.34', ...months],
      ['XM-1', 2026, '2120303', '财政资金', 5, ...months],
    ]);
    const checked = valueOf(await w.finance.call('budget.import.validate', { fileBase64: bad }));
    expect(checked.rows).toBe(6);
    expect(checked.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, '项目编号', 'VALIDATION_FAILED'],
      [5, '预算金额（元）', 'INVALID_AMOUNT'],
      [6, '资金来源', 'VALIDATION_FAILED'],
      [7, '', 'BUDGET_LINE_DUPLICATE'],
    ]);
    expect(checked.errors[0]?.message).toBe('第 4 行「项目编号」：项目编号 XM-404 不存在或不在本单位管辖范围内');
    const committed = valueOf(await w.finance.call('budget.import.commit', { fileBase64: bad }));
    expect(committed).toMatchObject({ saved: 0, rows: 6 });
    expect(committed.errors).toHaveLength(4);
    expect(await lineCount()).toBe(0);
    expect(await w.t.core.services.db.projects.count({ selector: { docType: 'allocation' } }).exec()).toBe(0);
  });

  it('saves every row of a clean file, each with its allocation and audit event, and reports progress', async () => {
    const months = Array.from({ length: 12 }, (_, i) => (i < 6 ? 100_000 : null));
    const rows = Array.from({ length: 250 }, (_, i) => ['XM-1', 2026, String(2_120_000 + i), '财政资金', 1_000_000, ...months]);
    const file = await workbook(rows);
    const seen: ImportProgress[] = [];
    const stop = w.financeConnection.subscribe('budget.import.progress', { importId: 'import-test-1' }, (d) => seen.push(d as ImportProgress), () => undefined);
    const result = valueOf(await w.finance.call('budget.import.commit', { fileBase64: file, importId: 'import-test-1' }));
    stop();
    expect(result).toEqual({ rows: 250, saved: 250, errors: [] });
    expect(await lineCount()).toBe(250);
    const { db } = w.t.core.services;
    expect(await db.projects.count({ selector: { docType: 'allocation' } }).exec()).toBe(250);
    expect((await db.auditevents.find({ selector: { action: 'budgetLine.created' } }).exec()).length).toBe(250);
    const phases = seen.map((p) => p.phase);
    expect(phases).toContain('checking');
    expect(phases).toContain('saving');
    expect(seen.at(-1)).toMatchObject({ phase: 'done', done: 250, total: 250 });
    const project = valueOf(await w.finance.call('projects.list', {}))[0];
    expect(project?.totals.amount).toBe(250 * 1_000_000_00);
    const line = valueOf(await w.finance.call('projects.get', { projectId: project?.id ?? '' })).lines[0];
    expect(line?.monthlyPlan).toEqual([...Array.from({ length: 6 }, () => 100_000_00), ...Array.from({ length: 6 }, () => 0)]);
    expect(line?.allocations[0]?.heldHere).toBe(true);
    // a second import of the same file now collides with the saved lines, row by row
    const again = valueOf(await w.finance.call('budget.import.validate', { fileBase64: file }));
    expect(again.errors).toHaveLength(250);
    expect(again.errors[0]?.code).toBe('BUDGET_LINE_DUPLICATE');
  });

  it('refuses a file that is not the template as a whole', async () => {
    expect(await w.finance.call('budget.import.validate', { fileBase64: Buffer.from('not a workbook').toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_INVALID' },
    });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['项目', '金额']);
    const other = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    expect(await w.finance.call('budget.import.validate', { fileBase64: other })).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID', message: expect.stringContaining('请使用导入模板') } });
  });
});

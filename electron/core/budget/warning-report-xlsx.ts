import ExcelJS from 'exceljs';
import type { BudgetNotice } from '../../../shared/api/methods/budget-methods';
import { FUND_SOURCE_LABELS } from '../../../shared/domain/fund-source';
import { RISK_STATE_LABELS, type RiskState } from '../../../shared/domain/risk';

/** Money columns are written as yuan numbers with a ¥ format, so Excel can sum them. */
const YUAN_FORMAT = '"¥"#,##0.00';

function yuan(fen: number): number {
  // display only: the exact 分 stay in the database; two decimals of a yuan number are exact enough here
  return fen / 100;
}

function day(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** 预算预警报告 as a workbook: one row per line at or over the threshold (R8). */
export async function buildWarningReportXlsx(input: { unitName: string; generatedAt: number; warnRatio: number; notices: readonly BudgetNotice[] }): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GovPay Desk';
  const sheet = wb.addWorksheet('预算预警报告', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.addRow([`${input.unitName} 预算执行预警报告`]).font = { bold: true, size: 14 };
  sheet.addRow([`依据：《预算法》/R8，使用达到 ${Math.round(input.warnRatio * 100)}% 预警，达到 100% 禁止继续支付；生成日期 ${day(input.generatedAt)}`]);
  sheet.addRow([]);
  const header = sheet.addRow(['项目编号', '项目名称', '年度', '预算科目', '资金来源', '预算指标', '已占用', '已支付', '可用余额', '使用率', '状态', '预警处置']);
  header.font = { bold: true };
  for (const n of input.notices) {
    const row = sheet.addRow([
      n.projectCode,
      n.projectName,
      n.year,
      n.subjectCode,
      FUND_SOURCE_LABELS[n.fundSource],
      yuan(n.position.amount),
      yuan(n.position.reserved),
      yuan(n.position.paid),
      yuan(n.position.available),
      n.usedBp / 10_000,
      n.level === 'exhausted' ? '已用完' : '预警',
      n.alert ? RISK_STATE_LABELS[n.alert.state as RiskState] ?? n.alert.state : '—',
    ]);
    for (const col of [6, 7, 8, 9]) row.getCell(col).numFmt = YUAN_FORMAT;
    row.getCell(10).numFmt = '0.00%';
  }
  sheet.columns.forEach((c, i) => {
    c.width = [14, 36, 8, 12, 10, 18, 18, 18, 18, 10, 8, 10][i] ?? 12;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

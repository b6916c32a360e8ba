import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAtomically } from '../../electron/core/app/unit-of-work';
import type { PaymentRequestDoc } from '../../electron/core/db/schemas';
import { parseDay } from '../../electron/core/seed/calendar';
import { seedDatabase } from '../../electron/core/seed/seed-database';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { IMPORT_COLUMNS } from '../../shared/budget/import-rows';
import { newId } from '../../shared/ids/uuidv7';
import { ADMIN_PASSWORD, SETUP_INPUT, typed, valueOf } from '../support/test-core';
import { ARTIFACTS, startBrowserMode, type BrowserMode } from './support/browser-mode';
import { launchChromium } from './support/chromium';

const PW = 'Work#2026b';
const FIRST = 'Init#2026a';
const months = Array.from({ length: 12 }, () => null);

async function xlsxFile(dir: string, name: string, rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('预算指标');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (const r of rows) sheet.addRow(r);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

async function signIn(app: BrowserMode, login: string, password: string): Promise<void> {
  const { page } = app;
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '工作台' }).waitFor();
}

/**
 * 项目与预算 in the real UI: finance creates a project and a budget line, an Excel import with one
 * bad row shows the row-by-row error table and saves nothing, the corrected file is saved, and
 * the usage bar turns to 预警 once requests pass 90 % (R8), with the dashboard notice and the
 * printable warning report.
 */
describe('projects and budgets, in browser mode', () => {
  let app: BrowserMode;
  let files: string;
  beforeAll(async () => {
    app = await startBrowserMode('projects');
    files = mkdtempSync(join(tmpdir(), 'govpay-import-'));
    const admin = typed(app.host.core.connect('direct'));
    valueOf(await admin.call('setup.initialize', SETUP_INPUT));
    valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    for (const [login, name, roles] of [
      ['caiwu', '钱财务', ['finance']],
      ['xiangmu', '李项目', ['projectLead']],
    ] as const) {
      valueOf(await admin.call('users.create', { login, name, roles: [...roles], password: FIRST, passwordConfirm: FIRST }));
      const user = typed(app.host.core.connect('direct'));
      valueOf(await user.call('auth.login', { login, password: FIRST }));
      valueOf(await user.call('auth.changePassword', { currentPassword: FIRST, newPassword: PW, newPasswordConfirm: PW }));
    }
    await app.page.reload();
  });
  afterAll(async () => {
    rmSync(files, { recursive: true, force: true });
    await app?.close();
  });

  it('creates a project and a budget line, with the core refusing a duplicate on the field', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await signIn(app, 'caiwu', PW);
    await page.getByRole('link', { name: '项目与预算' }).click();
    await page.getByRole('heading', { name: '项目与预算' }).waitFor();
    await page.getByRole('button', { name: '新建项目' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('项目编号').fill('XM-2026-001');
    await dialog.getByLabel('项目名称').fill('城南环路改造工程');
    await dialog.getByLabel('项目负责人').click();
    await page.getByRole('option', { name: '李项目' }).click();
    await dialog.getByLabel('专项债').check();
    await app.shot('01-create-project');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByRole('link', { name: '城南环路改造工程' }).click();
    await page.getByRole('heading', { name: 'XM-2026-001 城南环路改造工程' }).waitFor();
    for (const attempt of [1, 2]) {
      await page.getByRole('button', { name: '新增预算指标' }).click();
      const line = page.getByRole('dialog');
      await line.getByLabel('预算年度').fill('2026');
      await line.getByLabel('预算科目编码').fill('2120303');
      await line.getByLabel('预算金额（元）').fill('1,000,000');
      await line.getByRole('button', { name: '保存' }).click();
      if (attempt === 2) {
        await line.getByText('已有 2026 年预算科目 2120303（财政资金）的预算指标', { exact: false }).waitFor();
        await app.shot('02-duplicate-line-refused');
        await line.getByRole('button', { name: '取消' }).click();
      }
      await line.waitFor({ state: 'detached' });
    }
    await page.getByRole('cell', { name: '¥1,000,000.00' }).first().waitFor();
    await app.shot('03-project-with-line');
  });

  it('imports from Excel: one bad row shows the error table and saves nothing; the fixed file is saved', async () => {
    const { page } = app;
    const db = app.host.core.services.db;
    const linesBefore = await db.projects.count({ selector: { docType: 'budgetLine' } }).exec();
    const bad = await xlsxFile(files, 'bad.xlsx', [
      ['XM-2026-001', 2026, '2120803', '专项债', '3,000,000.00', ...months],
      ['XM-2026-001', 2027, '2120303', '财政资金', '12.345', ...months],
    ]);
    const good = await xlsxFile(files, 'good.xlsx', [
      ['XM-2026-001', 2026, '2120803', '专项债', '3,000,000.00', ...months],
      ['XM-2026-001', 2027, '2120303', '财政资金', '1,200,000.00', 100_000, 100_000, ...months.slice(2)],
    ]);
    await page.getByRole('link', { name: '返回项目列表' }).or(page.getByRole('button', { name: '返回项目列表' })).first().click();
    await page.getByRole('button', { name: '导入预算指标' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles(bad);
    await dialog.getByRole('button', { name: '导入', exact: true }).click();
    await dialog.getByText('共 2 行，发现 1 处错误，未导入任何数据').waitFor();
    await dialog.getByRole('cell', { name: '第 3 行「预算金额（元）」：预算金额最多保留两位小数（精确到分）' }).waitFor();
    await app.shot('04-import-error-table');
    expect(await db.projects.count({ selector: { docType: 'budgetLine' } }).exec()).toBe(linesBefore);
    await dialog.locator('input[type=file]').setInputFiles(good);
    await dialog.getByRole('button', { name: '导入', exact: true }).click();
    await dialog.getByText('已导入 2 条预算指标').first().waitFor();
    await app.shot('05-import-saved');
    expect(await db.projects.count({ selector: { docType: 'budgetLine' } }).exec()).toBe(linesBefore + 2);
    await dialog.getByRole('button', { name: '关闭' }).click();
  });

  it('moves the usage bar to 预警 past 90 %, with the dashboard notice and a printable report', async () => {
    const { page } = app;
    const { db, lock, budget } = app.host.core.services;
    const line = (await db.projects.find({ selector: { docType: 'budgetLine', year: 2026, subjectCode: '2120303' } }).exec())[0];
    const lead = (await db.users.find({ selector: { login: 'xiangmu' } }).exec())[0];
    if (!line || !lead) throw new Error('line or lead missing');
    const now = Date.now();
    const request: PaymentRequestDoc = {
      id: newId(), unitId: line.unitId, createdBy: lead.id, createdAt: now, updatedAt: now, docType: 'paymentRequest',
      requestNo: 'ZF-E2E-0001', contractId: newId(), budgetLineId: line.id, milestoneId: null, kind: 'progress',
      amount: 92_000_000, labourAmount: 0, description: '第一期进度款', invoiceNos: [], attachmentIds: [],
      applicantId: lead.id, status: 'submitted', route: null, split: null, submittedAt: now,
    };
    await page.getByRole('link', { name: '城南环路改造工程' }).click();
    await page.getByRole('heading', { name: 'XM-2026-001 城南环路改造工程' }).waitFor();
    // check and write in one unit of work, as the request service does; the open page is told
    // by the budget.changed topic and moves its bar without being reloaded
    await runAtomically(lock, db, async () => {
      await budget.assertCanCommit({ budgetLineId: line.id, amount: request.amount });
      await db.payments.insert(request);
    });
    const bar = page.locator('[data-testid="usage-bar"][data-level="warning"]').first();
    await bar.waitFor();
    await bar.getByText('已使用 92.00%').waitFor();
    await app.shot('06-usage-bar-warning');
    await page.getByRole('link', { name: '工作台' }).click();
    await page.getByRole('heading', { name: '预算预警' }).waitFor();
    await page.getByText('XM-2026-001 城南环路改造工程').first().waitFor();
    await app.shot('07-dashboard-notice');
    await page.getByRole('link', { name: '查看预警报告' }).click();
    await page.getByRole('heading', { name: '示例县财政局 预算执行预警报告' }).waitFor();
    await app.shot('08-warning-report');
    await page.emulateMedia({ media: 'print' });
    await app.shot('09-warning-report-print');
    await page.pdf({ path: join(ARTIFACTS, 'projects', 'warning-report.pdf'), format: 'A4', landscape: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('lets the administrator tighten the warning ratio on the dashboard, never loosen it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await signIn(app, 'admin', ADMIN_PASSWORD);
    const card = page.locator('[aria-label="预算预警比例"]');
    await card.getByLabel('预警比例').fill('95');
    await card.getByRole('button', { name: '保存' }).click();
    await card.getByText('预警比例不能高于 90%（《预算法》/R8：只能调严，不能放宽）').waitFor();
    await app.shot('13-admin-ratio-refused');
    await card.getByLabel('预警比例').fill('85');
    await card.getByRole('button', { name: '保存' }).click();
    await card.getByText('已保存').waitFor();
    expect((await app.host.core.services.db.settings.findOne('budget').exec())?.value).toEqual({ warnRatio: 0.85 });
  });
});

/** The demo office's own data on the same pages: generated projects, lines near the ceiling. */
describe('the seeded office on 项目与预算', () => {
  let host: WebHost | undefined;
  let dir: string;
  it('shows seeded projects with usage bars and the warning notices', async () => {
    dir = mkdtempSync(join(tmpdir(), 'govpay-seeded-'));
    const summary = await seedDatabase({ directory: dir, scale: 1, seed: 'projects-e2e', asOfDay: parseDay('2026-11-30'), password: 'Seed#View2026' });
    const finance = summary.users.find((u) => u.roles.includes('finance'));
    if (!finance) throw new Error('no finance user in the seed');
    host = await startWebHost({ dataDir: dir, rendererDir: resolve('dist/renderer') });
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } })).newPage();
      const out = join(ARTIFACTS, 'projects');
      mkdirSync(out, { recursive: true });
      await page.goto(host.url);
      await page.getByLabel('登录名').fill(finance.login);
      await page.getByLabel('密码').fill('Seed#View2026');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('heading', { name: '预算预警' }).waitFor();
      await page.screenshot({ path: join(out, '10-seeded-dashboard.png'), fullPage: true });
      await page.getByRole('link', { name: '项目与预算' }).click();
      // the dashboard's notices have usage bars too: wait for the ones in the project table
      await page.locator('tbody tr [data-testid="usage-bar"]').first().waitFor();
      await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThanOrEqual(10);
      await page.screenshot({ path: join(out, '11-seeded-projects.png'), fullPage: true });
      await page.locator('tbody tr a').first().click();
      await page.getByRole('heading', { name: '预算指标' }).waitFor();
      await page.screenshot({ path: join(out, '12-seeded-project-detail.png'), fullPage: true });
    } finally {
      await browser.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});

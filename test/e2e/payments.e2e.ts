import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, SETUP_INPUT, typed, valueOf } from '../support/test-core';
import { insertContractFixture } from '../integration/payments/payments-world';
import { pdfBytes, pngBytes } from '../unit/attachments/evidence-files';
import { parseDay } from '../../electron/core/seed/calendar';
import { seedDatabase } from '../../electron/core/seed/seed-database';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { ARTIFACTS, startBrowserMode, type BrowserMode } from './support/browser-mode';
import { launchChromium } from './support/chromium';

const PW = 'Work#2026b';
const FIRST = 'Init#2026a';
const INVOICE = '26352000000000009001';

/**
 * 支付申请 in the real UI: a 项目负责人 files a ¥600,000 progress request with an invoice PDF and a
 * progress certificate through the form, sees the 大写 amount while typing and the budget after
 * this request, confirms and submits; the detail shows the pinned route. Then refusals in
 * Chinese: a file whose content is not what its name says, a second use of one invoice number,
 * an advance over 30 % — each leaving the request a draft.
 */
describe('payment requests, in browser mode', () => {
  let app: BrowserMode;
  let files: string;
  beforeAll(async () => {
    app = await startBrowserMode('payments');
    files = mkdtempSync(join(tmpdir(), 'govpay-evidence-'));
    const core = app.host.core;
    const admin = typed(core.connect('direct'));
    valueOf(await admin.call('setup.initialize', SETUP_INPUT));
    valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    const ids: Record<string, string> = {};
    for (const [login, name, roles] of [
      ['xiangmu', '李项目', ['projectLead']],
      ['fuze', '张负责', ['projectLead']],
    ] as const) {
      ids[login] = valueOf(await admin.call('users.create', { login, name, roles: [...roles], password: FIRST, passwordConfirm: FIRST })).id;
      const user = typed(core.connect('direct'));
      valueOf(await user.call('auth.login', { login, password: FIRST }));
      valueOf(await user.call('auth.changePassword', { currentPassword: FIRST, newPassword: PW, newPasswordConfirm: PW }));
    }
    const unitId = (await core.services.db.units.find().exec())[0]?.id as string;
    // ¥2,000,000 contract, ¥1,000,000 certified (R4 cap ¥970,000), ¥3,000,000 budget line
    await insertContractFixture(core.services, { unitId, leadUserId: ids.fuze as string, budgetFen: 300_000_000, contractFen: 200_000_000, certifiedFen: 100_000_000 });
    writeFileSync(join(files, '增值税电子发票.pdf'), pdfBytes('Invoice 26352000000000009001'));
    writeFileSync(join(files, '2026-10计量确认单.pdf'), pdfBytes('Progress certificate 2026-10'));
    writeFileSync(join(files, '扫描件.pdf'), pngBytes());
    await app.page.reload();
  });
  afterAll(async () => {
    rmSync(files, { recursive: true, force: true });
    await app?.close();
  });

  /** Screenshots after MUI's fade and menu transitions have finished, not halfway through. */
  async function settled(name: string) {
    await app.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await app.shot(name);
  }

  async function openForm() {
    const { page } = app;
    await page.getByRole('link', { name: '支付申请', exact: true }).click();
    await page.getByRole('heading', { name: '支付申请' }).waitFor();
    await page.getByRole('link', { name: '新建支付申请' }).click();
    await page.getByRole('heading', { name: '新建支付申请' }).waitFor();
    await page.getByLabel('合同').click();
    await page.getByRole('option', { name: /HT-2026-00001/u }).click();
    await page.getByLabel('预算指标').click();
    await page.getByRole('option', { name: /2120303/u }).click();
  }

  it('files a ¥600,000 progress request with an invoice PDF and a progress certificate, 大写 live, and submits', async () => {
    const { page } = app;
    await page.getByLabel('登录名').fill('xiangmu');
    await page.getByLabel('密码').fill(PW);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await openForm();
    const amount = page.getByLabel('申请金额（元）');
    await amount.fill('600000');
    await expect.poll(() => page.getByTestId('amount-capitals').textContent()).toBe('大写：陆拾万元整');
    await amount.fill('600000.5');
    await expect.poll(() => page.getByTestId('amount-capitals').textContent()).toBe('大写：陆拾万元零伍角整');
    await amount.fill('600000');
    await page.getByLabel(/其中人工费用/u).fill('120000');
    await page.getByLabel(/发票号码/u).fill(INVOICE);
    await page.getByLabel('用途说明').fill('2026-10 进度款（第 1 期）');
    await page.getByLabel('发票 选择文件').setInputFiles(join(files, '增值税电子发票.pdf'));
    await page.getByText('增值税电子发票.pdf').waitFor();
    await page.getByLabel('计量/进度确认单 选择文件').setInputFiles(join(files, '2026-10计量确认单.pdf'));
    await page.getByText('2026-10计量确认单.pdf').waitFor();
    await page.getByText('全部规则检查通过，可以提交').waitFor();
    await expect.poll(() => page.getByTestId('available-after').textContent()).toContain('¥2,400,000.00');
    await settled('01-form-filled');
    await page.getByRole('button', { name: '提交审批' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/陆拾万元整/u).waitFor();
    await settled('02-confirm-submit');
    await dialog.getByRole('button', { name: '确认提交' }).click();
    await page.getByRole('heading', { name: /ZF-\d{4}-\d{6} 进度款 ¥600,000.00/u }).waitFor();
    await page.getByText('审批中').first().waitFor();
    await page.getByRole('heading', { name: /审批路线/u }).waitFor();
    // the first step is being decided, the later ones have not started (the same words as the approval sheet)
    await page.getByText('未开始').first().waitFor();
    await page.getByRole('button', { name: '预览' }).first().click();
    await page.locator('iframe[title="增值税电子发票.pdf"]').waitFor();
    await settled('03-detail-submitted');
  });

  it('refuses a file whose content is not what its name says, in Chinese, before uploading', async () => {
    const { page } = app;
    await openForm();
    await page.getByLabel('发票 选择文件').setInputFiles(join(files, '扫描件.pdf'));
    await page.getByRole('alert').filter({ hasText: '文件内容与扩展名不符' }).waitFor();
    await expect(page.getByRole('alert').filter({ hasText: '扫描件.pdf' }).count()).resolves.toBeGreaterThan(0);
    await settled('04-type-refused');
  });

  it('refuses a second use of one invoice number with the Chinese message; the request stays a draft', async () => {
    const { page } = app;
    await openForm();
    await page.getByLabel('申请金额（元）').fill('100000');
    await page.getByLabel(/发票号码/u).fill(INVOICE);
    await page.getByLabel('发票 选择文件').setInputFiles(join(files, '增值税电子发票.pdf'));
    await page.getByText('增值税电子发票.pdf').waitFor();
    await page.getByLabel('计量/进度确认单 选择文件').setInputFiles(join(files, '2026-10计量确认单.pdf'));
    await page.getByText('2026-10计量确认单.pdf').waitFor();
    await page.getByTestId('check-violations').filter({ hasText: '同一张发票只能支付一次' }).waitFor();
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /发票号码 26352000000000009001 已在支付申请 ZF-\d{4}-\d{6} 中使用/u });
    await alert.first().waitFor();
    await settled('05-invoice-refused');
    await page.getByRole('heading', { name: /修改支付申请 ZF-/u }).waitFor();
  });

  it('refuses an advance over 30 % with the rule named; then the list shows both states', async () => {
    const { page } = app;
    await openForm();
    await page.getByLabel('款项类型').click();
    await page.getByRole('option', { name: '预付款' }).click();
    await page.getByLabel('申请金额（元）').fill('600000.01');
    await page.getByLabel(/发票号码/u).fill('26352000000000009002');
    await page.getByLabel('发票 选择文件').setInputFiles(join(files, '增值税电子发票.pdf'));
    await page.getByText('增值税电子发票.pdf').waitFor();
    await page.getByLabel('合同文本 选择文件').setInputFiles(join(files, '2026-10计量确认单.pdf'));
    await page.getByText('2026-10计量确认单.pdf').waitFor();
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await page.getByRole('alert').filter({ hasText: '《建设工程价款结算暂行办法》（财建〔2004〕369号）第十二条：预付款不得超过合同金额的30%' }).first().waitFor();
    await settled('06-advance-refused');
    await page.getByRole('link', { name: '返回申请列表' }).click();
    await page.getByRole('heading', { name: '支付申请' }).waitFor();
    await page.getByRole('table').getByText('审批中').waitFor();
    await expect(page.getByRole('table').getByText('草稿').count()).resolves.toBe(2);
    await settled('07-list');
  });
});

/** The demo office's own requests on the same pages: every state, seeded routes and evidence. */
describe('the seeded office on 支付申请', () => {
  let host: WebHost | undefined;
  it('lists seeded requests with status chips and opens one with its route', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govpay-seeded-payments-'));
    const summary = await seedDatabase({ directory: dir, scale: 1, seed: 'payments-e2e', asOfDay: parseDay('2026-11-30'), password: 'Seed#View2026' });
    const lead = summary.users.find((u) => u.roles.includes('projectLead'));
    if (!lead) throw new Error('no project lead in the seed');
    host = await startWebHost({ dataDir: dir, rendererDir: resolve('dist/renderer') });
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } })).newPage();
      const out = join(ARTIFACTS, 'payments');
      mkdirSync(out, { recursive: true });
      await page.goto(host.url);
      await page.getByLabel('登录名').fill(lead.login);
      await page.getByLabel('密码').fill('Seed#View2026');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('heading', { name: '工作台' }).waitFor();
      await page.getByRole('heading', { name: '我的支付申请' }).waitFor();
      await page.getByRole('link', { name: '查看全部支付申请' }).waitFor();
      await page.screenshot({ path: join(out, '09-seeded-dashboard.png'), fullPage: true });
      await page.getByRole('link', { name: '支付申请', exact: true }).click();
      await page.getByRole('heading', { name: '支付申请' }).waitFor();
      await page.getByLabel('只看我的').uncheck();
      await page.getByRole('table').getByText('已支付').first().waitFor();
      expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(20);
      await page.screenshot({ path: join(out, '10-seeded-list.png'), fullPage: true });
      await page.getByLabel('状态').click();
      await page.getByRole('option', { name: '审批中' }).click();
      await page.locator('tbody tr a').first().click();
      await page.getByRole('heading', { name: /审批路线/u }).waitFor();
      await page.getByText('审批中').nth(1).waitFor();
      await page.screenshot({ path: join(out, '11-seeded-detail.png'), fullPage: true });
    } finally {
      await browser.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});

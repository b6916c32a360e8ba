import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../../electron/core/seed/calendar';
import { seedDatabase } from '../../electron/core/seed/seed-database';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { newId } from '../../shared/ids/uuidv7';
import { ADMIN_PASSWORD, SETUP_INPUT, typed, valueOf } from '../support/test-core';
import { ARTIFACTS, startBrowserMode, type BrowserMode } from './support/browser-mode';
import { launchChromium } from './support/chromium';

const PW = 'Work#2026b';
const FIRST = 'Init#2026a';

/** Waits until running CSS transitions (dialog fade, snackbar, chips) end: a shot mid-fade shows little. */
async function settled(page: BrowserMode['page']): Promise<void> {
  await page.evaluate(async () => {
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
}

async function signIn(app: BrowserMode, login: string, password: string): Promise<void> {
  const { page } = app;
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '工作台' }).waitFor();
}

/**
 * 合同 in the real UI: a project lead drafts a works contract for an SME payee; a 61-day term is
 * refused with R1's Chinese message and nothing is saved; with 30 days the draft is saved, its
 * milestone timeline shows, and signing it (R7 checked) makes it 履行中. Then the demo office.
 */
describe('contracts, in browser mode', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await startBrowserMode('contracts');
    const admin = typed(app.host.core.connect('direct'));
    valueOf(await admin.call('setup.initialize', SETUP_INPUT));
    valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    valueOf(await admin.call('users.create', { login: 'xiangmu', name: '李项目', roles: ['projectLead'], password: FIRST, passwordConfirm: FIRST }));
    const lead = typed(app.host.core.connect('direct'));
    valueOf(await lead.call('auth.login', { login: 'xiangmu', password: FIRST }));
    valueOf(await lead.call('auth.changePassword', { currentPassword: FIRST, newPassword: PW, newPasswordConfirm: PW }));
    valueOf(
      await lead.call('counterparties.create', {
        name: '青山县恒通市政建设有限公司',
        uscc: '91350100MA2Y4T001C',
        isSme: true,
        bankName: '中国建设银行青山县支行',
        bankAccount: '35001234567890123456',
        wageBankName: '青山农村商业银行营业部',
        wageAccount: '35009876543210987654',
      }),
    );
    // the project and its budget line as BUDGET writes them (that capability has its own e2e)
    const { db, device } = app.host.core.services;
    const unitId = (await db.units.find().exec())[0]?.id as string;
    const leadId = (await db.users.find({ selector: { login: 'xiangmu' } }).exec())[0]?.id as string;
    const now = Date.now();
    const header = (id: string) => ({ id, unitId, createdBy: leadId, createdAt: now, updatedAt: now });
    const projectId = newId();
    const lineId = newId();
    await db.projects.insert({ ...header(projectId), docType: 'project', code: 'XM-2026-001', name: '城东路改造工程', type: 'municipalRoad', ownerUnitId: unitId, fundSources: ['fiscal'], leadUserId: leadId, status: 'active' });
    await db.projects.insert({ ...header(lineId), docType: 'budgetLine', projectId, year: 2026, subjectCode: '2120303', fundSource: 'fiscal', amount: 200_000_000 });
    await db.projects.insert({ ...header(newId()), docType: 'allocation', budgetLineId: lineId, holderDeviceId: device.deviceId, amount: 200_000_000 });
    await app.page.reload();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses an SME term over 60 days with its Chinese message, then saves, shows the timeline and signs', async () => {
    const { page } = app;
    const db = app.host.core.services.db;
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await signIn(app, 'xiangmu', PW);
    await page.getByRole('link', { name: '合同' }).click();
    await page.getByRole('heading', { name: '合同', exact: true }).waitFor();
    await page.getByRole('button', { name: '新建合同' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('项目', { exact: true }).click();
    await page.getByRole('option', { name: 'XM-2026-001 城东路改造工程' }).click();
    await dialog.getByLabel('预算指标', { exact: true }).click();
    await page.getByRole('option', { name: /2026 · 2120303/ }).click();
    await dialog.getByLabel('收款单位', { exact: true }).click();
    await page.getByRole('option', { name: /青山县恒通市政建设有限公司/ }).click();
    await dialog.getByLabel('合同编号').fill('HT-2026-001');
    await dialog.getByLabel('合同名称').fill('城东路改造工程施工合同');
    await dialog.getByLabel('合同金额（元）').fill('1,000,000');
    await dialog.getByText('壹佰万元整').waitFor();
    await dialog.getByLabel(/付款期限/).fill('61');
    // the form mirrors the rule while typing…
    await dialog.getByLabel('规则校验（与本机核心一致）').getByText(/R1：收款单位为中小企业，付款期限最长为验收后 60 日/).waitFor();
    await dialog.getByRole('button', { name: '保存草稿' }).click();
    // …and the core refuses it with the same Chinese message, naming the law
    const refusal = dialog.getByRole('alert').filter({ hasText: '错误代码：CONTRACT_SME_TERM_TOO_LONG' });
    await refusal.getByText('R1：收款单位为中小企业，付款期限最长为验收后 60 日（《保障中小企业款项支付条例》第九条），当前约定 61 日').waitFor();
    await app.shot('01-sme-term-refused');
    expect(await db.contracts.count({ selector: { docType: 'contract' } }).exec()).toBe(0);
    expect(await db.contracts.count({ selector: { docType: 'milestone' } }).exec()).toBe(0);

    await dialog.getByLabel(/付款期限/).fill('30');
    await dialog.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('heading', { name: 'HT-2026-001 城东路改造工程施工合同' }).waitFor();
    const timeline = page.getByRole('region', { name: '付款节点' });
    await timeline.getByText('竣工结算款').waitFor();
    expect(await timeline.locator('.MuiStep-root').count()).toBe(4);
    await app.shot('02-draft-with-timeline');

    await page.getByRole('button', { name: '登记签订' }).click();
    const sign = page.getByRole('dialog');
    await sign.getByText(/按 R7 核实预算指标/).waitFor();
    await settled(page);
    await app.shot('03-sign-confirm');
    await sign.getByRole('button', { name: '登记签订' }).click();
    await sign.waitFor({ state: 'detached' });
    await page.getByText('履行中').first().waitFor();
    await page.getByRole('region', { name: '版本与变更历史' }).getByText(/第 1 版 · 签订/).waitFor();
    await settled(page);
    await app.shot('04-signed');
    await page.getByRole('region', { name: '版本与变更历史' }).screenshot({ path: join(ARTIFACTS, 'contracts', '04b-signed-versions.png') });
    expect(await db.contracts.count({ selector: { docType: 'contract', status: 'active' } }).exec()).toBe(1);

    // a progress certificate with its scan, then the e-signed contract archived and verified
    const files = mkdtempSync(join(tmpdir(), 'govpay-contract-files-'));
    const scan = join(files, '2026-11计量确认单.pdf');
    const signed = join(files, '施工合同（电子签章）.pdf');
    writeFileSync(scan, '%PDF-1.4\n计量确认单 2026-11\n%%EOF\n');
    writeFileSync(signed, '%PDF-1.7\n电子签章合同正本 HT-2026-001\n%%EOF\n');
    await page.getByRole('button', { name: '登记计量确认' }).click();
    const cert = page.getByRole('dialog');
    await cert.getByLabel('计量期').fill('2026-11');
    await cert.getByLabel('本期确认产值（元）').fill('300,000');
    await cert.getByLabel('确认日期').fill('2026-11-28');
    await cert.getByLabel('确认单位').fill('青山工程监理有限公司');
    await cert.locator('input[type=file]').setInputFiles(scan);
    // uploaded (not merely picked): the stored file's SM3 is shown beside it
    await cert.getByText(/SM3 [0-9a-f]{8}…/).waitFor();
    await cert.getByRole('button', { name: '保存' }).click();
    await cert.waitFor({ state: 'detached' });
    const certificates = page.getByRole('region', { name: '计量/进度确认' });
    await certificates.getByRole('cell', { name: '¥300,000.00' }).first().waitFor();
    const documentPanel = page.getByRole('region', { name: '合同正本（电子签章）' });
    await documentPanel.locator('input[type=file]').setInputFiles(signed);
    await page.getByRole('button', { name: '核验' }).click();
    await page.getByText('SM3 一致，本单位 SM2 会签有效').waitFor();
    await page.getByRole('button', { name: '核验' }).scrollIntoViewIfNeeded();
    await app.shot('04c-document-verified');
    await certificates.screenshot({ path: join(ARTIFACTS, 'contracts', '04d-certificate.png') });
    rmSync(files, { recursive: true, force: true });

    await page.getByRole('button', { name: '返回合同列表' }).or(page.getByRole('link', { name: '返回合同列表' })).first().click();
    await page.getByRole('button', { name: '收款单位' }).click();
    const payees = page.getByRole('dialog');
    await payees.getByText('**** **** 3456').waitFor();
    await settled(page);
    await app.shot('05-payees-masked');
    await payees.getByRole('button', { name: '关闭' }).click();
  });
});

describe('contracts of the demo office', () => {
  let host: WebHost | null = null;
  let dir = '';
  afterAll(async () => {
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the seeded contracts, a contract page with versions and the dashboard reminders', async () => {
    dir = mkdtempSync(join(tmpdir(), 'govpay-seeded-contracts-'));
    const summary = await seedDatabase({ directory: dir, scale: 1, seed: 'contracts-e2e', asOfDay: parseDay('2026-11-30'), password: 'Seed#View2026' });
    const finance = summary.users.find((u) => u.roles.includes('finance'));
    if (!finance) throw new Error('no finance user in the seed');
    host = await startWebHost({ dataDir: dir, rendererDir: resolve('dist/renderer') });
    const changed = (await host.core.services.db.contracts.find({ selector: { docType: 'contract', version: 2 } }).exec())[0];
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })).newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const out = join(ARTIFACTS, 'contracts');
      mkdirSync(out, { recursive: true });
      await page.goto(host.url);
      await page.getByLabel('登录名').fill(finance.login);
      await page.getByLabel('密码').fill('Seed#View2026');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('heading', { name: '付款节点提醒' }).waitFor();
      await page.screenshot({ path: join(out, '10-seeded-dashboard.png'), fullPage: true });
      await page.getByRole('link', { name: '合同' }).click();
      await page.locator('tbody tr').first().waitFor();
      expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(10);
      await page.screenshot({ path: join(out, '11-seeded-contracts.png'), fullPage: true });
      if (changed) {
        // within the app (the launch token lives in the first address's hash)
        await page.evaluate((id) => {
          window.location.hash = `#/contracts?id=${id}`;
        }, changed.id);
        await page.getByText(/第 2 版 · 合同变更/).waitFor();
      } else {
        await page.locator('tbody tr a').first().click();
      }
      await page.getByRole('region', { name: '付款节点' }).waitFor();
      await page.screenshot({ path: join(out, '12-seeded-contract.png'), fullPage: true });
      // the page scrolls inside <main>: the lower sections are shot one by one
      await page.getByRole('region', { name: '版本与变更历史' }).screenshot({ path: join(out, '13-seeded-versions.png') });
      await page.getByRole('region', { name: '计量/进度确认' }).screenshot({ path: join(out, '14-seeded-certificates.png') });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 400_000);
});

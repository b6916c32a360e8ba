import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRawFile } from '../integration/audit/audit-world';
import { startBrowserMode, type BrowserMode } from './support/browser-mode';

const ADMIN_PASSWORD = 'Gov#Pay2026';

/** 审计: the administrator verifies the device's audit chain through the real UI. */
describe('verifying the audit chain in browser mode', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await startBrowserMode('audit');
  });
  afterAll(async () => app?.close());

  it('sets up the office and signs in as the administrator', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: '首次运行' }).waitFor();
    await page.getByLabel('单位名称').fill('青山县财政局');
    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
    await page.getByLabel('登录名').fill('admin');
    await page.getByLabel('姓名', { exact: true }).fill('王管理');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('确认密码').fill(ADMIN_PASSWORD);
    await page.getByLabel('单位级别').selectOption({ label: '县级' });
    await page.getByRole('button', { name: '完成初始化' }).click();
    // the data key's recovery code is shown once and must be acknowledged (first-run.e2e.ts tests it)
    await page.getByRole('heading', { name: '请抄写恢复码' }).waitFor();
    await page.getByLabel('我已抄写并妥善保管恢复码').check();
    await page.getByRole('button', { name: '继续登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByLabel('登录名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
  });

  it('opens 审计, shows actions in words, and verifies the chain: green, every event counted', async () => {
    const { page } = app;
    await page.getByRole('link', { name: '审计' }).click();
    await page.getByRole('heading', { name: '审计' }).waitFor();
    // action codes in words; the code itself stays in the cell's title
    await page.getByRole('cell', { name: '首次运行初始化', exact: true }).waitFor();
    await expect(page.getByRole('cell', { name: '登录', exact: true }).first().getAttribute('title')).resolves.toBe('auth.login');
    const events = await app.host.core.services.db.auditevents.count().exec();
    await page.getByRole('button', { name: '校验审计链' }).click();
    await page.getByText(`共 ${events} 条，哈希链与签名全部有效`).first().waitFor();
    await page.getByText('审计链完好').first().waitFor();
    const result = page.getByRole('status').filter({ hasText: '审计链完好' });
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain(`共 ${events} 条，哈希链与签名全部有效`);
    // the check itself is on record, at the top of the refreshed table
    await page.getByRole('cell', { name: '校验审计链', exact: true }).waitFor();
    await page.getByText(`校验本机审计链：通过，共 ${events} 条，哈希链与签名全部有效`).waitFor();
    await app.shot('01-verified');
  });

  it('names the first broken link in red once an event is edited in the database file', async () => {
    const { page } = app;
    // what someone with an SQLite shell could do to the file while the application runs
    withRawFile(app.host.core.services.dataDir, (file) => {
      const row = file.eventAt(2);
      file.write({ ...row, doc: { ...row.doc, summary: '（被人改过的摘要）' } });
    });
    await page.getByRole('button', { name: '校验审计链' }).click();
    await page.getByText('审计链在第 2 条处断开：记录内容被修改').waitFor();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('第 2 条审计记录的内容与其哈希不符：该条记录在写入后被修改');
    await expect(alert.textContent()).resolves.toContain('此前的 1 条完好');
    await app.shot('02-broken');
  });
});

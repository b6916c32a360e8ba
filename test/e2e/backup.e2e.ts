import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, SETUP_INPUT, typed, valueOf } from '../support/test-core';
import type { Locator } from 'playwright-core';
import { startBrowserMode, type BrowserMode } from './support/browser-mode';

const PASSPHRASE = 'Backup#2026pass';

/**
 * The backup page as an administrator uses it, in browser mode against the real core: set up
 * the folder and passphrase (with a refused folder first), back up now and see it in the
 * history, verify the file (a wrong passphrase and a truncated copy are refused with their
 * messages), and prepare a restore — which says the local service must be restarted.
 */
describe('backup page in browser mode', () => {
  let app: BrowserMode;
  let folder: string;
  let backupFile: string;

  beforeAll(async () => {
    app = await startBrowserMode('backup');
    folder = mkdtempSync(join(tmpdir(), 'govpay-e2e-backups-'));
    // The office exists already (first run has its own test); sign in through the UI.
    valueOf(await typed(app.host.core.connect('direct')).call('setup.initialize', SETUP_INPUT));
    await app.page.reload();
    const { page } = app;
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByLabel('登录名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
  });
  /** The page scrolls inside its main area: bring the part to look at into view first. */
  async function shotOf(part: Locator, name: string): Promise<void> {
    await part.scrollIntoViewIfNeeded();
    await app.shot(name);
  }

  afterAll(async () => {
    await app?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('opens 系统管理 → 备份 and asks for the settings first', async () => {
    const { page } = app;
    await page.getByRole('link', { name: '备份' }).click();
    await page.getByRole('heading', { name: '备份', exact: true }).waitFor();
    await page.getByText('尚未设置备份。请先在下方填写备份目录和备份口令并保存。').waitFor();
    expect(await page.getByRole('button', { name: '立即备份' }).isDisabled()).toBe(true);
    await app.shot('01-not-configured');
  });

  it('refuses a relative folder on its field, then saves the settings', async () => {
    const { page } = app;
    const form = page.getByRole('region', { name: '备份设置' });
    await form.getByLabel('备份目录').fill('backups');
    await form.getByLabel('备份口令', { exact: true }).fill('weak');
    await form.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('备份口令至少 8 位').waitFor();
    await form.getByLabel('备份口令', { exact: true }).fill(PASSPHRASE);
    await form.getByLabel('确认备份口令').fill(PASSPHRASE);
    await form.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('请填写完整的绝对路径（例如 /media/usb/备份），而不是“backups”').waitFor();
    await app.shot('02-folder-refused');
    await form.getByLabel('备份目录').fill(folder);
    await form.getByLabel('备份口令', { exact: true }).fill(PASSPHRASE);
    await form.getByLabel('确认备份口令').fill(PASSPHRASE);
    await form.getByLabel('每日备份时间').fill('02:30');
    await form.getByLabel('保留份数').fill('10');
    await form.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('备份设置已保存').waitFor();
    await page.getByText('留空则保持当前口令', { exact: false }).waitFor();
    const config = valueOf(await typed(app.host.core.connect('direct')).call('setup.status', {}));
    expect(config.initialized).toBe(true);
    await app.shot('03-configured');
  });

  it('backs up now and shows the backup in the history', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText(/^备份完成：govpay-backup-\d{8}-\d{6}-[0-9a-f]{6}\.gpbak$/).waitFor();
    const history = page.getByRole('table', { name: '备份记录' });
    const row = history.getByRole('row', { name: /govpay-backup-/ });
    await row.waitFor();
    await row.getByText('成功').waitFor();
    await row.getByText('手动').waitFor();
    await row.getByText('王管理').waitFor();
    const files = readdirSync(folder).filter((f) => f.endsWith('.gpbak'));
    expect(files).toHaveLength(1);
    backupFile = join(folder, files[0]!);
    await row.getByText(files[0]!).waitFor();
    await app.shot('04-status-after-backup');
    await shotOf(history, '05-history');
  });

  it('verifies the file: a wrong passphrase and a truncated copy are refused, the right one passes', async () => {
    const { page } = app;
    const panel = page.getByRole('region', { name: '校验与恢复' });
    await panel.getByLabel('备份文件').fill(backupFile);
    await panel.getByLabel('备份口令').fill('Wrong#pass2026');
    await panel.getByRole('button', { name: '校验' }).click();
    await page.getByText(/^备份口令不正确：请输入制作该备份时（.*）设置的备份口令$/).waitFor();
    await shotOf(panel, '06-wrong-passphrase');

    const truncated = join(folder, 'copy-cut-short.gpbak');
    const bytes = readFileSync(backupFile);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await panel.getByLabel('备份文件').fill(truncated);
    await panel.getByLabel('备份口令').fill(PASSPHRASE);
    await panel.getByRole('button', { name: '校验' }).click();
    await page.getByText(/备份文件不完整.*可能复制中断或被截断，不能使用/).waitFor();
    await shotOf(panel, '07-truncated');

    await panel.getByLabel('备份文件').fill(backupFile);
    await panel.getByLabel('备份口令').fill(PASSPHRASE);
    await panel.getByRole('button', { name: '校验' }).click();
    await page.getByText('校验通过：文件完整未被改动，口令正确，数据库完整性检查正常').waitFor();
    await page.getByText('示例县财政局（91350100M000100Y43）').waitFor();
    await shotOf(panel.getByText('数据库 SM3'), '08-verified');
  });

  it('explains the restore, stages it, and says the local service must be restarted', async () => {
    const { page } = app;
    await page.getByRole('region', { name: '校验与恢复' }).getByRole('button', { name: '恢复…' }).click();
    const dialog = page.getByRole('dialog', { name: '确认恢复备份' });
    await dialog.getByText('当前数据库不会删除，而是另存为副本 govpay.sqlite.before-restore-', { exact: false }).waitFor();
    expect(await dialog.getByRole('button', { name: '校验并准备恢复' }).isDisabled()).toBe(true);
    await app.shot('09-confirm');
    await dialog.getByLabel('我已了解：当前数据库另存为副本，恢复在重新启动后生效').check();
    await dialog.getByRole('button', { name: '校验并准备恢复' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('恢复已准备就绪，需要重新启动').waitFor();
    await page
      .getByText('浏览器模式：请停止本机服务进程（在运行 npm run web 的终端按 Ctrl+C），再重新运行 npm run web 并打开新打印的地址；只刷新页面不会完成恢复。')
      .waitFor();
    await shotOf(page.getByRole('heading', { name: '备份', exact: true }), '10-restore-pending');
    // nothing was replaced yet: the staged file waits beside the live database
    const status = app.host.core.services.backup.restores.pending();
    expect(status?.sourceFile).toBe(backupFile);

    await page.getByRole('button', { name: '取消恢复' }).click();
    await page.getByText('已取消恢复，当前数据库保持不变').waitFor();
    expect(app.host.core.services.backup.restores.pending()).toBeNull();
    await app.shot('11-restore-cancelled');
  });

  it('reads in English too', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Backup', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Back up now' }).waitFor();
    await page.getByRole('table', { name: 'Backup history' }).getByText('Succeeded').waitFor();
    await app.shot('12-english');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '备份', exact: true }).waitFor();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from './support/browser-mode';

const DEMO_PASSWORD = 'Demo#Look2026';
const BANNER = '体验数据：当前是虚构的体验单位';

/**
 * 体验数据 in the real UI: chosen from first run with a password the person types, signed in as
 * the demo administrator, the banner on every screen, the demo accounts in 用户与角色, and the
 * removal that returns the app to first run at the next start.
 */
describe('the demo office from the first-run screen, in browser mode', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await startBrowserMode('demo');
  });
  afterAll(async () => app?.close());

  it('offers 体验数据 as a secondary choice and asks for the password', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: '首次运行' }).waitFor();
    await page.getByRole('button', { name: '使用体验数据' }).scrollIntoViewIfNeeded();
    await app.shot('01-setup-with-demo-offer');
    await page.getByRole('button', { name: '使用体验数据' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('体验账号密码').fill('weak');
    await dialog.getByLabel('确认密码').fill('weak');
    await dialog.getByRole('button', { name: '生成体验数据' }).click();
    await dialog.getByText('密码至少 8 位', { exact: false }).first().waitFor();
    await dialog.getByLabel('体验账号密码').fill(DEMO_PASSWORD);
    await dialog.getByLabel('确认密码').fill(DEMO_PASSWORD);
    await app.shot('02-demo-password');
    await dialog.getByRole('button', { name: '生成体验数据' }).click();
    await page.getByRole('heading', { name: '体验数据已生成' }).waitFor({ timeout: 150_000 });
    await page.getByRole('cell', { name: 'admin', exact: true }).waitFor();
    await page.getByText('除管理员 admin 外，其他体验账号首次登录时须修改密码。').waitFor();
    await app.shot('03-demo-accounts');
  }, 180_000);

  it('signs in as the demo administrator and shows the banner on every screen', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '前往登录（admin）' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByLabel('登录名').fill('admin');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByText(BANNER, { exact: false }).waitFor();
    await app.shot('04-dashboard-with-banner');
    await page.getByRole('link', { name: '用户与角色' }).click();
    await page.getByRole('heading', { name: '用户与角色' }).waitFor();
    await page.getByText(BANNER, { exact: false }).waitFor();
    const users = await app.host.core.services.db.users.find().exec();
    expect(users.length).toBeGreaterThanOrEqual(12);
    for (const user of users) await page.getByRole('row', { name: new RegExp(user.login) }).first().waitFor();
    await expect(page.getByText('风控专员').count()).resolves.toBeGreaterThan(0);
    await app.shot('05-users-demo-accounts');
  }, 60_000);

  it('lets the administrator remove the demo, saying exactly what happens, and returns to first run', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '删除体验数据…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('删除在程序下次启动时执行，之后回到首次运行', { exact: false }).waitFor();
    await app.shot('06-remove-confirm');
    await dialog.getByRole('button', { name: '确认删除全部体验数据' }).click();
    await page.getByRole('heading', { name: '体验数据待删除' }).waitFor();
    await page.getByText('请关闭并重新启动本程序', { exact: false }).waitFor();
    await app.shot('07-removal-pending');
  }, 60_000);
});

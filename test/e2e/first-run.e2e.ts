import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from './support/browser-mode';

const ADMIN_PASSWORD = 'Gov#Pay2026';
let recoveryCode = '';

/**
 * Issue 2's walk through the real UI: first-run setup, sign-out, five wrong passwords and the
 * lockout, sign-in after the lock expires, and an administrator creating a 项目负责人.
 */
describe('first run, lockout and user administration in browser mode', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await startBrowserMode('first-run');
  });
  afterAll(async () => app?.close());

  it('sets up the office and the first administrator', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: '首次运行' }).waitFor();
    await app.shot('01-setup');
    await page.getByLabel('单位名称').fill('青山县财政局');
    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y44');
    await page.getByLabel('登录名').fill('admin');
    await page.getByLabel('姓名', { exact: true }).fill('王管理');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('确认密码').fill(ADMIN_PASSWORD);
    // the check character of this code is wrong: the core's message shows on the field
    await expect(page.getByText('统一社会信用代码校验位错误，应为3')).toBeTruthy();
    await page.getByText('统一社会信用代码校验位错误，应为3').waitFor();
    await app.shot('02-setup-bad-uscc');
    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
    await page.getByLabel('单位级别').selectOption({ label: '县级' });
    await page.getByRole('button', { name: '完成初始化' }).click();
    // the recovery code of the data key is shown once, and must be acknowledged
    await page.getByRole('heading', { name: '请抄写恢复码' }).waitFor();
    const code = await page.getByLabel('恢复码', { exact: true }).textContent();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){6}$/);
    recoveryCode = code ?? '';
    await app.shot('03a-recovery-code');
    expect(await page.getByRole('button', { name: '继续登录' }).isDisabled()).toBe(true);
    await page.getByLabel('我已抄写并妥善保管恢复码').check();
    await page.getByRole('button', { name: '继续登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await app.shot('03-login-after-setup');
  });

  it('signs in, sees the dashboard, and signs out', async () => {
    const { page } = app;
    await page.getByLabel('登录名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByText('青山县财政局').first().waitFor();
    await page.getByText('91350100M000100Y43').waitFor();
    await app.shot('04-dashboard');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
  });

  it('locks the account on the fifth wrong password and says so', async () => {
    const { page } = app;
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.getByLabel('登录名').fill('admin');
      await page.getByLabel('密码').fill(`Wrong#pass${attempt}`);
      await page.getByRole('button', { name: '登录' }).click();
      if (attempt < 5) await page.getByText(`再错 ${5 - attempt} 次将锁定账户`).waitFor();
    }
    await page.getByText('密码连续错误 5 次，账户已锁定，请 15 分钟后再试或联系系统管理员').waitFor();
    await app.shot('05-locked');
    // the right password does not open a locked account
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText(/账户已锁定，请 \d+ 分钟后再试/).waitFor();
  });

  it('lets the administrator in once the lock has expired, and creates a 项目负责人', async () => {
    const { page } = app;
    app.clock.advance(15 * 60_000 + 1000);
    await page.getByLabel('登录名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByRole('link', { name: '用户与角色' }).click();
    await page.getByRole('heading', { name: '用户与角色' }).waitFor();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('登录名').fill('zhanggong');
    await dialog.getByLabel('姓名').fill('张工');
    await dialog.getByLabel('项目负责人').check();
    await dialog.getByLabel('密码', { exact: true }).fill('Init#2026a');
    await dialog.getByLabel('确认密码').fill('Init#2026a');
    await app.shot('06-create-user');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /zhanggong/ });
    await row.waitFor();
    await expect(row.getByText('项目负责人').count()).resolves.toBe(1);
    await app.shot('07-users');
    // the core holds the same truth the screen shows
    const users = await app.host.core.services.db.users.find().exec();
    expect(users.map((u) => [u.login, u.roles])).toContainEqual(['zhanggong', ['projectLead']]);
  });

  it('shows the audit chain of everything that happened', async () => {
    const { page } = app;
    await page.getByRole('link', { name: '审计' }).click();
    await page.getByRole('heading', { name: '审计' }).waitFor();
    await page.getByText('新建用户 张工（zhanggong）', { exact: false }).first().waitFor();
    await page.getByText('连续 5 次密码错误', { exact: false }).first().waitFor();
    await app.shot('08-audit');
  });

  it('resets the administrator password with the recovery code when it is lost', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '管理员密码全部遗失？使用恢复码' }).click();
    await page.getByLabel('恢复码', { exact: true }).fill(recoveryCode.toLowerCase());
    await page.getByLabel('管理员登录名').fill('admin');
    await page.getByLabel('新密码', { exact: true }).fill('Found#2026x');
    await page.getByLabel('确认新密码').fill('Found#2026x');
    await app.shot('09-recover-admin');
    await page.getByRole('button', { name: '重置密码' }).click();
    await page.getByText('管理员密码已重置，请用新密码登录。').waitFor();
    await page.getByLabel('密码').fill('Found#2026x');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
  });
});


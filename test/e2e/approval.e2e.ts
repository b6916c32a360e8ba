import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreServices } from '../../electron/core/app/core-services';
import { runAtomically } from '../../electron/core/app/unit-of-work';
import type { PaymentRequestDoc } from '../../electron/core/db/schemas';
import { newId } from '../../shared/ids/uuidv7';
import { ADMIN_PASSWORD, SETUP_INPUT, typed, valueOf } from '../support/test-core';
import { startBrowserMode, type BrowserMode } from './support/browser-mode';

const PW = 'Work#2026b';
const FIRST = 'Init#2026a';

interface Office {
  unitId: string;
  contractId: string;
  budgetLineId: string;
  users: Record<string, string>;
}

/**
 * A project, its budget line (held by this device) and a signed contract, written straight into
 * the core's database: this suite is about approval, and PAYMENTS' request form is another suite.
 */
async function seedOffice(services: CoreServices, unitId: string, users: Record<string, string>): Promise<Office> {
  const now = services.clock.now();
  const header = () => ({ id: newId(), unitId, createdBy: users['admin'] ?? 'system', createdAt: now, updatedAt: now });
  const project = { ...header(), docType: 'project' as const, code: 'XM-2026-018', name: '城南环路改造工程', type: 'municipalRoad' as const, ownerUnitId: unitId, fundSources: ['fiscal' as const], leadUserId: users['fuze'] ?? '', status: 'active' as const };
  const line = { ...header(), docType: 'budgetLine' as const, projectId: project.id, year: 2026, subjectCode: '2120303', fundSource: 'fiscal' as const, amount: 300_000_000 };
  await services.db.projects.bulkInsert([project, line, { ...header(), docType: 'allocation', budgetLineId: line.id, holderDeviceId: services.device.deviceId, amount: 300_000_000 }]);
  const contract = { ...header(), docType: 'contract' as const, code: 'HT-2026-031', name: '城南环路改造工程施工合同', projectId: project.id, counterpartyId: newId(), amount: 480_000_000, signedAt: '2026-03-02', paymentTermDays: 30, labourShare: 2000, retentionRate: 300, status: 'active' as const, version: 1, documentHash: null };
  await services.db.contracts.insert(contract);
  return { unitId, contractId: contract.id, budgetLineId: line.id, users };
}

/** A request as PAYMENTS' submit writes it: routed by the table in force, budget reserved. */
async function submitRequest(services: CoreServices, office: Office, amount: number, no: string): Promise<PaymentRequestDoc> {
  return runAtomically(services.lock, services.db, async () => {
    const route = await services.approval.routeFor('paymentRequest', { amount, projectType: 'municipalRoad', fundSource: 'fiscal', paymentKind: 'progress' });
    await services.budget.assertCanCommit({ budgetLineId: office.budgetLineId, amount });
    const at = services.clock.now();
    const applicant = office.users['shenqing'] ?? '';
    const doc: PaymentRequestDoc = {
      id: newId(),
      unitId: office.unitId,
      createdBy: applicant,
      createdAt: at,
      updatedAt: at,
      docType: 'paymentRequest',
      requestNo: no,
      contractId: office.contractId,
      budgetLineId: office.budgetLineId,
      milestoneId: null,
      kind: 'progress',
      amount,
      labourAmount: Math.floor(amount / 5),
      description: '第3期进度款（2026年10月计量）',
      invoiceNos: ['26442000000012345678'],
      attachmentIds: [],
      applicantId: applicant,
      status: 'submitted',
      route,
      split: null,
      submittedAt: at,
    };
    await services.db.payments.insert(doc);
    return doc;
  });
}

async function signIn(app: BrowserMode, login: string, password: string): Promise<void> {
  const { page } = app;
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '工作台' }).waitFor();
}

/** Lets MUI's colour transitions finish, so screenshots show the final state. */
async function settle(app: BrowserMode): Promise<void> {
  await app.page.waitForTimeout(400);
}

async function signOut(app: BrowserMode): Promise<void> {
  await app.page.getByRole('button', { name: '退出登录' }).click();
}

/**
 * 审批 in the real UI: the administrator checks the default rule table and tries a ¥600,000
 * route; the project lead finds the request in the inbox, opens the 审批单 (大写, route, signatures)
 * and approves with the password, which moves it to 财务审核; the applicant is told R10 forbids
 * approving their own request; a new request raises the in-page notice.
 */
describe('approval, in browser mode', () => {
  let app: BrowserMode;
  let office: Office;
  let request: PaymentRequestDoc;
  beforeAll(async () => {
    app = await startBrowserMode('approval');
    const admin = typed(app.host.core.connect('direct'));
    const { unitId, adminUserId } = valueOf(await admin.call('setup.initialize', SETUP_INPUT));
    valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    const users: Record<string, string> = { admin: adminUserId };
    for (const [login, name, roles] of [
      ['shenqing', '张申请', ['projectLead']],
      ['fuze', '李负责', ['projectLead']],
      ['caiwu', '赵财务', ['finance']],
      ['lingdao', '钱领导', ['leader']],
    ] as const) {
      users[login] = valueOf(await admin.call('users.create', { login, name, roles: [...roles], password: FIRST, passwordConfirm: FIRST })).id;
      const user = typed(app.host.core.connect('direct'));
      valueOf(await user.call('auth.login', { login, password: FIRST }));
      valueOf(await user.call('auth.changePassword', { currentPassword: FIRST, newPassword: PW, newPasswordConfirm: PW }));
    }
    office = await seedOffice(app.host.core.services, unitId, users);
    request = await submitRequest(app.host.core.services, office, 60_000_000, 'ZF-2026-000031');
    await app.page.reload();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the administrator edits the rule table: a bad cell is marked in place, try-it shows the ¥600,000 route', async () => {
    const { page } = app;
    await signIn(app, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: '审批规则' }).click();
    await page.getByRole('heading', { name: '审批规则' }).waitFor();
    await page.getByText('检查通过：没有错误和提醒').waitFor();
    await settle(app);
    await app.shot('01-rules-default');
    await page.getByLabel('金额（分） 1').fill('[0..');
    await page.getByText('第 1 条规则（below-500k）“金额（分）”列：第5个字符处写法不完整', { exact: false }).first().waitFor();
    expect(await page.getByRole('button', { name: '发布新版本' }).isDisabled()).toBe(true);
    await settle(app);
    await app.shot('02-rules-invalid-cell');
    await page.getByRole('button', { name: '恢复为所选版本' }).click();
    await page.getByText('检查通过：没有错误和提醒').waitFor();
    await page.getByLabel('金额（元）').fill('600000');
    await page.getByRole('button', { name: '试算路线' }).click();
    const result = page.getByTestId('try-result');
    await result.getByText('1. 项目负责人审批', { exact: false }).waitFor();
    expect(await result.textContent()).toContain('2. 财务审核');
    expect(await result.textContent()).toContain('3. 分管领导审批');
    expect(await result.textContent()).toContain('from-500k');
    await result.scrollIntoViewIfNeeded();
    await settle(app);
    await app.shot('03-rules-try-it');
    await signOut(app);
  });

  it('the project lead approves from the inbox with the password; the request moves to 财务审核', async () => {
    const { page } = app;
    await signIn(app, 'fuze', PW);
    await page.getByRole('link', { name: '审批' }).first().click();
    await page.getByText('待审批 1 件', { exact: false }).waitFor();
    await page.getByRole('cell', { name: 'ZF-2026-000031' }).waitFor();
    await settle(app);
    await app.shot('04-inbox');
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByRole('heading', { name: '支付申请审批单' }).waitFor();
    expect(await page.getByTestId('amount-capitals').textContent()).toContain('陆拾万元整');
    await settle(app);
    await app.shot('05-sheet-before');
    await page.getByRole('button', { name: '同意' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('decision-consequence').textContent()).toContain('申请进入第 2 步“财务审核”');
    await dialog.getByLabel('审批意见（必填）').fill('经核对计量确认单，同意');
    await dialog.getByLabel('登录密码（用于解锁签名密钥）').fill('wrong-password');
    await dialog.getByRole('button', { name: '签署并提交' }).click();
    await dialog.getByText('密码不正确，无法解锁您的签名密钥，审批未提交').waitFor();
    await settle(app);
    await app.shot('06-wrong-password');
    await dialog.getByLabel('登录密码（用于解锁签名密钥）').fill(PW);
    await dialog.getByRole('button', { name: '签署并提交' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('route-step-1').getByText('审批中').waitFor();
    await page.getByText('签名有效').waitFor();
    await settle(app);
    await app.shot('07-sheet-after-approve');
    const stored = await app.host.core.services.db.payments.findOne(request.id).exec();
    expect((stored?.toJSON() as PaymentRequestDoc).route?.currentStep).toBe(1);
  });

  it('a new request raises the in-page notice while the approver works', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '返回待审批' }).click();
    await page.getByText('当前没有等待您审批的事项').waitFor();
    await submitRequest(app.host.core.services, office, 12_000_000, 'ZF-2026-000032');
    await page.getByText('有新的待审批事项：共 1 件').waitFor();
    await page.getByRole('cell', { name: 'ZF-2026-000032' }).waitFor();
    await settle(app);
    await app.shot('08-new-item-notice');
    // 审批委托: the project lead lets a colleague sign for them for a week
    await page.getByRole('tab', { name: '审批委托' }).click();
    await page.getByRole('button', { name: '新建委托' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('受托人（本单位同事）').click();
    await page.getByRole('option', { name: '赵财务' }).click();
    await dialog.getByLabel('委托原因').fill('外出参加培训');
    await settle(app);
    await app.shot('09-delegation-dialog');
    await dialog.getByRole('button', { name: '创建委托' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: '外出参加培训' }).waitFor();
    await page.getByText('生效中').waitFor();
    await settle(app);
    await app.shot('10-delegations');
    await signOut(app);
  });

  it('the applicant sees the sheet but is told R10 forbids approving their own request', async () => {
    const { page } = app;
    await signIn(app, 'shenqing', PW);
    await page.evaluate((id) => {
      window.location.hash = `#/approval?subject=paymentRequest&id=${id}`;
    }, request.id);
    await page.getByRole('heading', { name: '支付申请审批单' }).waitFor();
    const refusal = page.getByText('申请人不能审批自己的申请（R10', { exact: false });
    await refusal.waitFor();
    expect(await page.getByRole('button', { name: '同意' }).count()).toBe(0);
    await refusal.scrollIntoViewIfNeeded();
    await settle(app);
    await app.shot('11-applicant-refused');
    // the printable 审批单: only the sheet, without buttons or the app around it
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    await app.shot('12-print-layout');
    await page.emulateMedia({ media: 'screen' });
    await signOut(app);
  });
});

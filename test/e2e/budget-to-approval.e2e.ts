import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentRequestDoc } from '../../electron/core/db/schemas';
import { uploadBytes } from '../integration/payments/payments-world';
import { ADMIN_PASSWORD, SETUP_INPUT, typed, valueOf, type TypedCaller } from '../support/test-core';
import { startBrowserMode, type BrowserMode } from './support/browser-mode';

const PW = 'Work#2026b';
const FIRST = 'Init#2026a';
const INVOICE = '26352000000000007001';
const PAYEE = '青山县恒通市政建设有限公司';

/** A small but complete PDF 1.4 (catalog, page tree, one page with text, xref table, trailer). */
function tinyPdf(text: string): Uint8Array {
  const content = `BT /F1 14 Tf 24 100 Td (${text}) Tj ET`;
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>',
    `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** Today and this month in China time, as the core's clock (the real one here) sees them. */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function member(core: BrowserMode['host']['core'], admin: TypedCaller, login: string, name: string, roles: ('projectLead' | 'finance' | 'leader')[]): Promise<{ id: string; api: TypedCaller }> {
  const id = valueOf(await admin.call('users.create', { login, name, roles, password: FIRST, passwordConfirm: FIRST })).id;
  const api = typed(core.connect('direct'));
  valueOf(await api.call('auth.login', { login, password: FIRST }));
  valueOf(await api.call('auth.changePassword', { currentPassword: FIRST, newPassword: PW, newPasswordConfirm: PW }));
  return { id, api };
}

/**
 * Issue 4 item 7 through the real UI, on an office built through the core's own API (project and
 * budget lines by finance, payee, contract signed under R7 and a confirmed progress certificate by
 * the project's lead): a 项目负责人 files a ¥600,000 progress request with an invoice PDF and a
 * progress certificate; the route shows 项目负责人审批, 财务审核 and 分管领导审批; each signs with
 * their password; the budget bar on 项目与预算 moves. Then the refusals, each in Chinese with
 * nothing committed: beyond the budget, an advance over 30 %, an invoice used twice, an SME term
 * over 60 days, and the applicant approving their own request.
 */
describe('from budget to signed approval, in browser mode', () => {
  let app: BrowserMode;
  let files: string;
  const ids: Record<string, string> = {};
  let applicantApi: TypedCaller;
  let requestId = '';

  beforeAll(async () => {
    app = await startBrowserMode('budget-to-approval');
    files = mkdtempSync(join(tmpdir(), 'govpay-b2a-'));
    const core = app.host.core;
    const admin = typed(core.connect('direct'));
    valueOf(await admin.call('setup.initialize', SETUP_INPUT));
    valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    const applicant = await member(core, admin, 'shenqing', '张申请', ['projectLead']);
    const lead = await member(core, admin, 'fuze', '李负责', ['projectLead']);
    const finance = await member(core, admin, 'caiwu', '赵财务', ['finance']);
    await member(core, admin, 'lingdao', '钱领导', ['leader']);
    applicantApi = applicant.api;
    ids.lead = lead.id;

    const today = chinaToday();
    const year = Number(today.slice(0, 4));
    const project = valueOf(
      await finance.api.call('projects.create', { code: 'XM-2026-018', name: '城南环路改造工程', type: 'municipalRoad', fundSources: ['fiscal'], leadUserId: lead.id, status: 'active' }),
    );
    ids.project = project.id;
    // the main line (¥3,000,000) and a small second one (¥500,000, another 预算科目)
    ids.lineMain = valueOf(await finance.api.call('budget.lines.create', { projectId: project.id, year, subjectCode: '2120303', fundSource: 'fiscal', amount: 300_000_000, monthlyPlan: null })).id;
    ids.lineSmall = valueOf(await finance.api.call('budget.lines.create', { projectId: project.id, year, subjectCode: '2120399', fundSource: 'fiscal', amount: 50_000_000, monthlyPlan: null })).id;
    const payee = valueOf(
      await lead.api.call('counterparties.create', {
        name: PAYEE,
        uscc: '91350100MA2Y4T001C',
        isSme: true,
        bankName: '中国建设银行青山县支行',
        bankAccount: '35001234567890123456',
        wageBankName: '青山农村商业银行营业部',
        wageAccount: '35009876543210987654',
      }),
    );
    ids.payee = payee.id;
    // ¥2,500,000 works contract on the main line, advance up to 30 %, progress at 80 % of certified value
    const contract = valueOf(
      await lead.api.call('contracts.create', {
        projectId: project.id,
        counterpartyId: payee.id,
        budgetLineId: ids.lineMain,
        code: 'HT-2026-031',
        name: '城南环路改造工程施工合同',
        category: 'works',
        amount: 250_000_000,
        paymentTermDays: 30,
        backToBack: false,
        labourShare: 2000,
        retentionRate: 300,
        endDate: `${year + 1}-06-30`,
        milestones: [
          { name: '预付款', kind: 'advance', ratio: 3000, dueRule: 'fixedDate', dueDays: null, dueDate: `${year + 1}-01-20` },
          { name: '进度款（按月计量支付）', kind: 'progress', ratio: 8000, dueRule: 'afterAcceptance', dueDays: null, dueDate: null },
          { name: '竣工结算款', kind: 'settlement', ratio: 9700, dueRule: 'afterAcceptance', dueDays: null, dueDate: null },
          { name: '质量保证金', kind: 'retention', ratio: 300, dueRule: 'fixedDate', dueDays: null, dueDate: null },
        ],
      }),
    );
    ids.contract = contract.id;
    valueOf(await lead.api.call('contracts.sign', { contractId: contract.id, signedAt: today }));
    // ¥2,000,000 certified: progress may reach ¥1,940,000 (certified less 3 % retention), R4
    const scan = valueOf(await uploadBytes(lead.api, tinyPdf('Progress certificate scan'), '计量确认单扫描件.pdf', 'progressCertificate'));
    const certificate = valueOf(
      await lead.api.call('contracts.recordCertificate', {
        contractId: contract.id,
        period: today.slice(0, 7),
        certifiedValue: 200_000_000,
        certifiedAt: today,
        certifiedByName: '青山工程监理有限公司',
        attachmentIds: [scan.id],
      }),
    );
    valueOf(await lead.api.call('contracts.confirmCertificate', { certificateId: certificate.id }));

    writeFileSync(join(files, '增值税电子发票.pdf'), tinyPdf(`VAT e-invoice ${INVOICE}`));
    writeFileSync(join(files, '计量确认单.pdf'), tinyPdf('Progress certificate'));
    writeFileSync(join(files, '施工合同.pdf'), tinyPdf('Works contract HT-2026-031'));
    await app.page.reload();
  });
  afterAll(async () => {
    if (files) rmSync(files, { recursive: true, force: true });
    await app?.close();
  });

  /** Screenshots once MUI's fades have finished, not halfway through. */
  async function settled(name: string): Promise<void> {
    await app.page.evaluate(async () => {
      await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
    });
    await app.shot(name);
  }

  async function signIn(login: string, password = PW): Promise<void> {
    const { page } = app;
    // a step that failed halfway may have left someone signed in: start from the login page
    if (await page.getByRole('button', { name: '退出登录' }).isVisible()) await signOut();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByLabel('登录名').fill(login);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
  }

  async function signOut(): Promise<void> {
    await app.page.getByRole('button', { name: '退出登录' }).click();
    await app.page.getByRole('heading', { name: '登录' }).waitFor();
  }

  /** What a refused submit or decision could have written, and what the budget lines hold. */
  async function snapshot() {
    const { db, budget } = app.host.core.services;
    const [payments, records, riskalerts, contracts, audit, main, small] = await Promise.all([
      db.payments.count().exec(),
      db.records.count().exec(),
      db.riskalerts.count().exec(),
      db.contracts.count().exec(),
      db.auditevents.find().exec(),
      budget.position(ids.lineMain ?? ''),
      budget.position(ids.lineSmall ?? ''),
    ]);
    const requests = (await db.payments.find({ selector: { docType: 'paymentRequest' } }).exec()).map((d) => d.toJSON() as PaymentRequestDoc);
    const submitted = requests.filter((r) => r.status !== 'draft').map((r) => `${r.requestNo} ${r.status} ${r.route?.currentStep ?? '-'}`);
    return {
      payments,
      submitted,
      records,
      riskalerts,
      contracts,
      auditActions: audit.map((e) => e.action),
      main: { reserved: main.reserved, paid: main.paid },
      small: { reserved: small.reserved, paid: small.paid },
    };
  }

  /** New audit actions since `before` (the chain only grows). */
  function newActions(before: { auditActions: string[] }, after: { auditActions: string[] }): string[] {
    const rest = [...after.auditActions];
    for (const action of before.auditActions) rest.splice(rest.indexOf(action), 1);
    return rest.sort();
  }

  async function openProject(): Promise<void> {
    const { page } = app;
    await page.getByRole('link', { name: '项目与预算' }).click();
    await page.getByRole('heading', { name: '项目与预算' }).waitFor();
    await page.getByRole('link', { name: '城南环路改造工程' }).click();
    await page.getByRole('heading', { name: 'XM-2026-018 城南环路改造工程' }).waitFor();
  }

  /** The row of one budget line on the project page. */
  function lineRow(subjectCode: string) {
    return app.page.getByRole('table', { name: '预算指标' }).locator('tbody tr').filter({ hasText: subjectCode });
  }

  async function openForm(subjectCode: string): Promise<void> {
    const { page } = app;
    await page.getByRole('link', { name: '支付申请', exact: true }).click();
    await page.getByRole('heading', { name: '支付申请' }).waitFor();
    await page.getByRole('link', { name: '新建支付申请' }).click();
    await page.getByRole('heading', { name: '新建支付申请' }).waitFor();
    await page.getByLabel('合同').click();
    await page.getByRole('option', { name: /HT-2026-031/u }).click();
    await page.getByLabel('预算指标').click();
    await page.getByRole('option', { name: new RegExp(subjectCode, 'u') }).click();
  }

  async function attach(label: '发票' | '计量/进度确认单' | '合同文本', file: string): Promise<void> {
    await app.page.getByLabel(`${label} 选择文件`).setInputFiles(join(files, file));
    // stored, not merely picked: an uploaded file is listed with its SM3
    const name = file.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    await app.page.getByText(new RegExp(`^${name}\\s.*SM3 [0-9a-f]{8}…`, 'u')).first().waitFor();
  }

  async function submitExpectingRefusal(message: string | RegExp, shot: string): Promise<void> {
    const { page } = app;
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await page.getByRole('alert').filter({ hasText: message }).first().waitFor();
    await settled(shot);
  }

  it('shows the project’s budget untouched before anything is filed', async () => {
    await signIn('fuze');
    await openProject();
    const row = lineRow('2120303');
    await row.getByText('已使用 0.00%').waitFor();
    await row.getByRole('cell', { name: '¥3,000,000.00' }).first().waitFor();
    await settled('01-budget-before');
    await signOut();
  });

  it('a 项目负责人 files a ¥600,000 progress request with an invoice PDF and a progress certificate', async () => {
    const { page } = app;
    await signIn('shenqing');
    await openForm('2120303');
    await page.getByLabel('申请金额（元）').fill('600000');
    await expect.poll(() => page.getByTestId('amount-capitals').textContent()).toBe('大写：陆拾万元整');
    await page.getByLabel(/其中人工费用/u).fill('120000');
    await page.getByLabel(/发票号码/u).fill(INVOICE);
    await page.getByLabel('用途说明').fill('本月计量进度款（第 1 期）');
    await attach('发票', '增值税电子发票.pdf');
    await attach('计量/进度确认单', '计量确认单.pdf');
    await page.getByText('全部规则检查通过，可以提交').waitFor();
    await expect.poll(() => page.getByTestId('available-after').textContent()).toContain('¥2,400,000.00');
    await settled('02-request-form');
    await page.getByRole('button', { name: '提交审批' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/陆拾万元整/u).waitFor();
    await settled('03-confirm-submit');
    await dialog.getByRole('button', { name: '确认提交' }).click();
    await page.getByRole('heading', { name: /ZF-\d{4}-\d{6} 进度款 ¥600,000.00/u }).waitFor();
    await page.getByRole('heading', { name: /审批路线/u }).waitFor();
    // the pinned route: the project lead, then 财务 and 分管领导 (from ¥500,000)
    for (const step of ['项目负责人审批', '财务审核', '分管领导审批']) await page.getByText(step).first().waitFor();
    await settled('04-request-routed');
    const stored = (await app.host.core.services.db.payments.find({ selector: { docType: 'paymentRequest', status: 'submitted' } }).exec()).map((d) => d.toJSON() as PaymentRequestDoc);
    expect(stored).toHaveLength(1);
    const request = stored[0] as PaymentRequestDoc;
    requestId = request.id;
    expect(request.amount).toBe(60_000_000);
    expect(request.route?.steps.map((s) => s.role)).toEqual(['projectLead', 'finance', 'leader']);
    expect(request.attachmentIds).toHaveLength(2);
  });

  it('the applicant cannot approve their own request: not in the inbox, no button, the API refuses under R10', async () => {
    const { page } = app;
    await page.getByRole('link', { name: '审批' }).first().click();
    await page.getByText('当前没有等待您审批的事项').waitFor();
    await settled('05-applicant-inbox-empty');
    await page.evaluate((id) => {
      window.location.hash = `#/approval?subject=paymentRequest&id=${id}`;
    }, requestId);
    await page.getByRole('heading', { name: '支付申请审批单' }).waitFor();
    const refusal = page.getByText('申请人不能审批自己的申请（R10', { exact: false });
    await refusal.waitFor();
    expect(await page.getByRole('button', { name: '同意' }).count()).toBe(0);
    await refusal.scrollIntoViewIfNeeded();
    await settled('06-applicant-sheet-r10');

    const before = await snapshot();
    const direct = await applicantApi.call('approval.decide', { subject: 'paymentRequest', requestId, decision: 'approve', comment: '同意', password: PW });
    expect(direct.ok ? null : direct.error.code).toBe('SEPARATION_OF_DUTIES');
    expect(direct.ok ? '' : direct.error.message).toContain('申请人不能审批自己的申请（R10 不相容岗位相分离）');
    const after = await snapshot();
    // no decision, no move of the request; only the refused attempt itself is audited (by design)
    expect({ ...after, auditActions: [] }).toEqual({ ...before, auditActions: [] });
    expect(newActions(before, after)).toEqual(['approval.refused']);
    const stored = (await app.host.core.services.db.payments.findOne(requestId).exec())?.toJSON() as PaymentRequestDoc;
    expect([stored.status, stored.route?.currentStep]).toEqual(['submitted', 0]);
    await signOut();
  });

  it('the project lead, 财务 and 分管领导 each sign with their password; the request is approved', async () => {
    const { page } = app;
    const steps = [
      ['fuze', '经核对计量确认单，同意', '07-lead-signs'],
      ['caiwu', '发票与预算指标核对无误，同意', '08-finance-signs'],
      ['lingdao', '同意支付', '09-leader-signs'],
    ] as const;
    for (const [login, comment, shot] of steps) {
      // each approver signs some time after the one before (the core's clock, not the wall's)
      app.clock.advance(47 * 60_000);
      await signIn(login);
      await page.getByRole('link', { name: '审批' }).first().click();
      await page.getByRole('cell', { name: /ZF-\d{4}-\d{6}/u }).first().waitFor();
      await page.getByRole('button', { name: '查看' }).first().click();
      await page.getByRole('heading', { name: '支付申请审批单' }).waitFor();
      expect(await page.getByTestId('amount-capitals').textContent()).toContain('陆拾万元整');
      await page.getByRole('button', { name: '同意' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('审批意见（必填）').fill(comment);
      await dialog.getByLabel('登录密码（用于解锁签名密钥）').fill(PW);
      await settled(shot);
      await dialog.getByRole('button', { name: '签署并提交' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('签名有效').first().waitFor();
      if (login === 'lingdao') await settled('10-sheet-all-signed');
      await signOut();
    }
    const stored = (await app.host.core.services.db.payments.findOne(requestId).exec())?.toJSON() as PaymentRequestDoc;
    expect(stored.status).toBe('approved');
    const decisions = await app.host.core.services.db.records.find({ selector: { docType: 'approvalDecision', requestId } }).exec();
    expect(decisions.map((d) => (d.toJSON() as { stepRole: string }).stepRole).sort()).toEqual(['finance', 'leader', 'projectLead']);
  });

  it('moves the budget bar on 项目与预算: ¥600,000 reserved, ¥2,400,000 left of ¥3,000,000', async () => {
    await signIn('fuze');
    await openProject();
    const row = lineRow('2120303');
    await row.getByText('已使用 20.00%').waitFor();
    await row.getByRole('cell', { name: '¥600,000.00' }).first().waitFor();
    await row.getByRole('cell', { name: '¥2,400,000.00' }).first().waitFor();
    await lineRow('2120399').getByText('已使用 0.00%').waitFor();
    await settled('11-budget-after');
    const position = await app.host.core.services.budget.position(ids.lineMain ?? '');
    expect([position.amount, position.reserved, position.paid, position.available]).toEqual([300_000_000, 60_000_000, 0, 240_000_000]);
    await signOut();
  });

  it('refuses a request beyond its budget line (R8), in Chinese, committing nothing', async () => {
    const { page } = app;
    await signIn('shenqing');
    await openForm('2120399');
    await page.getByLabel('申请金额（元）').fill('700000');
    await page.getByLabel(/其中人工费用/u).fill('140000');
    await page.getByLabel(/发票号码/u).fill('26352000000000007002');
    await attach('发票', '增值税电子发票.pdf');
    await attach('计量/进度确认单', '计量确认单.pdf');
    const before = await snapshot();
    await submitExpectingRefusal('超出预算指标（《预算法》/R8：不得超预算支付）：本次金额 ¥700,000.00，可用余额 ¥500,000.00', '12-beyond-budget-refused');
    await expectOnlyDraftSaved(before);
  });

  it('refuses an advance over 30 % of the contract (R3), in Chinese, committing nothing', async () => {
    const { page } = app;
    await openForm('2120303');
    await page.getByLabel('款项类型').click();
    await page.getByRole('option', { name: '预付款' }).click();
    await page.getByLabel('申请金额（元）').fill('750000.01');
    await page.getByLabel(/发票号码/u).fill('26352000000000007003');
    await attach('发票', '增值税电子发票.pdf');
    await attach('合同文本', '施工合同.pdf');
    const before = await snapshot();
    await submitExpectingRefusal('预付款不得超过合同金额的30%', '13-advance-refused');
    await expectOnlyDraftSaved(before);
  });

  it('refuses a second use of one invoice number, in Chinese, committing nothing', async () => {
    const { page } = app;
    await openForm('2120303');
    await page.getByLabel('申请金额（元）').fill('100000');
    await page.getByLabel(/其中人工费用/u).fill('20000');
    await page.getByLabel(/发票号码/u).fill(INVOICE);
    await attach('发票', '增值税电子发票.pdf');
    await attach('计量/进度确认单', '计量确认单.pdf');
    const before = await snapshot();
    await submitExpectingRefusal(new RegExp(`发票号码 ${INVOICE} 已在支付申请 ZF-\\d{4}-\\d{6} 中使用`, 'u'), '14-invoice-reuse-refused');
    await expectOnlyDraftSaved(before);
    await signOut();
  });

  /**
   * The form keeps what the person typed as a draft before it asks to submit (PAYMENTS' design:
   * save as draft, submit); the refused submit itself must commit nothing: no route, no
   * reservation on any line, no decision, no alert, no submit in the audit chain.
   */
  async function expectOnlyDraftSaved(before: Awaited<ReturnType<typeof snapshot>>): Promise<void> {
    const after = await snapshot();
    expect({ ...after, payments: 0, auditActions: [] }).toEqual({ ...before, payments: 0, auditActions: [] });
    expect(after.payments).toBe(before.payments + 1);
    expect(newActions(before, after)).toEqual(['paymentRequest.create']);
    const drafts = (await app.host.core.services.db.payments.find({ selector: { docType: 'paymentRequest', status: 'draft' } }).exec()).map((d) => d.toJSON() as PaymentRequestDoc);
    expect(drafts.every((d) => d.route === null && d.submittedAt === null)).toBe(true);
  }

  it('refuses an SME payment term over 60 days in the contract form (R1), saving nothing', async () => {
    const { page } = app;
    await signIn('fuze');
    await page.getByRole('link', { name: '合同' }).click();
    await page.getByRole('heading', { name: '合同', exact: true }).waitFor();
    await page.getByRole('button', { name: '新建合同' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('项目', { exact: true }).click();
    await page.getByRole('option', { name: 'XM-2026-018 城南环路改造工程' }).click();
    await dialog.getByLabel('预算指标', { exact: true }).click();
    await page.getByRole('option', { name: /2120399/u }).click();
    await dialog.getByLabel('收款单位', { exact: true }).click();
    await page.getByRole('option', { name: new RegExp(PAYEE, 'u') }).click();
    await dialog.getByLabel('合同编号').fill('HT-2026-032');
    await dialog.getByLabel('合同名称').fill('城南环路改造工程附属工程施工合同');
    await dialog.getByLabel('合同金额（元）').fill('300,000');
    await dialog.getByLabel(/付款期限/u).fill('90');
    const before = await snapshot();
    await dialog.getByRole('button', { name: '保存草稿' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: '错误代码：CONTRACT_SME_TERM_TOO_LONG' });
    await refusal.getByText('R1：收款单位为中小企业，付款期限最长为验收后 60 日（《保障中小企业款项支付条例》第九条），当前约定 90 日').waitFor();
    await settled('15-sme-term-refused');
    expect(await snapshot()).toEqual(before);
    expect(await app.host.core.services.db.contracts.count({ selector: { docType: 'contract' } }).exec()).toBe(1);
  });
});

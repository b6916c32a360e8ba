import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalDecisionDoc, AuditEventDoc } from '../../../electron/core/db/schemas';
import { AppError } from '../../../shared/errors';
import { approvalWorld, PASSWORD, type ApprovalWorld } from './approval-fixture';

const SIX_HUNDRED_THOUSAND = 60_000_000;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function auditActions(w: ApprovalWorld): Promise<AuditEventDoc[]> {
  const { events } = await w.services.audit.list({ limit: 200 });
  return events;
}

describe('approval on a real core', () => {
  let w: ApprovalWorld;
  beforeEach(async () => {
    w = await approvalWorld();
  });
  afterEach(async () => {
    await w.t.close();
  });

  it('a freshly set-up office gets version 1 of both tables on first use, audited', async () => {
    const route = await w.services.approval.routeFor('paymentRequest', { amount: 100, projectType: 'other', fundSource: 'fiscal', paymentKind: 'advance' });
    expect(route.decisionTableVersion).toBe(1);
    expect(route.steps.map((s) => s.label)).toEqual(['项目负责人审批']);
    const change = await w.services.approval.routeFor('contractChange', { amount: 100, projectType: 'other', fundSource: 'fiscal', paymentKind: null });
    expect(change.steps.map((s) => s.role)).toEqual(['finance', 'leader']);
    const events = await auditActions(w);
    expect(events.filter((e) => e.action === 'approval.table.default')).toHaveLength(2);
  });

  it('¥600,000 goes 项目负责人 → 财务 → 分管领导, each decision SM2-signed and verifiable; the last makes it approved', async () => {
    const applicant = await w.user('张申请', ['projectLead']);
    const lead = await w.user('李负责', ['projectLead']);
    const finance = await w.user('赵财务', ['finance']);
    const leader = await w.user('钱领导', ['leader']);
    const request = await w.submit(applicant, SIX_HUNDRED_THOUSAND);
    expect(request.route?.steps.map((s) => s.label)).toEqual(['项目负责人审批', '财务审核', '分管领导审批']);

    const inbox = await w.services.approval.views.inbox(await w.actor(lead));
    expect(inbox.counts.total).toBe(1);
    expect(inbox.items[0]?.stepLabel).toBe('项目负责人审批');
    expect((await w.services.approval.views.inbox(await w.actor(finance))).counts.total).toBe(0);

    const decide = async (who: typeof lead, comment: string) =>
      w.services.approval.decider.decide(await w.actor(who), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment, password: PASSWORD });
    expect((await decide(lead, '同意')).currentStep).toBe(1);
    expect((await w.services.approval.views.inbox(await w.actor(finance))).counts.total).toBe(1);
    expect((await decide(finance, '金额与计量一致，同意')).status).toBe('submitted');
    const last = await decide(leader, '同意支付');
    expect(last.status).toBe('approved');
    expect((await w.request(request.id)).route?.currentStep).toBe(3);

    const view = await w.services.approval.views.route(await w.actor(leader), 'paymentRequest', request.id);
    expect(view.decisions).toHaveLength(3);
    expect(view.decisions.every((d) => d.verification.status === 'valid')).toBe(true);
    expect(view.route?.steps.map((s) => s.state)).toEqual(['approved', 'approved', 'approved']);
    expect((await auditActions(w)).filter((e) => e.action === 'approval.approve')).toHaveLength(3);
  });

  it('a tampered decision no longer verifies', async () => {
    const applicant = await w.user('张申请', ['projectLead']);
    const lead = await w.user('李负责', ['projectLead']);
    const request = await w.submit(applicant, 1_000_00);
    await w.services.approval.decider.decide(await w.actor(lead), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD });
    const [stored] = (await w.services.db.records.find({ selector: { docType: 'approvalDecision', requestId: request.id } }).exec()).map((d) => d.toJSON() as ApprovalDecisionDoc);
    const { verifyDecision } = await import('../../../electron/core/approval/decision-verification');
    const { requestContentHash } = await import('../../../shared/approval/decision-payload');
    const signer = (await w.services.db.users.findOne(lead.id).exec())?.toMutableJSON();
    expect(verifyDecision(stored as ApprovalDecisionDoc, requestContentHash(request), signer as never).status).toBe('valid');
    expect(verifyDecision({ ...(stored as ApprovalDecisionDoc), comment: '不同意' }, requestContentHash(request), signer as never).status).toBe('contentChanged');
    expect(verifyDecision(stored as ApprovalDecisionDoc, requestContentHash({ ...request, amount: 2 }), signer as never).contentMatches).toBe(false);
    const forged = { ...(stored as ApprovalDecisionDoc), signature: (stored as ApprovalDecisionDoc).signature.replace(/^./u, (c) => (c === '0' ? '1' : '0')) };
    expect(verifyDecision(forged, requestContentHash(request), signer as never).status).toBe('invalid');
  });

  it('R10: the applicant, an administrator, and one person on two steps are refused — each refusal audited, nothing else written', async () => {
    const applicant = await w.user('张申请', ['projectLead']);
    const both = await w.user('孙兼职', ['projectLead', 'finance']);
    const request = await w.submit(applicant, SIX_HUNDRED_THOUSAND);
    const own = await refusal(w.services.approval.decider.decide(await w.actor(applicant), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD }));
    expect(own.code).toBe('SEPARATION_OF_DUTIES');
    expect(own.message).toMatch(/申请人不能审批自己的申请（R10/);

    const admin = (await w.services.db.users.findOne(w.adminId).exec())?.toMutableJSON();
    // refused under R10 before the password matters (a wrong one here changes nothing)
    const adminTry = await refusal(w.services.approval.decider.decide(await w.actor(admin as never), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: 'not-the-password' }));
    expect(adminTry.code).toBe('SEPARATION_OF_DUTIES');
    expect(adminTry.message).toMatch(/系统管理员不能审批（R10/);

    await w.services.approval.decider.decide(await w.actor(both), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD });
    expect((await w.services.approval.views.inbox(await w.actor(both))).counts.total).toBe(0);
    const twice = await refusal(w.services.approval.decider.decide(await w.actor(both), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD }));
    expect(twice.code).toBe('SEPARATION_OF_DUTIES');
    expect(twice.message).toMatch(/已签署本申请第 1 步（项目负责人审批），同一人不能签署同一申请的两个步骤（R10/);

    const refused = (await auditActions(w)).filter((e) => e.action === 'approval.refused');
    expect(refused).toHaveLength(3);
    const decisions = await w.services.db.records.find({ selector: { docType: 'approvalDecision', requestId: request.id } }).exec();
    expect(decisions).toHaveLength(1);
    expect((await w.request(request.id)).route?.currentStep).toBe(1);
  });

  it('a wrong password, an empty comment and someone without the role are refused precisely', async () => {
    const applicant = await w.user('张申请', ['projectLead']);
    const lead = await w.user('李负责', ['projectLead']);
    const cashier = await w.user('周出纳', ['cashier']);
    const request = await w.submit(applicant, 100_00);
    const base = { subject: 'paymentRequest' as const, requestId: request.id, decision: 'approve' as const };
    expect((await refusal(w.services.approval.decider.decide(await w.actor(lead), { ...base, comment: '同意', password: 'wrong' }))).code).toBe('SIGNING_PASSWORD_WRONG');
    const empty = await refusal(w.services.approval.decider.decide(await w.actor(lead), { ...base, comment: '  ', password: PASSWORD }));
    expect([empty.code, empty.field]).toEqual(['COMMENT_REQUIRED', 'comment']);
    const notMine = await refusal(w.services.approval.decider.decide(await w.actor(cashier), { ...base, comment: '同意', password: PASSWORD }));
    expect(notMine.code).toBe('NOT_AN_APPROVER');
    expect(notMine.message).toMatch(/由申请单位的项目负责人审批/);
  });

  it('会签: every finance officer must sign, N of M shown, then the route moves on', async () => {
    await w.services.approval.tableAdmin.publish(await w.actor((await w.services.db.users.findOne(w.adminId).exec())?.toMutableJSON() as never), {
      subject: 'paymentRequest',
      name: '财务会签',
      hitPolicy: 'FIRST',
      inputs: [{ input: 'amount', label: '金额（分）' }],
      rules: [{ id: 'all', when: ['-'], steps: [{ role: 'finance', scope: 'own', mode: 'all', label: '财务会签' }, { role: 'leader', scope: 'own', mode: 'any', label: '分管领导审批' }], note: '' }],
    }, null);
    const applicant = await w.user('张申请', ['projectLead']);
    const f1 = await w.user('财务甲', ['finance']);
    const f2 = await w.user('财务乙', ['finance']);
    const request = await w.submit(applicant, 100_00);
    expect(request.route?.decisionTableVersion).toBe(2);
    const first = await w.services.approval.decider.decide(await w.actor(f1), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD });
    expect([first.signed, first.required, first.stepComplete, first.currentStep]).toEqual([1, 2, false, 0]);
    const again = await refusal(w.services.approval.decider.decide(await w.actor(f1), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD }));
    expect(again.code).toBe('APPROVAL_STATE_INVALID');
    const inbox = await w.services.approval.views.inbox(await w.actor(f2));
    expect(inbox.items[0]).toMatchObject({ signed: 1, required: 2, mode: 'all' });
    const second = await w.services.approval.decider.decide(await w.actor(f2), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD });
    expect([second.signed, second.required, second.stepComplete, second.currentStep]).toEqual([2, 2, true, 1]);
  });

  it('delegation: a colleague signs for the delegator for a date range; SoD applies to the delegate; revocation ends it', async () => {
    const applicant = await w.user('张申请', ['projectLead']);
    const lead = await w.user('李负责', ['projectLead']);
    const deputy = await w.user('吴代理', ['projectLead']);
    const request = await w.submit(applicant, 100_00);
    // the applicant may not receive a delegation for their own request's step: refused under R10 when signing
    const toApplicant = await w.services.approval.delegations.create(await w.actor(lead), { toUserId: applicant.id, role: 'projectLead', fromDay: '2026-12-01', toDay: '2026-12-10', reason: '出差' });
    const byApplicant = await refusal(w.services.approval.decider.decide(await w.actor(applicant), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD }));
    expect(byApplicant.code).toBe('SEPARATION_OF_DUTIES');
    await w.services.approval.delegations.revoke(await w.actor(lead), toApplicant.id);

    const cashier = await w.user('周出纳', ['cashier']);
    const d = await w.services.approval.delegations.create(await w.actor(lead), { toUserId: cashier.id, role: 'projectLead', fromDay: '2026-12-01', toDay: '2026-12-10', reason: '外出学习' });
    const inbox = await w.services.approval.views.inbox(await w.actor(cashier));
    expect(inbox.counts).toMatchObject({ total: 1, delegated: 1 });
    const result = await w.services.approval.decider.decide(await w.actor(cashier), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '代为同意', password: PASSWORD });
    expect(result.onBehalfOfName).toBe('李负责');
    expect((await w.request(request.id)).status).toBe('approved');
    const view = await w.services.approval.views.route(await w.actor(lead), 'paymentRequest', request.id);
    expect(view.decisions[0]).toMatchObject({ userName: '周出纳', onBehalfOfName: '李负责' });
    expect(view.decisions[0]?.verification.status).toBe('valid');

    // outside the date range the delegation gives nothing
    const other = await w.submit(applicant, 100_00);
    w.t.clock.advance(15 * 86_400_000);
    expect((await w.services.approval.views.inbox(await w.actor(cashier))).counts.total).toBe(0);
    void deputy;
    void other;
    void d;
    const actions = (await auditActions(w)).map((e) => e.action);
    expect(actions.filter((a) => a === 'approval.delegation.create')).toHaveLength(2);
    expect(actions).toContain('approval.delegation.revoke');
  });

  it('a delegation to someone whose roles would clash is refused (R10)', async () => {
    const finance = await w.user('赵财务', ['finance']);
    const auditor = await w.user('郑审计', ['auditor']);
    const error = await refusal(w.services.approval.delegations.create(await w.actor(finance), { toUserId: auditor.id, role: 'finance', fromDay: '2026-12-01', toDay: '2026-12-02', reason: '休假' }));
    expect(error.code).toBe('SEPARATION_OF_DUTIES');
    expect(error.message).toMatch(/审计不能同时担任财务/);
  });

  it('the budget is re-checked at every approval: a shrunken budget refuses the step, nothing written', async () => {
    const applicant = await w.user('张申请', ['projectLead']);
    const lead = await w.user('李负责', ['projectLead']);
    const finance = await w.user('赵财务', ['finance']);
    const request = await w.submit(applicant, SIX_HUNDRED_THOUSAND);
    await w.services.approval.decider.decide(await w.actor(lead), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD });
    await w.setBudget(50_000_000);
    const error = await refusal(w.services.approval.decider.decide(await w.actor(finance), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD }));
    expect(error.code).toBe('BUDGET_EXCEEDED');
    expect(error.message).toMatch(/R8/);
    expect(await w.services.db.records.count({ selector: { docType: 'approvalDecision', requestId: request.id } }).exec()).toBe(1);
    expect((await w.request(request.id)).route?.currentStep).toBe(1);
  });

  it('return and reject release the reservation (status leaves the committing set)', async () => {
    const applicant = await w.user('张申请', ['projectLead']);
    const lead = await w.user('李负责', ['projectLead']);
    const a = await w.submit(applicant, 150_000_000);
    const b = await w.submit(applicant, 40_000_000);
    expect((await w.services.budget.position(w.budgetLineId)).reserved).toBe(190_000_000);
    await w.services.approval.decider.decide(await w.actor(lead), { subject: 'paymentRequest', requestId: a.id, decision: 'return', comment: '发票信息与合同不符，请核对', password: PASSWORD });
    expect((await w.request(a.id)).status).toBe('draft');
    await w.services.approval.decider.decide(await w.actor(lead), { subject: 'paymentRequest', requestId: b.id, decision: 'reject', comment: '与已支付款项重复', password: PASSWORD });
    expect((await w.request(b.id)).status).toBe('rejected');
    expect((await w.services.budget.position(w.budgetLineId)).reserved).toBe(0);
    const view = await w.services.approval.views.route(await w.actor(lead), 'paymentRequest', b.id);
    expect(view.route?.steps[0]?.state).toBe('rejected');
  });

  it('tables: an invalid table is not published (error names rule and column); try-it shows the route and the hit rule; versions are kept', async () => {
    const admin = await w.actor((await w.services.db.users.findOne(w.adminId).exec())?.toMutableJSON() as never);
    const base = { subject: 'paymentRequest' as const, name: '新规则', hitPolicy: 'FIRST' as const, inputs: [{ input: 'amount' as const, label: '金额（分）' }] };
    const bad = await refusal(w.services.approval.tableAdmin.publish(admin, { ...base, rules: [{ id: 'r', when: ['>= abc'], steps: [{ role: 'leader', scope: 'own', mode: 'any', label: '领导审批' }], note: '' }] }, null));
    expect([bad.code, bad.field]).toEqual(['DECISION_TABLE_INVALID', 'table.rules.0.when.0']);
    expect(bad.message).toMatch(/第 1 条规则（r）“金额（分）”列：不支持的写法“abc”/);
    const tried = w.services.approval.tableAdmin.tryRoute({ ...base, rules: [{ id: 'small', when: ['< 100'], steps: [{ role: 'finance', scope: 'own', mode: 'any', label: '财务审核' }], note: '小额' }, { id: 'big', when: ['>= 100'], steps: [{ role: 'leader', scope: 'own', mode: 'any', label: '领导审批' }], note: '' }] }, { amount: 100, projectType: 'other', fundSource: 'fiscal', paymentKind: 'other' });
    expect([tried.steps.map((s) => s.label), tried.hits]).toEqual([['领导审批'], [{ id: 'big', index: 1, note: '' }]]);
    const published = await w.services.approval.tableAdmin.publish(admin, { ...base, rules: [{ id: 'all', when: ['-'], steps: [{ role: 'leader', scope: 'own', mode: 'any', label: '领导审批' }], note: '' }] }, null);
    expect(published.table).toMatchObject({ version: 2, inForce: true, createdByName: '王管理' });
    const versions = await w.services.approval.tableAdmin.list('paymentRequest');
    expect(versions.map((v) => [v.version, v.inForce])).toEqual([[2, true], [1, false]]);
    expect((await auditActions(w)).some((e) => e.action === 'approval.table.publish')).toBe(true);
  });
});

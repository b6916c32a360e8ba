import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { valueOf } from '../../support/test-core';
import { BANK_ACCOUNT, PAYEE_USCC, startContractWorld, WAGE_ACCOUNT, worksContract, type ContractWorld } from '../contracts/contract-world';

const PW = 'Work#2026b';

let world: ContractWorld;

beforeEach(async () => {
  world = await startContractWorld();
});

afterEach(async () => {
  await world.close();
});

async function submittedChange(amount: number) {
  const p = valueOf(
    await world.lead.call('counterparties.create', { name: '青山县恒通市政建设有限公司', uscc: PAYEE_USCC, isSme: true, bankName: '中国建设银行青山县支行', bankAccount: BANK_ACCOUNT, wageBankName: '青山农村商业银行营业部', wageAccount: WAGE_ACCOUNT }),
  );
  const c = valueOf(await world.lead.call('contracts.create', worksContract(world, p.id, 'HT-2026-001', 150_000_000)));
  valueOf(await world.lead.call('contracts.sign', { contractId: c.id, signedAt: '2026-11-30' }));
  const change = valueOf(await world.lead.call('contracts.submitChange', { contractId: c.id, kind: 'amount', reason: '设计变更增加附属设施', amount, paymentTermDays: 30, labourShare: 2000, retentionRate: 300 }));
  return { contractId: c.id, changeId: change.id };
}

/** Contract changes through the API, signed in as real users: 财务审核 → 分管领导审批 → new version. */
describe('contract changes through approval (over the API)', () => {
  it('finance then the leader approve; the last approval applies the change as version 2; the sheet verifies both signatures', async () => {
    const { contractId, changeId } = await submittedChange(165_000_000);
    const inbox = valueOf(await world.finance.call('approval.inbox', {}));
    expect(inbox.items.map((i) => [i.subject, i.stepLabel])).toEqual([['contractChange', '财务审核']]);
    // the project lead who drafted it may not sign it; nor is it theirs to sign
    expect(valueOf(await world.lead.call('approval.inbox', {})).counts.total).toBe(0);

    const first = valueOf(await world.finance.call('approval.decide', { subject: 'contractChange', requestId: changeId, decision: 'approve', comment: '资金已落实，同意', password: PW }));
    expect(first.currentStep).toBe(1);
    const last = valueOf(await world.leader.call('approval.decide', { subject: 'contractChange', requestId: changeId, decision: 'approve', comment: '同意', password: PW, expectedStep: 1 }));
    expect(last.status).toBe('approved');
    expect(valueOf(await world.lead.call('contracts.get', { contractId })).contract).toMatchObject({ amount: 165_000_000, version: 2 });

    const sheet = valueOf(await world.lead.call('approval.route', { subject: 'contractChange', requestId: changeId }));
    expect(sheet.decisions.map((d) => [d.stepLabel, d.verification.status])).toEqual([
      ['财务审核', 'valid'],
      ['分管领导审批', 'valid'],
    ]);
    expect(sheet.facts).toMatchObject({ subject: 'contractChange', amount: 165_000_000, contractCode: 'HT-2026-001' });
  });

  it('the rule tables are the administrator\'s: other roles are refused at the door', async () => {
    expect(await world.finance.call('approval.tables.list', { subject: 'paymentRequest' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await world.leader.call('approval.tables.publish', { table: { subject: 'paymentRequest', name: 'x', hitPolicy: 'FIRST', inputs: [], rules: [] } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a return sends it back to draft; a stale expectedStep is refused', async () => {
    const { changeId } = await submittedChange(160_000_000);
    const stale = await world.finance.call('approval.decide', { subject: 'contractChange', requestId: changeId, decision: 'approve', comment: '同意', password: PW, expectedStep: 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'APPROVAL_STATE_INVALID' } });
    valueOf(await world.finance.call('approval.decide', { subject: 'contractChange', requestId: changeId, decision: 'return', comment: '请补充设计变更单', password: PW }));
    const sheet = valueOf(await world.finance.call('approval.route', { subject: 'contractChange', requestId: changeId }));
    expect(sheet.facts.status).toBe('draft');
    expect(sheet.route?.steps[0]?.state).toBe('returned');
  });
});

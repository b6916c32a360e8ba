import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { valueOf } from '../../support/test-core';
import { BANK_ACCOUNT, PAYEE_USCC, startContractWorld, WAGE_ACCOUNT, worksContract, type ContractWorld } from './contract-world';

const PW = 'Work#2026b';
let world: ContractWorld;

beforeEach(async () => {
  world = await startContractWorld();
});

afterEach(async () => {
  await world.close();
});

/** The whole way, with APPROVAL's real decisions: the signers of version 2 are who signed the route. */
describe('a contract change through the approval route', () => {
  it('becomes version 2 only after the last step, with each signed decision in the history', async () => {
    const payee = valueOf(
      await world.lead.call('counterparties.create', { name: '青山县恒通市政建设有限公司', uscc: PAYEE_USCC, isSme: true, bankName: '中国建设银行青山县支行', bankAccount: BANK_ACCOUNT, wageBankName: '青山农村商业银行营业部', wageAccount: WAGE_ACCOUNT }),
    );
    const contract = valueOf(await world.lead.call('contracts.create', worksContract(world, payee.id, 'HT-2026-001', 100_000_000)));
    valueOf(await world.lead.call('contracts.sign', { contractId: contract.id, signedAt: '2026-11-30' }));
    const change = valueOf(await world.lead.call('contracts.submitChange', { contractId: contract.id, kind: 'supplement', reason: '补充协议：增加人行道改造', amount: 110_000_000, paymentTermDays: 30, labourShare: 2200, retentionRate: 300 }));
    const roles = change.steps.map((s) => s.role);
    expect(roles.length).toBeGreaterThan(0);

    const signers = { finance: world.finance, leader: world.leader, projectLead: world.lead } as const;
    for (const [step, role] of roles.entries()) {
      const caller = signers[role as keyof typeof signers];
      if (!caller) throw new Error(`no signer for ${role} in this world`);
      const before = valueOf(await world.lead.call('contracts.get', { contractId: contract.id }));
      expect(before.contract.version).toBe(1);
      valueOf(await caller.call('approval.decide', { subject: 'contractChange', requestId: change.id, decision: 'approve', comment: '同意', password: PW, expectedStep: step }));
    }

    const detail = valueOf(await world.lead.call('contracts.get', { contractId: contract.id }));
    expect(detail.contract).toMatchObject({ version: 2, amount: 110_000_000, labourShare: 2200 });
    const v2 = detail.versions.find((v) => v.version === 2);
    expect(v2?.changes.map((c) => c.label)).toEqual(['合同金额', '人工费用占比']);
    expect(v2?.signers.map((s) => s.stepRole)).toEqual(roles);
    expect(v2?.signers.every((s) => s.decision === 'approve')).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAtomically } from '../../../electron/core/app/unit-of-work';
import { valueOf } from '../../support/test-core';
import { BANK_ACCOUNT, OTHER_USCC, PAYEE_USCC, startContractWorld, WAGE_ACCOUNT, worksContract, type ContractWorld } from './contract-world';

let world: ContractWorld;

beforeEach(async () => {
  world = await startContractWorld();
});

afterEach(async () => {
  await world.close();
});

async function payee(uscc = PAYEE_USCC, isSme = true) {
  return valueOf(
    await world.lead.call('counterparties.create', {
      name: '青山县恒通市政建设有限公司',
      uscc,
      isSme,
      bankName: '中国建设银行青山县支行',
      bankAccount: BANK_ACCOUNT,
      wageBankName: '青山农村商业银行营业部',
      wageAccount: WAGE_ACCOUNT,
    }),
  );
}

describe('counterparties (收款单位)', () => {
  it('keeps account numbers only encrypted on disk, masked for the project lead and in full for finance', async () => {
    const created = await payee();
    expect(created.bankAccount).toBe('**** **** 3456');
    expect(created.wageAccount).toBe('**** **** 7654');
    expect(created.accounts).toBe('masked');
    const [seen] = valueOf(await world.finance.call('counterparties.list', {}));
    expect(seen).toMatchObject({ bankAccount: BANK_ACCOUNT, wageAccount: WAGE_ACCOUNT, accounts: 'full' });

    const raw = world.rawDataFolder();
    expect(raw).toContain(PAYEE_USCC); // the file is really what was searched
    expect(raw).not.toContain(BANK_ACCOUNT);
    expect(raw).not.toContain(WAGE_ACCOUNT);
  });

  it('refuses a second payee with the same credit code in the office, and a wrong credit code', async () => {
    await payee();
    const again = await world.lead.call('counterparties.create', { name: '另一家公司', uscc: PAYEE_USCC, isSme: false, bankName: '某银行', bankAccount: BANK_ACCOUNT, wageBankName: null, wageAccount: null });
    expect(again).toMatchObject({ ok: false, error: { code: 'COUNTERPARTY_DUPLICATE', field: 'uscc' } });
    const bad = await world.lead.call('counterparties.create', { name: '另一家公司', uscc: '91350100MA2Y4T001D', isSme: false, bankName: '某银行', bankAccount: BANK_ACCOUNT, wageBankName: null, wageAccount: null });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_USCC', field: 'uscc' } });
  });

  it('refuses to mark a payee as SME while one of its live contracts agrees more than 60 days (R1)', async () => {
    const p = await payee(OTHER_USCC, false);
    const c = valueOf(await world.lead.call('contracts.create', { ...worksContract(world, p.id, 'HT-2026-090', 10_000_000), paymentTermDays: 90 }));
    const input = { name: p.name, uscc: p.uscc, isSme: true, bankName: p.bankName, bankAccount: BANK_ACCOUNT, wageBankName: '青山农村商业银行营业部', wageAccount: WAGE_ACCOUNT };
    const refused = await world.finance.call('counterparties.update', { ...input, counterpartyId: p.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONTRACT_SME_TERM_TOO_LONG', field: 'isSme' } });
    if (!refused.ok) expect(refused.error.message).toContain(c.code);
    expect(valueOf(await world.finance.call('counterparties.update', { ...input, isSme: false, bankName: '中国银行青山县支行', counterpartyId: p.id }))).toMatchObject({ bankName: '中国银行青山县支行', bankAccount: BANK_ACCOUNT });
  });
});

describe('contracts', () => {
  it('refuses an SME term over 60 days with the R1 message and saves nothing', async () => {
    const p = await payee();
    const refused = await world.lead.call('contracts.create', { ...worksContract(world, p.id, 'HT-2026-001', 100_000_000), paymentTermDays: 61 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONTRACT_SME_TERM_TOO_LONG', field: 'paymentTermDays' } });
    if (!refused.ok) expect(refused.error.message).toContain('《保障中小企业款项支付条例》第九条');
    expect(valueOf(await world.lead.call('contracts.list', {}))).toEqual([]);
  });

  it('R7: signs within the line, then refuses a contract the line can no longer cover (other signed contracts count)', async () => {
    const p = await payee();
    const first = valueOf(await world.lead.call('contracts.create', worksContract(world, p.id, 'HT-2026-001', 150_000_000)));
    const signed = valueOf(await world.lead.call('contracts.sign', { contractId: first.id, signedAt: '2026-11-30' }));
    expect(signed).toMatchObject({ status: 'active', version: 1, signedAt: '2026-11-30', signedByName: '李项目' });

    // ¥2,000,000 line − ¥1,500,000 promised to the first contract = ¥500,000 free
    const second = valueOf(await world.lead.call('contracts.create', worksContract(world, p.id, 'HT-2026-002', 50_000_001)));
    const refused = await world.lead.call('contracts.sign', { contractId: second.id, signedAt: '2026-11-30' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONTRACT_FUNDS_NOT_IN_PLACE', field: 'budgetLineId' } });
    if (!refused.ok) expect(refused.error.message).toContain('《政府投资条例》第二十二条');
    expect(valueOf(await world.lead.call('contracts.get', { contractId: second.id })).contract.status).toBe('draft');

    const exact = valueOf(await world.lead.call('contracts.update', { ...worksContract(world, p.id, 'HT-2026-002', 50_000_000), contractId: second.id }));
    expect(valueOf(await world.lead.call('contracts.sign', { contractId: exact.id, signedAt: '2026-11-30' })).status).toBe('active');
  });

  it('a terminated contract no longer holds its budget line (R7) and cannot then be marked completed', async () => {
    const p = await payee();
    const first = valueOf(await world.lead.call('contracts.create', worksContract(world, p.id, 'HT-2026-001', 150_000_000)));
    valueOf(await world.lead.call('contracts.sign', { contractId: first.id, signedAt: '2026-11-30' }));
    const second = valueOf(await world.lead.call('contracts.create', worksContract(world, p.id, 'HT-2026-002', 100_000_000)));
    expect(await world.lead.call('contracts.sign', { contractId: second.id, signedAt: '2026-11-30' })).toMatchObject({ ok: false, error: { code: 'CONTRACT_FUNDS_NOT_IN_PLACE' } });
    expect(valueOf(await world.finance.call('contracts.close', { contractId: first.id, status: 'terminated', reason: '施工单位违约，依约解除合同' })).status).toBe('terminated');
    expect(valueOf(await world.lead.call('contracts.sign', { contractId: second.id, signedAt: '2026-11-30' })).status).toBe('active');
    expect(await world.lead.call('contracts.close', { contractId: first.id, status: 'completed', reason: '竣工验收合格' })).toMatchObject({ ok: false, error: { code: 'CONTRACT_STATE_INVALID' } });
  });

  it('shows the milestone schedule; an acceptance date sets the due date (R1) and the reminder', async () => {
    const p = await payee();
    const c = valueOf(await world.lead.call('contracts.create', worksContract(world, p.id, 'HT-2026-001', 100_000_000)));
    valueOf(await world.lead.call('contracts.sign', { contractId: c.id, signedAt: '2026-11-01' }));
    const detail = valueOf(await world.lead.call('contracts.get', { contractId: c.id }));
    expect(detail.milestones.map((m) => [m.kind, m.ratio, m.dueDays, m.plannedAmount])).toEqual([
      ['advance', 2000, null, 20_000_000],
      ['progress', 8000, 30, null],
      ['settlement', 9700, 30, 97_000_000],
      ['retention', 300, null, 3_000_000],
    ]);
    const settlement = detail.milestones[2];
    if (!settlement) throw new Error('no settlement milestone');
    const after = valueOf(await world.lead.call('contracts.setMilestoneDate', { milestoneId: settlement.id, date: '2026-11-05' }));
    expect(after.milestones[2]).toMatchObject({ acceptedAt: '2026-11-05', dueDate: '2026-12-05' });
    const reminders = valueOf(await world.finance.call('contracts.reminders', {}));
    expect(reminders.map((r) => [r.reminder, r.name, r.daysLeft, r.isSme])).toEqual([['nearDue', '竣工结算款', 4, true]]);
  });

  it('a change goes through approval and becomes version 2 with what changed and who signed', async () => {
    const p = await payee();
    const c = valueOf(await world.lead.call('contracts.create', worksContract(world, p.id, 'HT-2026-001', 150_000_000)));
    valueOf(await world.lead.call('contracts.sign', { contractId: c.id, signedAt: '2026-11-30' }));

    // an increase beyond the free money of the line is refused before it is routed (R7)
    const tooMuch = await world.lead.call('contracts.submitChange', { contractId: c.id, kind: 'amount', reason: '增加附属工程量', amount: 200_000_001, paymentTermDays: 30, labourShare: 2000, retentionRate: 300 });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'CONTRACT_FUNDS_NOT_IN_PLACE', field: 'amount' } });

    const change = valueOf(await world.lead.call('contracts.submitChange', { contractId: c.id, kind: 'amount', reason: '设计变更增加附属设施', amount: 165_000_000, paymentTermDays: 30, labourShare: 2000, retentionRate: 300 }));
    expect(change).toMatchObject({ status: 'submitted', fromVersion: 1, changes: [{ field: 'amount', before: '¥1,500,000.00', after: '¥1,650,000.00' }] });
    expect(change.steps.length).toBeGreaterThan(0);
    // the amount is untouched until the change is approved
    expect(valueOf(await world.lead.call('contracts.get', { contractId: c.id })).contract.amount).toBe(150_000_000);

    // APPROVAL's last step: inside its own unit of work it calls applyApprovedChange
    const services = world.t.core.services;
    const approver = await world.actor((await services.db.users.findOne({ selector: { loginKey: 'lingdao' } }).exec())?.id ?? '');
    await runAtomically(services.lock, services.db, () => services.contracts.applyApprovedChange(change.id, approver));

    const detail = valueOf(await world.lead.call('contracts.get', { contractId: c.id }));
    expect(detail.contract).toMatchObject({ amount: 165_000_000, version: 2 });
    expect(detail.versions.map((v) => [v.version, v.origin, v.changes.map((x) => x.label)])).toEqual([
      [1, 'signed', []],
      [2, 'change', ['合同金额']],
    ]);
    expect(detail.changes[0]).toMatchObject({ status: 'approved', toVersion: 2 });
    const events = (await services.db.auditevents.find().exec()).map((e) => e.action);
    expect(events).toContain('contractChange.submit');
    expect(events).toContain('contractChange.apply');

    // applying it again is refused: it is no longer in approval
    await expect(runAtomically(services.lock, services.db, () => services.contracts.applyApprovedChange(change.id, approver))).rejects.toMatchObject({ code: 'CONTRACT_CHANGE_STATE_INVALID' });
  });

  it('a rejected change leaves the contract as it was', async () => {
    const p = await payee();
    const c = valueOf(await world.lead.call('contracts.create', worksContract(world, p.id, 'HT-2026-001', 100_000_000)));
    valueOf(await world.lead.call('contracts.sign', { contractId: c.id, signedAt: '2026-11-30' }));
    const change = valueOf(await world.lead.call('contracts.submitChange', { contractId: c.id, kind: 'terms', reason: '调整付款期限', amount: 100_000_000, paymentTermDays: 45, labourShare: 2000, retentionRate: 300 }));
    const services = world.t.core.services;
    const approver = await world.actor(world.leadId);
    await runAtomically(services.lock, services.db, () => services.contracts.markChangeRejected(change.id, approver));
    const detail = valueOf(await world.lead.call('contracts.get', { contractId: c.id }));
    expect(detail.contract).toMatchObject({ version: 1, paymentTermDays: 30 });
    expect(detail.changes[0]?.status).toBe('rejected');
  });

  it('archives the signed PDF with its SM3 and the office countersignature, and verifies it', async () => {
    const p = await payee(OTHER_USCC, false);
    const c = valueOf(await world.lead.call('contracts.create', worksContract(world, p.id, 'HT-2026-009', 80_000_000)));
    valueOf(await world.lead.call('contracts.sign', { contractId: c.id, signedAt: '2026-11-30' }));
    const services = world.t.core.services;
    const lead = await world.actor(world.leadId);
    const bytes = new TextEncoder().encode('%PDF-1.7\n% 电子签章合同正本\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const attachment = await services.attachments.save({ unitId: lead.unit.id, bytes, fileName: '施工合同（电子签章）.pdf', mediaType: 'application/pdf', purpose: 'signedContract', actor: lead });
    const seal = valueOf(await world.lead.call('contracts.archiveDocument', { contractId: c.id, attachmentId: attachment.id }));
    expect(seal).toMatchObject({ sm3: attachment.sm3, signerPublicKey: services.device.publicKey, archivedByName: '李项目' });
    expect(valueOf(await world.lead.call('contracts.get', { contractId: c.id })).contract.documentHash).toBe(attachment.sm3);
    expect(valueOf(await world.finance.call('contracts.verifyDocument', { contractId: c.id }))).toMatchObject({ hashMatches: true, signatureValid: true, signerIsThisDevice: true });
    const again = await world.lead.call('contracts.archiveDocument', { contractId: c.id, attachmentId: attachment.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONTRACT_STATE_INVALID' } });
  });

  it('progress certificates: cumulative grows, never past the contract amount, confirmed in order', async () => {
    const p = await payee();
    const c = valueOf(await world.lead.call('contracts.create', worksContract(world, p.id, 'HT-2026-001', 100_000_000)));
    valueOf(await world.lead.call('contracts.sign', { contractId: c.id, signedAt: '2026-11-01' }));
    const services = world.t.core.services;
    const lead = await world.actor(world.leadId);
    const scan = await services.attachments.save({ unitId: lead.unit.id, bytes: new TextEncoder().encode('%PDF-1.4\n计量确认单\n%%EOF\n'), fileName: '2026-11计量确认单.pdf', mediaType: 'application/pdf', purpose: 'progressCertificate', actor: lead });
    const base = { contractId: c.id, certifiedAt: '2026-11-28', certifiedByName: '青山工程监理有限公司', attachmentIds: [scan.id] };
    const first = valueOf(await world.lead.call('contracts.recordCertificate', { ...base, period: '2026-10', certifiedValue: 30_000_000 }));
    const second = valueOf(await world.lead.call('contracts.recordCertificate', { ...base, period: '2026-11', certifiedValue: 40_000_000 }));
    expect(second.cumulativeCertified).toBe(70_000_000);
    const over = await world.lead.call('contracts.recordCertificate', { ...base, period: '2026-12', certifiedValue: 30_000_001 });
    expect(over).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID', field: 'certifiedValue' } });
    const outOfOrder = await world.finance.call('contracts.confirmCertificate', { certificateId: second.id });
    expect(outOfOrder).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    expect(valueOf(await world.finance.call('contracts.confirmCertificate', { certificateId: first.id })).status).toBe('confirmed');
    // a leader may read but not record
    expect(await world.leader.call('contracts.recordCertificate', { ...base, period: '2026-12', certifiedValue: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

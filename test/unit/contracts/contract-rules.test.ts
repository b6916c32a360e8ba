import { describe, expect, it } from 'vitest';
import {
  contractTermViolations,
  DEFAULT_CONTRACT_POLICY,
  tightenContractPolicy,
  type ContractTermsInput,
  type MilestoneTerm,
} from '../../../shared/contracts';

const policy = DEFAULT_CONTRACT_POLICY;
const SME = { isSme: true, hasWageAccount: true };
const LARGE = { isSme: false, hasWageAccount: true };

const advance = (ratio: number): MilestoneTerm => ({ name: '预付款', kind: 'advance', ratio, dueRule: 'fixedDate', dueDays: null, dueDate: null });
const progress = (ratio = 8000, dueDays: number | null = null): MilestoneTerm => ({ name: '进度款', kind: 'progress', ratio, dueRule: 'afterAcceptance', dueDays, dueDate: null });
const settlement = (ratio = 9700, dueDays: number | null = null): MilestoneTerm => ({ name: '结算款', kind: 'settlement', ratio, dueRule: 'afterAcceptance', dueDays, dueDate: null });
const retention = (ratio = 300): MilestoneTerm => ({ name: '质量保证金', kind: 'retention', ratio, dueRule: 'fixedDate', dueDays: null, dueDate: null });

function works(over: Partial<ContractTermsInput> = {}): ContractTermsInput {
  return {
    amount: 1_000_000_00,
    category: 'works',
    paymentTermDays: 30,
    backToBack: false,
    labourShare: 2000,
    retentionRate: 300,
    milestones: [advance(2000), progress(), settlement(), retention()],
    ...over,
  };
}

const codes = (terms: ContractTermsInput, payee = SME) => contractTermViolations(terms, payee, policy).map((v) => v.code);

describe('R1: SME payment term (《保障中小企业款项支付条例》第九条)', () => {
  it('accepts 60 days and refuses 61 for an SME, naming the rule and the law', () => {
    expect(codes(works({ paymentTermDays: 60 }))).toEqual([]);
    const [v] = contractTermViolations(works({ paymentTermDays: 61 }), SME, policy);
    expect(v).toMatchObject({ rule: 'R1', code: 'CONTRACT_SME_TERM_TOO_LONG', field: 'paymentTermDays' });
    expect(v?.message).toContain('60 日');
    expect(v?.message).toContain('《保障中小企业款项支付条例》第九条');
    expect(v?.message).toContain('61 日');
  });

  it('lets a non-SME contract agree a longer term', () => {
    expect(codes(works({ paymentTermDays: 90 }), LARGE)).toEqual([]);
  });

  it('takes 30 days when no term is agreed', () => {
    expect(codes(works({ paymentTermDays: null }))).toEqual([]);
  });

  it('checks each milestone\'s own days after acceptance: 60 passes, 61 is refused at that milestone', () => {
    expect(codes(works({ milestones: [advance(2000), progress(8000, 60), settlement(), retention()] }))).toEqual([]);
    const [v] = contractTermViolations(works({ milestones: [advance(2000), progress(8000, 61), settlement(), retention()] }), SME, policy);
    expect(v).toMatchObject({ rule: 'R1', field: 'milestones.1.dueDays' });
  });

  it('refuses a back-to-back clause (SME: R1; anyone else: R7, the contractor would advance the money)', () => {
    expect(contractTermViolations(works({ backToBack: true }), SME, policy)[0]).toMatchObject({ rule: 'R1', code: 'CONTRACT_BACK_TO_BACK', field: 'backToBack' });
    expect(contractTermViolations(works({ backToBack: true }), LARGE, policy)[0]).toMatchObject({ rule: 'R7', code: 'CONTRACT_BACK_TO_BACK' });
  });
});

describe('R3: advance 10 %–30 % of the contract amount', () => {
  it.each([
    [1000, true],
    [999, false],
    [3000, true],
    [3001, false],
  ])('advance at %i bp → allowed %s', (bp, ok) => {
    const found = codes(works({ milestones: [advance(bp), progress(), settlement(), retention()] }));
    expect(found.includes('CONTRACT_ADVANCE_OUT_OF_RANGE')).toBe(!ok);
  });

  it('names the rule, the law and the ratio', () => {
    const [v] = contractTermViolations(works({ milestones: [advance(3001), progress(), settlement(), retention()] }), SME, policy);
    expect(v?.message).toContain('R3');
    expect(v?.message).toContain('财建〔2004〕369号');
    expect(v?.message).toContain('30.01%');
    expect(v?.field).toBe('milestones.0.ratio');
  });
});

describe('R4: progress at least 80 % of the certified value', () => {
  it('accepts 80 % and refuses 79.99 %', () => {
    expect(codes(works({ milestones: [advance(2000), progress(8000), settlement(), retention()] }))).toEqual([]);
    expect(codes(works({ milestones: [advance(2000), progress(7999), settlement(), retention()] }))).toEqual(['CONTRACT_PROGRESS_RATIO_INVALID']);
  });
});

describe('R5: retention at most 3 %', () => {
  it('accepts 3 % and refuses 3.01 %', () => {
    expect(codes(works({ retentionRate: 300, milestones: [advance(2000), progress(), settlement(), retention(300)] }))).toEqual([]);
    const found = contractTermViolations(works({ retentionRate: 301, milestones: [advance(2000), progress(), settlement(), retention(301)] }), SME, policy);
    expect(found.map((v) => v.code)).toEqual(['CONTRACT_RETENTION_TOO_HIGH']);
    expect(found[0]?.message).toContain('3.01%');
    expect(found[0]?.message).toContain('建质〔2017〕138号');
  });

  it('keeps the retention milestone equal to the agreed rate, and requires one when retention is agreed', () => {
    expect(codes(works({ milestones: [advance(2000), progress(), settlement(), retention(200)] }))).toEqual(['CONTRACT_TERMS_INVALID']);
    expect(codes(works({ milestones: [advance(2000), progress(), settlement()] }))).toEqual(['CONTRACT_TERMS_INVALID']);
  });
});

describe('R6: works contracts carry the labour share and the wage account', () => {
  it('refuses a works contract without labour share', () => {
    expect(contractTermViolations(works({ labourShare: 0 }), SME, policy)[0]).toMatchObject({ rule: 'R6', code: 'CONTRACT_LABOUR_SHARE_MISSING', field: 'labourShare' });
  });

  it('refuses a works contract whose payee has no wage account', () => {
    expect(contractTermViolations(works(), { isSme: true, hasWageAccount: false }, policy)[0]).toMatchObject({ rule: 'R6', code: 'CONTRACT_WAGE_ACCOUNT_MISSING', field: 'counterpartyId' });
  });

  it('does not ask it of a services contract', () => {
    const services = works({ category: 'services', labourShare: 0, retentionRate: 0, milestones: [advance(2000), settlement(10_000)] });
    expect(codes(services, { isSme: true, hasWageAccount: false })).toEqual([]);
  });
});

describe('shape of the terms', () => {
  it('needs at least one milestone, one advance at most, and a positive amount', () => {
    expect(codes(works({ milestones: [] }))).toContain('CONTRACT_TERMS_INVALID');
    expect(codes(works({ milestones: [advance(1000), advance(1000), progress(), settlement(), retention()] }))).toContain('CONTRACT_TERMS_INVALID');
    expect(codes(works({ amount: 0 }))).toContain('INVALID_AMOUNT');
  });
});

describe('policy settings only tighten', () => {
  it('keeps the stricter number and ignores a looser one', () => {
    const p = tightenContractPolicy({ smeMaxTermDays: 45, advanceMaxBp: 5000, retentionMaxBp: 250, advanceMinBp: 500 });
    expect(p.smeMaxTermDays).toBe(45);
    expect(p.advanceMaxBp).toBe(3000);
    expect(p.retentionMaxBp).toBe(250);
    expect(p.advanceMinBp).toBe(1000);
    expect(codes(works({ paymentTermDays: 46 }))).toEqual([]);
    expect(contractTermViolations(works({ paymentTermDays: 46 }), SME, p).map((v) => v.code)).toEqual(['CONTRACT_SME_TERM_TOO_LONG', 'CONTRACT_RETENTION_TOO_HIGH']);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateRequest, requestFigures, type RequestFacts } from '../../../shared/payments/request-rules';
import { tightenPolicy } from '../../../shared/payments/payment-policy';

const INVOICE_A = '26352000000000000001';
const INVOICE_B = '26352000000000000002';

/** A ¥1,000,000.00 works contract with 3 % retention and no other requests. */
function facts(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    kind: 'progress',
    amount: 10_000_000,
    labourAmount: 0,
    invoiceNos: [INVOICE_A],
    evidence: ['invoice', 'progressCertificate'],
    contract: { code: 'HT-2026-00001', amount: 100_000_000, retentionRate: 300, status: 'active' },
    committed: { advance: 0, progress: 0, settlement: 0, retention: 0, other: 0 },
    cumulativeCertified: 50_000_000,
    defectPeriodEnd: '2028-06-30',
    today: '2026-12-01',
    invoicesInUse: new Map(),
    ...overrides,
  };
}

function codes(f: RequestFacts): string[] {
  return evaluateRequest(f).violations.map((v) => v.code);
}

describe('R3 advance ≤ 30 % of the current contract amount (cumulative)', () => {
  const advance = (amount: number, already = 0) =>
    facts({ kind: 'advance', amount, evidence: ['invoice', 'contract'], committed: { advance: already, progress: 0, settlement: 0, retention: 0, other: 0 } });

  it('accepts exactly 30 %', () => {
    expect(codes(advance(30_000_000))).toEqual([]);
  });

  it('refuses 30 % + 1 分 with the rule named in Chinese', () => {
    const outcome = evaluateRequest(advance(30_000_001));
    expect(outcome.violations).toHaveLength(1);
    const [v] = outcome.violations;
    expect(v?.code).toBe('ADVANCE_OVER_LIMIT');
    expect(v?.field).toBe('amount');
    expect(v?.message).toContain('《建设工程价款结算暂行办法》（财建〔2004〕369号）第十二条');
    expect(v?.message).toContain('预付款不得超过合同金额的30%');
    expect(v?.message).toContain('超出 ¥0.01');
  });

  it('counts earlier advances: 20 % + 10 % passes, 20 % + 10 % + 1 分 does not', () => {
    expect(codes(advance(10_000_000, 20_000_000))).toEqual([]);
    expect(codes(advance(10_000_001, 20_000_000))).toEqual(['ADVANCE_OVER_LIMIT']);
  });

  it('a stricter office policy lowers the cap, a looser one is ignored', () => {
    expect(evaluateRequest(advance(25_000_000), tightenPolicy({ advanceMaxBp: 2_000 })).violations.map((v) => v.code)).toEqual(['ADVANCE_OVER_LIMIT']);
    expect(tightenPolicy({ advanceMaxBp: 5_000 }).advanceMaxBp).toBe(3_000);
  });
});

describe('R4 progress cap: certified × (100 % − retention) − recovered advance', () => {
  it('cap with no advance is certified × 97 %', () => {
    const figures = requestFigures(facts());
    expect(figures.progressCap).toBe(48_500_000);
    expect(codes(facts({ amount: 48_500_000 }))).toEqual([]);
    expect(codes(facts({ amount: 48_500_001 }))).toEqual(['PROGRESS_OVER_CERTIFIED']);
  });

  it('counts earlier progress payments cumulatively', () => {
    const committed = { advance: 0, progress: 40_000_000, settlement: 0, retention: 0, other: 0 };
    expect(codes(facts({ amount: 8_500_000, committed }))).toEqual([]);
    expect(codes(facts({ amount: 8_500_001, committed }))).toEqual(['PROGRESS_OVER_CERTIFIED']);
  });

  it('recovers the advance pro rata to the certified share of the contract', () => {
    // advance ¥200,000 on ¥1,000,000; half certified → ¥100,000 recovered
    const committed = { advance: 20_000_000, progress: 0, settlement: 0, retention: 0, other: 0 };
    const figures = requestFigures(facts({ committed }));
    expect(figures.advanceRecovered).toBe(10_000_000);
    expect(figures.progressCap).toBe(38_500_000);
    expect(codes(facts({ committed, amount: 38_500_000 }))).toEqual([]);
    expect(codes(facts({ committed, amount: 38_500_001 }))).toEqual(['PROGRESS_OVER_CERTIFIED']);
  });

  it('refuses progress without any confirmed certificate', () => {
    const [v] = evaluateRequest(facts({ cumulativeCertified: 0, amount: 1 })).violations;
    expect(v?.code).toBe('PROGRESS_OVER_CERTIFIED');
    expect(v?.message).toContain('尚无已确认的计量/进度确认');
  });

  it('flags (never blocks) a request that leaves progress below 80 % of certified value', () => {
    // floor = ¥400,000; ¥399,999.99 is flagged, ¥400,000.00 is not
    const low = evaluateRequest(facts({ amount: 39_999_999 }));
    expect(low.violations).toEqual([]);
    expect(low.flags).toHaveLength(1);
    expect(low.flags[0]?.message).toContain('不得低于已确认完成产值的80%');
    expect(evaluateRequest(facts({ amount: 40_000_000 })).flags).toEqual([]);
  });
});

describe('R5 retention', () => {
  const release = (today: string, defectPeriodEnd: string | null) =>
    facts({ kind: 'retention', amount: 3_000_000, evidence: ['invoice', 'defectPeriodEnd'], today, defectPeriodEnd });

  it('blocks a release before the defect-liability period ends, allows it on the end day', () => {
    const [v] = evaluateRequest(release('2028-06-29', '2028-06-30')).violations;
    expect(v?.code).toBe('RETENTION_NOT_DUE');
    expect(v?.message).toContain('建质〔2017〕138号');
    expect(v?.message).toContain('2028-06-30');
    expect(codes(release('2028-06-30', '2028-06-30'))).toEqual([]);
  });

  it('blocks a release when no period end is recorded', () => {
    expect(codes(release('2030-01-01', null))).toEqual(['RETENTION_NOT_DUE']);
  });

  it('keeps the retention share withheld from every other payment', () => {
    const committed = { advance: 0, progress: 48_500_000, settlement: 0, retention: 0, other: 0 };
    const settle = (amount: number) =>
      facts({ kind: 'settlement', amount, committed, evidence: ['invoice', 'acceptanceCertificate'], cumulativeCertified: 100_000_000 });
    expect(codes(settle(48_500_000))).toEqual([]);
    expect(codes(settle(48_500_001))).toEqual(['RETENTION_NOT_WITHHELD']);
  });
});

describe('invariant 3: Σ committed ≤ current contract amount', () => {
  it('refuses the first 分 beyond the contract on a contract without retention', () => {
    const contract = { code: 'HT-1', amount: 1_000_000, retentionRate: 0, status: 'active' as const };
    const committed = { advance: 0, progress: 0, settlement: 0, retention: 0, other: 900_000 };
    const other = (amount: number) => facts({ kind: 'other', amount, evidence: ['invoice'], contract, committed });
    expect(codes(other(100_000))).toEqual([]);
    const [v] = evaluateRequest(other(100_001)).violations;
    expect(v?.code).toBe('CONTRACT_AMOUNT_EXCEEDED');
    expect(v?.message).toContain('超出 ¥0.01');
  });

  it('refuses requests on a draft or terminated contract', () => {
    expect(codes(facts({ contract: { code: 'HT-1', amount: 100_000_000, retentionRate: 300, status: 'draft' } }))).toContain('CONTRACT_NOT_PAYABLE');
    expect(codes(facts({ contract: { code: 'HT-1', amount: 100_000_000, retentionRate: 300, status: 'terminated' } }))).toContain('CONTRACT_NOT_PAYABLE');
  });
});

describe('R6 labour part and invoices', () => {
  it('labourAmount = amount passes, amount + 1 分 is refused on labourAmount', () => {
    expect(codes(facts({ labourAmount: 10_000_000 }))).toEqual([]);
    const [v] = evaluateRequest(facts({ labourAmount: 10_000_001 })).violations;
    expect(v).toMatchObject({ code: 'LABOUR_OVER_AMOUNT', field: 'labourAmount' });
    expect(v?.message).toContain('《保障农民工工资支付条例》');
  });

  it('refuses malformed and repeated invoice numbers, naming the position', () => {
    const outcome = evaluateRequest(facts({ invoiceNos: [INVOICE_A, '1234', INVOICE_A] }));
    expect(outcome.violations.map((v) => [v.code, v.field])).toEqual([
      ['INVALID_E_INVOICE', 'invoiceNos.1'],
      ['INVALID_E_INVOICE', 'invoiceNos.2'],
    ]);
  });

  it('refuses an invoice another live request holds (invariant 4)', () => {
    const [v] = evaluateRequest(facts({ invoiceNos: [INVOICE_B, INVOICE_A], invoicesInUse: new Map([[INVOICE_A, 'ZF-2026-000007']]) })).violations;
    expect(v).toMatchObject({ code: 'INVOICE_ALREADY_USED', field: 'invoiceNos.1' });
    expect(v?.message).toContain('ZF-2026-000007');
    expect(v?.message).toContain('同一张发票只能支付一次');
  });
});

describe('evidence per kind', () => {
  it.each([
    ['advance', ['invoice'], '合同文本'],
    ['progress', ['invoice'], '计量/进度确认单'],
    ['settlement', ['invoice'], '验收证明/结算审定书'],
    ['retention', ['invoice'], '缺陷责任期满证明'],
    ['other', [], '发票'],
  ] as const)('%s without its evidence is refused', (kind, evidence, missing) => {
    const outcome = evaluateRequest(facts({ kind, evidence: [...evidence], amount: 1_000, defectPeriodEnd: '2020-01-01' }));
    const finding = outcome.violations.find((v) => v.code === 'EVIDENCE_MISSING');
    expect(finding?.message).toContain(missing);
    expect(finding?.field).toBe('attachmentIds');
  });

  it('an advance guarantee is optional', () => {
    expect(codes(facts({ kind: 'advance', amount: 1_000, evidence: ['invoice', 'contract'] }))).toEqual([]);
  });

  it('every kind needs at least one invoice number', () => {
    const finding = evaluateRequest(facts({ invoiceNos: [] })).violations.find((v) => v.field === 'invoiceNos');
    expect(finding?.code).toBe('EVIDENCE_MISSING');
  });
});

import { describe, expect, it } from 'vitest';
import {
  addDays,
  certificateViolations,
  classifyReminders,
  daysBetween,
  DEFAULT_CONTRACT_POLICY,
  fundsInPlace,
  fundsViolation,
  isDayText,
  termChanges,
  type DueItem,
} from '../../../shared/contracts';

describe('calendar days', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 60)).toBe('2027-03-01');
    expect(daysBetween('2026-12-01', '2026-11-24')).toBe(-7);
    expect(isDayText('2026-02-29')).toBe(false);
  });
});

describe('R7 funds in place', () => {
  it('subtracts what other signed contracts have not yet requested from available', () => {
    // line 1,000,000; 300,000 reserved/paid (all by contract A of 500,000) → A still promises 200,000
    const check = { available: 700_000, others: [{ contractId: 'A', amount: 500_000, committed: 300_000 }], amount: 500_000, committedSelf: 0 };
    expect(fundsInPlace(check)).toEqual({ promisedElsewhere: 200_000, free: 500_000, needed: 500_000, ok: true });
    expect(fundsInPlace({ ...check, amount: 500_001 }).ok).toBe(false);
  });

  it('never lets an over-requested contract free money for others', () => {
    const position = fundsInPlace({ available: 100, others: [{ contractId: 'A', amount: 50, committed: 80 }], amount: 100, committedSelf: 0 });
    expect(position.promisedElsewhere).toBe(0);
    expect(position.ok).toBe(true);
  });

  it('for a change counts only what the contract still needs beyond its own commitments', () => {
    // contract already committed 400 of its 1,000; raising it to 1,200 needs 800 of the free money
    expect(fundsInPlace({ available: 800, others: [], amount: 1_200, committedSelf: 400 })).toMatchObject({ needed: 800, ok: true });
    expect(fundsInPlace({ available: 799, others: [], amount: 1_200, committedSelf: 400 }).ok).toBe(false);
  });

  it('explains a refusal with the rule, the law and the amounts', () => {
    const v = fundsViolation(fundsInPlace({ available: 100_00, others: [], amount: 200_00, committedSelf: 0 }));
    expect(v).toMatchObject({ rule: 'R7', code: 'CONTRACT_FUNDS_NOT_IN_PLACE', field: 'budgetLineId' });
    expect(v?.message).toContain('《政府投资条例》第二十二条');
    expect(v?.message).toContain('¥200.00');
  });
});

describe('progress certificates', () => {
  it('grows the cumulative value, keeps periods in order and within the contract amount', () => {
    expect(certificateViolations({ period: '2026-03', certifiedValue: 100 }, { period: '2026-02', cumulativeCertified: 900 }, 1000)).toEqual([]);
    expect(certificateViolations({ period: '2026-03', certifiedValue: 101 }, { period: '2026-02', cumulativeCertified: 900 }, 1000)[0]?.field).toBe('certifiedValue');
    expect(certificateViolations({ period: '2026-02', certifiedValue: 1 }, { period: '2026-02', cumulativeCertified: 1 }, 1000)[0]?.field).toBe('period');
    expect(certificateViolations({ period: '2026-02', certifiedValue: 0 }, null, 1000)[0]?.field).toBe('certifiedValue');
  });
});

describe('reminders', () => {
  const item = (kind: DueItem['kind'], dueDate: string): DueItem => ({
    milestoneId: `${kind}-${dueDate}`,
    contractId: 'c',
    contractCode: 'HT-1',
    contractName: '施工合同',
    counterpartyName: '某建设有限公司',
    isSme: true,
    kind,
    name: kind,
    dueDate,
  });

  it('shows overdue and 7-day items (R1) and retention ending within 30 days (R5), most urgent first', () => {
    const today = '2026-12-05';
    const out = classifyReminders(
      [item('settlement', '2026-12-12'), item('settlement', '2026-12-13'), item('progress', '2026-12-04'), item('retention', '2027-01-04'), item('retention', '2027-01-05'), item('retention', '2026-11-30')],
      today,
      DEFAULT_CONTRACT_POLICY,
    );
    expect(out.map((r) => [r.reminder, r.dueDate])).toEqual([
      ['overdue', '2026-12-04'],
      ['nearDue', '2026-12-12'],
      ['retentionDue', '2026-11-30'],
      ['retentionEnding', '2027-01-04'],
    ]);
    expect(out[0]?.daysLeft).toBe(-1);
  });
});

describe('what changed between versions', () => {
  it('lists the changed terms in Chinese with both values', () => {
    const before = { amount: 100_000_00, paymentTermDays: 30, labourShare: 2000, retentionRate: 300 };
    expect(termChanges(before, { ...before, amount: 110_000_00 })).toEqual([{ field: 'amount', label: '合同金额', before: '¥100,000.00', after: '¥110,000.00' }]);
    expect(termChanges(before, before)).toEqual([]);
  });
});

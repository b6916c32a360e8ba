import { describe, expect, it } from 'vitest';
import { commitRefusal } from '../../../shared/budget/commit-check';
import { computePosition, usedBasisPoints, type CommittingRequest } from '../../../shared/budget/position';
import { atOrOverWarning, crossedWarning, usageLevel, warnRatioProblem } from '../../../shared/budget/threshold';

const DEVICE = '0190a000-0000-7000-8000-000000000001';
const OTHER = '0190a000-0000-7000-8000-000000000002';

function req(id: string, amount: number, status: CommittingRequest['status']): CommittingRequest {
  return { id, amount, status };
}

describe('budget position', () => {
  const requests = [
    req('a', 100_00, 'draft'),
    req('b', 200_00, 'submitted'),
    req('c', 300_00, 'approved'),
    req('d', 400_00, 'in_payment'),
    req('e', 500_00, 'paid'),
    req('f', 600_00, 'withdrawn'),
    req('g', 700_00, 'rejected'),
  ];

  it('reserves submitted, approved and in-payment requests, consumes paid ones, ignores drafts, withdrawn and rejected', () => {
    const p = computePosition({ budgetLineId: 'L', amount: 2_000_00, requests, allocations: [{ holderDeviceId: DEVICE, amount: 2_000_00 }], deviceId: DEVICE, warnRatio: 0.9 });
    expect(p).toMatchObject({ reserved: 900_00, paid: 500_00, available: 600_00, heldHere: 2_000_00, committedHere: 1_400_00, availableHere: 600_00 });
    expect(p.reserved + p.paid + p.available).toBe(p.amount);
  });

  it('leaves out the request being re-checked, so an approval step does not count it twice', () => {
    const p = computePosition({ budgetLineId: 'L', amount: 2_000_00, requests, allocations: [], deviceId: DEVICE, warnRatio: 0.9, excludeRequestId: 'c' });
    expect(p.reserved).toBe(600_00);
  });

  it('counts only allocations this device holds; a device holding nothing may commit nothing', () => {
    const split = computePosition({
      budgetLineId: 'L',
      amount: 2_000_00,
      requests,
      allocations: [
        { holderDeviceId: DEVICE, amount: 1_500_00 },
        { holderDeviceId: OTHER, amount: 500_00 },
      ],
      deviceId: DEVICE,
      warnRatio: 0.9,
    });
    expect(split).toMatchObject({ heldHere: 1_500_00, committedHere: 1_400_00, availableHere: 100_00 });
    const none = computePosition({ budgetLineId: 'L', amount: 2_000_00, requests, allocations: [{ holderDeviceId: OTHER, amount: 2_000_00 }], deviceId: DEVICE, warnRatio: 0.9 });
    expect(none).toMatchObject({ heldHere: 0, committedHere: 0, availableHere: 0 });
  });

  it('measures use in exact basis points, also for lines too large for float products', () => {
    expect(usedBasisPoints({ amount: 1_000_00, reserved: 899_99, paid: 0 })).toBe(8_999);
    expect(usedBasisPoints({ amount: 900_719_925_474_099, reserved: 900_719_925_474_098, paid: 0 })).toBe(9_999);
  });
});

describe('R8 warning threshold', () => {
  const at = (used: number, warnRatio = 0.9) => ({ amount: 1_000_000, reserved: used, paid: 0, warnRatio, available: 1_000_000 - used });

  it('warns from exactly 90 %, and at the tightened ratio an administrator set', () => {
    expect(atOrOverWarning(at(899_999))).toBe(false);
    expect(atOrOverWarning(at(900_000))).toBe(true);
    expect(atOrOverWarning(at(800_000, 0.8))).toBe(true);
    expect(crossedWarning(at(899_999), at(900_000))).toBe(true);
    expect(crossedWarning(at(900_000), at(950_000))).toBe(false);
    expect(usageLevel(at(500_000))).toBe('normal');
    expect(usageLevel(at(950_000))).toBe('warning');
    expect(usageLevel(at(1_000_000))).toBe('exhausted');
  });

  it('lets the administrator tighten only', () => {
    expect(warnRatioProblem(0.85)).toBeNull();
    expect(warnRatioProblem(0.9)).toBeNull();
    expect(warnRatioProblem(0.95)).toContain('只能调严');
    expect(warnRatioProblem(0.4)).toContain('不能低于');
    expect(warnRatioProblem(0.855)).toContain('整百分数');
  });
});

describe('commit refusal', () => {
  const position = computePosition({
    budgetLineId: 'L',
    amount: 1_000_000_00,
    requests: [req('x', 600_000_00, 'approved'), req('y', 300_000_00, 'paid')],
    allocations: [{ holderDeviceId: DEVICE, amount: 950_000_00 }, { holderDeviceId: OTHER, amount: 50_000_00 }],
    deviceId: DEVICE,
    warnRatio: 0.9,
  });

  it('accepts up to the last fen of the line and of what this device holds', () => {
    expect(commitRefusal(position, 50_000_00)).toBeNull();
  });

  it('names 《预算法》/R8 and the numbers when the line would be passed', () => {
    const refusal = commitRefusal(position, 100_000_01);
    expect(refusal?.code).toBe('BUDGET_EXCEEDED');
    expect(refusal?.message).toContain('《预算法》/R8');
    expect(refusal?.message).toContain('¥100,000.01');
    expect(refusal?.message).toContain('可用余额 ¥100,000.00');
    expect(refusal?.message).toContain('超出 ¥0.01');
  });

  it('refuses money the line has but this device does not hold', () => {
    const refusal = commitRefusal(position, 60_000_00);
    expect(refusal?.code).toBe('ALLOCATION_EXCEEDED');
    expect(refusal?.message).toContain('本机可用额度 ¥50,000.00');
  });
});

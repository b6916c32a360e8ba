import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRequest, requestFigures, type CommittedByKind, type RequestFacts } from '../../../shared/payments/request-rules';

/**
 * For any sequence of certificates and requests against one contract, the requests the rules
 * accept never break the caps: advances ≤ 30 % of the contract (R3), progress ≤ its R4 cap at
 * every moment (also after a later advance raises the recovery), and Σ ≤ contract (invariant 3).
 */
type Step =
  | { op: 'certify'; delta: number }
  | { op: 'advance'; amount: number }
  | { op: 'progress'; amount: number }
  | { op: 'settlement'; amount: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('certify' as const), delta: fc.integer({ min: 0, max: 40_000_000 }) }),
  fc.record({ op: fc.constant('advance' as const), amount: fc.integer({ min: 1, max: 40_000_000 }) }),
  fc.record({ op: fc.constant('progress' as const), amount: fc.integer({ min: 1, max: 60_000_000 }) }),
  fc.record({ op: fc.constant('settlement' as const), amount: fc.integer({ min: 1, max: 60_000_000 }) }),
);

const EVIDENCE = {
  advance: ['invoice', 'contract'],
  progress: ['invoice', 'progressCertificate'],
  settlement: ['invoice', 'acceptanceCertificate'],
} as const;

describe('request caps (property)', () => {
  it('accepted requests never exceed R3, R4 or the contract amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000, max: 200_000_000 }),
        fc.constantFrom(0, 200, 300),
        fc.array(step, { maxLength: 40 }),
        (contractAmount, retentionRate, steps) => {
          const contract = { code: 'HT-P', amount: contractAmount, retentionRate, status: 'active' as const };
          const committed: CommittedByKind = { advance: 0, progress: 0, settlement: 0, retention: 0, other: 0 };
          let certified = 0;
          for (const s of steps) {
            if (s.op === 'certify') {
              certified = Math.min(contractAmount, certified + s.delta);
              continue;
            }
            const facts: RequestFacts = {
              kind: s.op,
              amount: s.amount,
              labourAmount: 0,
              invoiceNos: ['26352000000000000001'],
              evidence: [...EVIDENCE[s.op]],
              contract,
              committed: { ...committed },
              cumulativeCertified: certified,
              defectPeriodEnd: null,
              today: '2026-12-01',
              invoicesInUse: new Map(),
            };
            if (evaluateRequest(facts).violations.length === 0) committed[s.op] += s.amount;
            const figures = requestFigures({ contract, committed, cumulativeCertified: certified });
            expect(committed.advance).toBeLessThanOrEqual(Math.floor((contractAmount * 3_000) / 10_000));
            expect(committed.progress).toBeLessThanOrEqual(figures.progressCap);
            expect(committed.progress).toBeLessThanOrEqual(certified);
            expect(committed.advance + committed.progress + committed.settlement).toBeLessThanOrEqual(contractAmount);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

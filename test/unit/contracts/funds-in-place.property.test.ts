import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fundsInPlace, type SignedOnLine } from '../../../shared/contracts';

/**
 * R7 as a property: whatever order contracts are signed in and whatever their requests have
 * committed, the contracts signed against one line never promise more than the line holds.
 */
describe('R7 funds in place (property)', () => {
  it('never lets signed contracts promise more than the budget line', () => {
    const step = fc.record({ amount: fc.integer({ min: 1, max: 2_000_000 }), committedShare: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.array(step, { maxLength: 25 }), (lineAmount, attempts) => {
        const signed: SignedOnLine[] = [];
        for (const [i, attempt] of attempts.entries()) {
          const committedTotal = signed.reduce((s, c) => s + c.committed, 0);
          const position = fundsInPlace({ available: lineAmount - committedTotal, others: signed, amount: attempt.amount, committedSelf: 0 });
          if (!position.ok) continue;
          // after signing, its requests commit part of it: never beyond the contract amount
          // (invariant 3, PAYMENTS' CONTRACT_AMOUNT_EXCEEDED) nor what the line still has (R8)
          const room = lineAmount - committedTotal;
          const committed = Math.min(room, Math.floor((attempt.amount * attempt.committedShare) / 100));
          signed.push({ contractId: String(i), amount: attempt.amount, committed });
        }
        const promised = signed.reduce((s, c) => s + Math.max(c.amount, c.committed), 0);
        expect(promised).toBeLessThanOrEqual(lineAmount);
      }),
      { numRuns: 500 },
    );
  });
});

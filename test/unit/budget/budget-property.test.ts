import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitRefusal } from '../../../shared/budget/commit-check';
import { computePosition, isCommittingStatus, positionWith, type BudgetPosition, type CommittingRequest } from '../../../shared/budget/position';
import { nextRequestStatus, type RequestEvent } from '../../../shared/domain/payment-request-status';

/**
 * DOMAIN.md invariants 1 and 2 as a property: whatever sequence of create / submit / approve /
 * reject / return / withdraw / pay (and bank return) happens, moved through the real state machine
 * and with every move into a committing status checked by the real commit rule, the line balances
 * (reserved + paid + available = amount), never goes below zero, and this device never commits
 * more than it holds.
 */
const DEVICE = 'device-here';
const OTHER = 'device-other';

type Op =
  | { kind: 'create'; amount: number }
  | { kind: 'event'; event: RequestEvent; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), amount: fc.integer({ min: 1, max: 400_000_00 }) }) },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      event: fc.constantFrom<RequestEvent>('submit', 'approveStep', 'approveLast', 'return', 'withdraw', 'reject', 'batch', 'receipt', 'bankReturn'),
      pick: fc.nat({ max: 5 }),
    }),
  },
);

function positionOf(amount: number, held: number, requests: readonly CommittingRequest[], excludeRequestId?: string): BudgetPosition {
  return computePosition({
    budgetLineId: 'line',
    amount,
    requests,
    allocations: [
      { holderDeviceId: DEVICE, amount: held },
      { holderDeviceId: OTHER, amount: amount - held },
    ],
    deviceId: DEVICE,
    warnRatio: 0.9,
    ...(excludeRequestId === undefined ? {} : { excludeRequestId }),
  });
}

describe('budget invariants under any request history', () => {
  it('reserved + paid + available = amount, available ≥ 0, committedHere ≤ heldHere', () => {
    // so the property is known to have met both outcomes of the check, not only easy histories
    let refusedTotal = 0;
    let paidTotal = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_00 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(opArb, { maxLength: 150, size: 'max' }),
        (amount, heldShare, ops) => {
          const held = Math.floor(amount * heldShare);
          const requests: CommittingRequest[] = [];
          for (const op of ops) {
            if (op.kind === 'create') {
              requests.push({ id: `r${requests.length}`, amount: op.amount, status: 'draft' });
              continue;
            }
            if (requests.length === 0) continue;
            const request = requests[op.pick % requests.length] as CommittingRequest;
            const next = nextRequestStatus(request.status, op.event);
            if (next === null) continue;
            // every commit, and every approval step re-check, goes through the rule
            if (isCommittingStatus(next)) {
              const before = positionOf(amount, held, requests, request.id);
              if (commitRefusal(before, request.amount)) {
                refusedTotal += 1;
                continue;
              }
            }
            request.status = next;
            if (next === 'paid') paidTotal += 1;
            const p = positionOf(amount, held, requests);
            expect(p.reserved + p.paid + p.available).toBe(p.amount);
            expect(p.available).toBeGreaterThanOrEqual(0);
            expect(p.committedHere).toBeLessThanOrEqual(p.heldHere);
          }
        },
      ),
      {
        numRuns: 400,
        // random histories reach 'paid' only now and then (four right events on one request that
        // the check lets through): these two always run, so both outcomes are met on every seed
        examples: [
          [1_000_00, 1, [{ kind: 'create', amount: 100_00 }, ...(['submit', 'approveLast', 'batch', 'receipt'] as const).map((event): Op => ({ kind: 'event', event, pick: 0 }))]],
          [100_00, 0.5, [{ kind: 'create', amount: 80_00 }, { kind: 'event', event: 'submit', pick: 0 }]],
        ],
      },
    );
    expect(refusedTotal).toBeGreaterThan(0);
    expect(paidTotal).toBeGreaterThan(0);
  });

  it('a re-check at an approval step never refuses a request that was admitted and nothing else changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (amount, requestAmount) => {
        fc.pre(requestAmount <= amount);
        const requests: CommittingRequest[] = [{ id: 'r', amount: requestAmount, status: 'submitted' }];
        expect(commitRefusal(positionOf(amount, amount, requests, 'r'), requestAmount)).toBeNull();
        // without excluding itself, the same request would be counted twice and refused
        if (requestAmount * 2 > amount) expect(commitRefusal(positionOf(amount, amount, requests), requestAmount)).not.toBeNull();
      }),
    );
  });
});

describe('positionWith', () => {
  const statusArb = fc.constantFrom<CommittingRequest['status']>('draft', 'submitted', 'approved', 'in_payment', 'paid', 'withdrawn', 'rejected');
  const requestsArb = fc.array(fc.record({ amount: fc.integer({ min: 1, max: 50_000_00 }), status: statusArb }), { maxLength: 40 });

  it('equals computePosition with the request counted, from the position that left it out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_00 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        requestsArb,
        fc.integer({ min: 1, max: 50_000_00 }),
        statusArb,
        statusArb,
        (amount, heldShare, others, ownAmount, ownBefore, ownAfter) => {
          const held = Math.floor(amount * heldShare);
          const requests: CommittingRequest[] = others.map((r, i) => ({ id: `r${i}`, ...r }));
          // the request's status before the change must not matter: it is left out
          const without = positionOf(amount, held, [...requests, { id: 'own', amount: ownAmount, status: ownBefore }], 'own');
          const expected = positionOf(amount, held, [...requests, { id: 'own', amount: ownAmount, status: ownAfter }]);
          expect(positionWith(without, ownAmount, ownAfter)).toEqual(expected);
        },
      ),
    );
  });

  it('adds a reservation to reserved and to what this device committed', () => {
    const without = positionOf(1_000_00, 600_00, [{ id: 'a', amount: 200_00, status: 'approved' }, { id: 'b', amount: 100_00, status: 'paid' }]);
    const after = positionWith(without, 50_00, 'submitted');
    expect(after).toMatchObject({ reserved: 250_00, paid: 100_00, available: 650_00, heldHere: 600_00, committedHere: 350_00, availableHere: 250_00 });
    expect(positionWith(without, 50_00, 'withdrawn')).toEqual(without);
  });
});

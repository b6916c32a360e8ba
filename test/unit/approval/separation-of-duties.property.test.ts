import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSigner, stepTally, type ActiveDelegation, type DecisionRecord, type Person, type ProgressInput } from '../../../shared/approval/approval-progress';
import { type ApprovalDecision, type RouteStep } from '../../../shared/domain/approval';
import type { Role } from '../../../shared/domain/roles';

const UNIT = 'county';
const UPPER = 'city';
/** a few roles, so that generated people often hold the roles the generated routes ask for */
const ROLES = ['projectLead', 'finance', 'leader'] as const;

const stepArb = fc.record({
  role: fc.constantFrom(...ROLES),
  scope: fc.constantFrom('own' as const, 'upper' as const),
  mode: fc.constantFrom('any' as const, 'all' as const),
  label: fc.constant('步骤'),
});

const personArb = (i: number) =>
  fc.record({
    roles: fc.uniqueArray(fc.constantFrom<Role>('admin', ...ROLES), { minLength: 1, maxLength: 3 }),
    upper: fc.boolean(),
    disabled: fc.constantFrom(false, false, false, true),
  }).map(({ roles, upper, disabled }): Person => ({ id: `p${i}`, name: `人员${i}`, roles, unitId: upper ? UPPER : UNIT, disabled }));

const worldArb = fc
  .record({
    steps: fc.array(stepArb, { minLength: 1, maxLength: 4 }),
    people: fc.tuple(...Array.from({ length: 7 }, (_, i) => personArb(i))),
    applicant: fc.integer({ min: 0, max: 6 }),
    delegations: fc.array(fc.record({ from: fc.integer({ min: 0, max: 6 }), to: fc.integer({ min: 0, max: 6 }), role: fc.constantFrom(...ROLES) }), { maxLength: 4 }),
    attempts: fc.array(fc.record({ who: fc.integer({ min: 0, max: 6 }), decision: fc.constantFrom<ApprovalDecision>('approve', 'approve', 'approve', 'return', 'reject') }), { maxLength: 40 }),
  })
  .map((w) => ({
    ...w,
    delegations: w.delegations.map((d): ActiveDelegation => ({ fromUserId: `p${d.from}`, toUserId: `p${d.to}`, role: d.role })),
  }));

/**
 * Runs the decider's rules on a model request: every attempt goes through checkSigner (the same
 * function the core's ApprovalDecider calls); accepted approvals advance the route as the core
 * does; 退回 starts a new round after resubmission; 驳回 ends it.
 */
function run(world: { steps: RouteStep[]; people: Person[]; applicant: number; delegations: ActiveDelegation[]; attempts: { who: number; decision: ApprovalDecision }[] }) {
  let time = 1;
  const decisions: DecisionRecord[] = [];
  let currentStep = 0;
  let routedAt = 0;
  let open = true;
  for (const attempt of world.attempts) {
    if (!open) break;
    const input: ProgressInput = {
      steps: world.steps,
      currentStep,
      routedAt,
      applicantId: `p${world.applicant}`,
      requestUnitId: UNIT,
      upperUnitId: UPPER,
      people: world.people,
      decisions,
      delegations: world.delegations,
    };
    const signer = world.people[attempt.who] as Person;
    const check = checkSigner(input, signer);
    if (!check.ok) continue;
    time += 1;
    decisions.push({ userId: signer.id, onBehalfOf: check.onBehalfOf?.id, step: currentStep, decision: attempt.decision, signedAt: time });
    if (attempt.decision === 'reject') open = false;
    else if (attempt.decision === 'return') {
      time += 1;
      routedAt = time;
      currentStep = 0;
    } else if (stepTally({ ...input, decisions }, currentStep).complete) {
      currentStep += 1;
      if (currentStep >= world.steps.length) open = false;
    }
  }
  return decisions;
}

describe('R10 as a property: any route, any people, any delegations, any sequence of attempts', () => {
  it('nobody signs two steps of one request, the applicant signs none, an administrator signs none', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const decisions = run(world);
        const stepsOf = new Map<string, Set<number>>();
        for (const d of decisions) {
          for (const who of [d.userId, d.onBehalfOf].filter((x): x is string => x !== undefined)) {
            expect(who).not.toBe(`p${world.applicant}`);
            stepsOf.set(who, (stepsOf.get(who) ?? new Set()).add(d.step));
          }
          const signer = world.people.find((p) => p.id === d.userId) as Person;
          expect(signer.roles).not.toContain('admin');
          expect(signer.disabled).toBe(false);
        }
        for (const steps of stepsOf.values()) expect(steps.size).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('the generated worlds really exercise signing (the property above is not vacuous)', () => {
    const samples = fc.sample(worldArb, { numRuns: 300, seed: 42 });
    const signed = samples.map((w) => run(w).length);
    expect(signed.filter((n) => n > 0).length).toBeGreaterThan(50);
    const many = fc.sample(worldArb, { numRuns: 3000, seed: 7 });
    expect(many.some((w) => run(w).some((d) => d.onBehalfOf !== undefined))).toBe(true);
  });

  it('a step only completes with a signature from someone holding its role in its office (or their delegate)', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        for (const d of run(world)) {
          const step = world.steps[d.step] as RouteStep;
          const holder = world.people.find((p) => p.id === (d.onBehalfOf ?? d.userId)) as Person;
          expect(holder.roles).toContain(step.role);
          expect(holder.unitId).toBe(step.scope === 'own' ? UNIT : UPPER);
        }
      }),
      { numRuns: 300 },
    );
  });
});

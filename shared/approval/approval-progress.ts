import { STEP_MODE_LABELS, type ApprovalDecision, type RouteStep } from '../domain/approval';
import { roleConflict } from '../domain/role-rules';
import { ROLE_LABELS, type Role } from '../domain/roles';

/**
 * Who may sign which step of a route, and when a step is complete — the separation of duties of
 * R10 as a pure function, so the core, the inbox, the route view and the property tests share it:
 *  - an administrator never signs, nor anyone whose roles clash (role-rules.ts);
 *  - the applicant never signs their own request;
 *  - one person never signs two steps of one request (any decision counts as signing, in any
 *    round; a delegate's decision counts for both the delegate and the person they stood in for).
 */

export interface Person {
  id: string;
  name: string;
  roles: readonly Role[];
  unitId: string;
  disabled: boolean;
}

export interface DecisionRecord {
  userId: string;
  onBehalfOf?: string | undefined;
  step: number;
  decision: ApprovalDecision;
  signedAt: number;
}

/** A delegation in force now: `toUserId` may sign steps of `role` for `fromUserId`. */
export interface ActiveDelegation {
  fromUserId: string;
  toUserId: string;
  role: Role;
}

export interface ProgressInput {
  steps: readonly RouteStep[];
  currentStep: number;
  /** when the request was (re)submitted: decisions from then on are this round's */
  routedAt: number;
  applicantId: string;
  /** the applicant's office (scope own) and the office above it (scope upper) */
  requestUnitId: string;
  upperUnitId: string | null;
  people: readonly Person[];
  /** every decision on the request, every round */
  decisions: readonly DecisionRecord[];
  delegations: readonly ActiveDelegation[];
}

export type SignCheck =
  | { ok: true; onBehalfOf: Person | null }
  | { ok: false; code: 'SEPARATION_OF_DUTIES' | 'NOT_AN_APPROVER' | 'APPROVAL_STATE_INVALID'; message: string };

export function stepUnitId(step: RouteStep, input: Pick<ProgressInput, 'requestUnitId' | 'upperUnitId'>): string | null {
  return step.scope === 'own' ? input.requestUnitId : input.upperUnitId;
}

/** Steps a person has signed on this request (as signer or as the one stood in for). */
function stepsSignedBy(personId: string, decisions: readonly DecisionRecord[]): Set<number> {
  const out = new Set<number>();
  for (const d of decisions) if (d.userId === personId || d.onBehalfOf === personId) out.add(d.step);
  return out;
}

/** Why R10 forbids this person to sign `step` (null when it does not). */
export function separationRefusal(person: Person, step: number, input: ProgressInput, asDelegator = false): string | null {
  const who = asDelegator ? `委托人${person.name}` : '您';
  if (person.roles.includes('admin')) return `${who}是系统管理员，系统管理员不能审批（R10 不相容岗位相分离）`;
  const conflict = roleConflict(person.roles);
  if (conflict) return `${who}的角色组合违反规定：${conflict}（R10）`;
  if (person.id === input.applicantId) return `${who}是本申请的申请人，申请人不能审批自己的申请（R10 不相容岗位相分离）`;
  const other = [...stepsSignedBy(person.id, input.decisions)].filter((s) => s !== step).sort((a, b) => a - b)[0];
  if (other !== undefined) {
    const label = input.steps[other]?.label ?? '';
    return `${who}已签署本申请第 ${other + 1} 步（${label}），同一人不能签署同一申请的两个步骤（R10 不相容岗位相分离）`;
  }
  return null;
}

/** People who hold the step's role in its office, are active and whom R10 lets sign it. */
export function stepCandidates(input: ProgressInput, step: number): Person[] {
  const routeStep = input.steps[step];
  if (!routeStep) return [];
  const unitId = stepUnitId(routeStep, input);
  return input.people.filter((p) => !p.disabled && p.unitId === unitId && p.roles.includes(routeStep.role) && separationRefusal(p, step, input) === null);
}

/** Who approved `step` in the current round: the person the decision counts for. */
export function approvedThisRound(input: ProgressInput, step: number): Set<string> {
  const out = new Set<string>();
  for (const d of input.decisions) if (d.step === step && d.decision === 'approve' && d.signedAt >= input.routedAt) out.add(d.onBehalfOf ?? d.userId);
  return out;
}

/** N of M: how many have signed the step and how many must (any: 1; all/会签: every candidate). */
export function stepTally(input: ProgressInput, step: number): { signed: number; required: number; complete: boolean; pending: Person[] } {
  const routeStep = input.steps[step];
  const signed = approvedThisRound(input, step);
  if (!routeStep) return { signed: 0, required: 0, complete: false, pending: [] };
  const candidates = stepCandidates(input, step);
  if (routeStep.mode === 'any') {
    return { signed: signed.size, required: 1, complete: signed.size >= 1, pending: signed.size >= 1 ? [] : candidates };
  }
  const pending = candidates.filter((p) => !signed.has(p.id));
  const required = new Set([...candidates.map((p) => p.id), ...signed]).size;
  return { signed: signed.size, required, complete: signed.size >= 1 && pending.length === 0, pending };
}

/**
 * May `signer` decide the current step now, and for whom? R10 refusals come first (they are
 * audited), then "not your step". A delegate stands in for a candidate who has not signed yet.
 */
export function checkSigner(input: ProgressInput, signer: Person): SignCheck {
  const step = input.currentStep;
  const routeStep = input.steps[step];
  if (!routeStep) return { ok: false, code: 'APPROVAL_STATE_INVALID', message: '该事项已走完审批路线，不在审批中' };
  if (signer.disabled) return { ok: false, code: 'NOT_AN_APPROVER', message: '账户已停用，不能审批' };
  const refusal = separationRefusal(signer, step, input);
  if (refusal) return { ok: false, code: 'SEPARATION_OF_DUTIES', message: refusal };
  const signed = approvedThisRound(input, step);
  const unitId = stepUnitId(routeStep, input);
  const holdsRole = signer.unitId === unitId && signer.roles.includes(routeStep.role);
  if (holdsRole) {
    if (signed.has(signer.id)) return { ok: false, code: 'APPROVAL_STATE_INVALID', message: `您已签署本步骤（${routeStep.label}，${STEP_MODE_LABELS[routeStep.mode]}），无需重复签署` };
    return { ok: true, onBehalfOf: null };
  }
  let delegatorRefusal: string | null = null;
  for (const d of input.delegations) {
    if (d.toUserId !== signer.id || d.role !== routeStep.role) continue;
    const from = input.people.find((p) => p.id === d.fromUserId);
    // a delegation only ever joins colleagues of one office (delegation-store.ts checks it when made)
    if (!from || from.disabled || from.unitId !== unitId || from.unitId !== signer.unitId || !from.roles.includes(routeStep.role) || signed.has(from.id)) continue;
    const refused = separationRefusal(from, step, input, true);
    if (refused) {
      delegatorRefusal = refused;
      continue;
    }
    return { ok: true, onBehalfOf: from };
  }
  if (delegatorRefusal) return { ok: false, code: 'SEPARATION_OF_DUTIES', message: delegatorRefusal };
  const scopeText = routeStep.scope === 'own' ? '申请单位' : '申请单位的上级单位';
  return { ok: false, code: 'NOT_AN_APPROVER', message: `当前步骤“${routeStep.label}”由${scopeText}的${ROLE_LABELS[routeStep.role]}审批，您不是该步骤的审批人，也没有相应的审批委托` };
}

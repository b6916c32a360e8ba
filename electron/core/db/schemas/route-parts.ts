import { APPROVER_ROLES, STEP_MODES, STEP_SCOPES } from '../../../../shared/domain/approval';
import { boundedInteger, enumOf, ID, text, TIMESTAMP } from './schema-parts';

/** Longest route a table may produce; real routes have two to four steps. */
export const MAX_ROUTE_STEPS = 20;

/** One step of an approval route (shared/domain/approval.ts RouteStep). */
export const ROUTE_STEP = {
  type: 'object',
  properties: {
    role: enumOf(APPROVER_ROLES),
    scope: enumOf(STEP_SCOPES),
    mode: enumOf(STEP_MODES),
    label: text(40, 1),
  },
  required: ['role', 'scope', 'mode', 'label'],
  additionalProperties: false,
} as const;

export const ROUTE_STEPS = { type: 'array', items: ROUTE_STEP, minItems: 1, maxItems: MAX_ROUTE_STEPS } as const;

/**
 * The route pinned on a request or contract change when it is submitted (ApprovalRoute); null
 * while it is a draft that has not been routed yet.
 */
export const NULLABLE_ROUTE = {
  type: ['object', 'null'],
  properties: {
    decisionTableId: ID,
    decisionTableVersion: boundedInteger(1, 1_000_000),
    routedAt: TIMESTAMP,
    steps: ROUTE_STEPS,
    currentStep: boundedInteger(0, MAX_ROUTE_STEPS),
  },
  required: ['decisionTableId', 'decisionTableVersion', 'routedAt', 'steps', 'currentStep'],
  additionalProperties: false,
} as const;

import { docTypeField, type EntitySchema } from './entity-schema';
import {
  APPROVAL_SUBJECTS,
  DECISION_INPUTS,
  HIT_POLICIES,
  type ApprovalSubject,
  type DecisionInput,
  type HitPolicy,
  type RouteStep,
} from '../../../../shared/domain/approval';
import { ROUTE_STEPS } from './route-parts';
import { boundedInteger, DOCUMENT_HEADER, enumOf, HEADER_REQUIRED, text, TIMESTAMP, type DocumentHeader } from './schema-parts';

/** An input column: which fact of the request it tests. */
export interface DecisionTableInput {
  input: DecisionInput;
  label: string;
}

/** A row: one FEEL unary test per input column ("-" matches anything), and the route it yields. */
export interface DecisionTableRule {
  id: string;
  when: string[];
  steps: RouteStep[];
  note: string;
}

/**
 * 审批规则 (DMN-style decision table). Each version is its own immutable document; a new version
 * applies from `activeFrom`, and requests pin the version they were routed with.
 */
export interface DecisionTableDoc extends DocumentHeader {
  docType: 'decisionTable';
  subject: ApprovalSubject;
  version: number;
  name: string;
  inputs: DecisionTableInput[];
  rules: DecisionTableRule[];
  hitPolicy: HitPolicy;
  activeFrom: number;
}

export const decisionTableSchema: EntitySchema<DecisionTableDoc> = {
  docType: 'decisionTable',
  description: '审批规则（决策表，版本不可修改）：按金额、项目类型、资金来源、款项类型决定审批路线',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('decisionTable'),
    subject: enumOf(APPROVAL_SUBJECTS),
    version: boundedInteger(1, 1_000_000),
    name: text(60, 1),
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        properties: { input: enumOf(DECISION_INPUTS), label: text(40, 1) },
        required: ['input', 'label'],
        additionalProperties: false,
      },
      minItems: 1,
      maxItems: DECISION_INPUTS.length,
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: text(36, 1),
          when: { type: 'array', items: text(200, 1), minItems: 1, maxItems: DECISION_INPUTS.length },
          steps: ROUTE_STEPS,
          note: text(200),
        },
        required: ['id', 'when', 'steps', 'note'],
        additionalProperties: false,
      },
      minItems: 1,
      maxItems: 500,
    },
    hitPolicy: enumOf(HIT_POLICIES),
    activeFrom: TIMESTAMP,
  },
  required: [...HEADER_REQUIRED, 'docType', 'subject', 'version', 'name', 'inputs', 'rules', 'hitPolicy', 'activeFrom'],
  // the table in force for a subject at a time; a pinned version
  indexes: [['subject', 'activeFrom'], ['subject', 'version']],
};

import { docTypeField, type EntitySchema } from './entity-schema';
import { MILESTONE_DUE_RULES, MILESTONE_STATUSES, type MilestoneDueRule, type MilestoneStatus } from '../../../../shared/domain/contract';
import { MILESTONE_KINDS, type MilestoneKind } from '../../../../shared/domain/payment-kind';
import {
  BASIS_POINTS,
  boundedInteger,
  DATE,
  DOCUMENT_HEADER,
  enumOf,
  HEADER_REQUIRED,
  ID,
  NULLABLE_DATE,
  text,
  type DocumentHeader,
} from './schema-parts';

/** 付款节点: one contractual payment point; drives reminders (R1, R5) and caps (R3–R5). */
export interface MilestoneDoc extends DocumentHeader {
  docType: 'milestone';
  contractId: string;
  /** order within the contract, from 1 */
  seq: number;
  name: string;
  kind: MilestoneKind;
  /** share of the contract amount (advance, settlement, retention) or of the certified value (progress) */
  ratio: number;
  dueRule: MilestoneDueRule;
  /** days after acceptance when dueRule is afterAcceptance, else null */
  dueDays: number | null;
  /** 验收日期 once known */
  acceptedAt: string | null;
  /** computed due date; left out while unknown so the reminder index can hold it */
  dueDate?: string;
  status: MilestoneStatus;
}

export const milestoneSchema: EntitySchema<MilestoneDoc> = {
  docType: 'milestone',
  description: '付款节点：合同约定的预付款、进度款、结算款、质保金节点，比例以基点计，驱动到期提醒',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('milestone'),
    contractId: ID,
    seq: boundedInteger(1, 1000),
    name: text(60, 1),
    kind: enumOf(MILESTONE_KINDS),
    ratio: BASIS_POINTS,
    dueRule: enumOf(MILESTONE_DUE_RULES),
    dueDays: { type: ['integer', 'null'], minimum: 0, maximum: 365 },
    acceptedAt: NULLABLE_DATE,
    dueDate: DATE,
    status: enumOf(MILESTONE_STATUSES),
  },
  required: [...HEADER_REQUIRED, 'docType', 'contractId', 'seq', 'name', 'kind', 'ratio', 'dueRule', 'dueDays', 'acceptedAt', 'status'],
  // a contract's schedule in order; overdue / near-due reminders (open, dueDate ≤ day)
  indexes: [['contractId', 'seq'], ['status', 'dueDate']],
};

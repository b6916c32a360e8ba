import { docTypeField, type EntitySchema } from './entity-schema';
import type { ApprovalRoute } from '../../../../shared/domain/approval';
import type { MilestoneTerm } from '../../../../shared/contracts/contract-rules';
import { MILESTONE_KINDS } from '../../../../shared/domain/payment-kind';
import {
  MILESTONE_DUE_RULES,
  CONTRACT_CHANGE_KINDS,
  CONTRACT_CHANGE_STATUSES,
  type ContractChangeKind,
  type ContractChangeStatus,
} from '../../../../shared/domain/contract';
import { NULLABLE_ROUTE } from './route-parts';
import {
  BASIS_POINTS,
  boundedInteger,
  DOCUMENT_HEADER,
  enumOf,
  HEADER_REQUIRED,
  ID,
  ID_LIST,
  NULLABLE_DATE,
  NULLABLE_SM3_HASH,
  POSITIVE_MONEY,
  text,
  TIMESTAMP,
  type DocumentHeader,
} from './schema-parts';

/**
 * The contract terms a change may touch; `before` and `after` both hold all of them. The end date
 * and the milestone schedule were added after version 0 (optional: absent = not changed).
 */
export interface ContractTerms {
  amount: number;
  paymentTermDays: number;
  labourShare: number;
  retentionRate: number;
  endDate?: string | null;
  milestones?: MilestoneTerm[];
}

/** 合同变更/补充协议: approved → the contract moves from `fromVersion` to `fromVersion + 1`. */
export interface ContractChangeDoc extends DocumentHeader {
  docType: 'contractChange';
  contractId: string;
  kind: ContractChangeKind;
  /** the contract version the change was drafted against; a stale change cannot be applied */
  fromVersion: number;
  before: ContractTerms;
  after: ContractTerms;
  reason: string;
  status: ContractChangeStatus;
  route: ApprovalRoute | null;
  /** SM3 of the signed supplementary agreement, null until filed */
  documentHash: string | null;
  /* added after version 0 (optional; the seed writes none): */
  /** the contract version this change produced, once applied */
  toVersion?: number;
  /** the signed approval decisions (records) that approved it: who signed the change */
  decisionIds?: string[];
  appliedAt?: number;
  /** the attachment of the signed supplementary agreement */
  attachmentId?: string;
}

const MILESTONE_TERM = {
  type: 'object',
  properties: {
    name: text(60, 1),
    kind: enumOf(MILESTONE_KINDS),
    ratio: BASIS_POINTS,
    dueRule: enumOf(MILESTONE_DUE_RULES),
    dueDays: { type: ['integer', 'null'], minimum: 0, maximum: 365 },
    dueDate: NULLABLE_DATE,
  },
  required: ['name', 'kind', 'ratio', 'dueRule', 'dueDays', 'dueDate'],
  additionalProperties: false,
} as const;

const CONTRACT_TERMS = {
  type: 'object',
  properties: {
    amount: POSITIVE_MONEY,
    paymentTermDays: boundedInteger(0, 365),
    labourShare: BASIS_POINTS,
    retentionRate: BASIS_POINTS,
    endDate: NULLABLE_DATE,
    milestones: { type: 'array', items: MILESTONE_TERM, maxItems: 50 },
  },
  required: ['amount', 'paymentTermDays', 'labourShare', 'retentionRate'],
  additionalProperties: false,
} as const;

export const contractChangeSchema: EntitySchema<ContractChangeDoc> = {
  docType: 'contractChange',
  description: '合同变更/补充协议：变更前后的合同条款、理由和审批路线，批准后合同版本加一',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('contractChange'),
    contractId: ID,
    kind: enumOf(CONTRACT_CHANGE_KINDS),
    fromVersion: boundedInteger(1, 10_000),
    before: CONTRACT_TERMS,
    after: CONTRACT_TERMS,
    reason: text(500, 1),
    status: enumOf(CONTRACT_CHANGE_STATUSES),
    route: NULLABLE_ROUTE,
    documentHash: NULLABLE_SM3_HASH,
    toVersion: boundedInteger(2, 10_000),
    decisionIds: ID_LIST,
    appliedAt: TIMESTAMP,
    attachmentId: ID,
  },
  required: [...HEADER_REQUIRED, 'docType', 'contractId', 'kind', 'fromVersion', 'before', 'after', 'reason', 'status', 'route', 'documentHash'],
  // a contract's change history; the approval inbox by status
  indexes: [['contractId', 'status'], ['status', 'createdAt']],
};

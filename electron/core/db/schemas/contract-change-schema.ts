import { docTypeField, type EntitySchema } from './entity-schema';
import type { ApprovalRoute } from '../../../../shared/domain/approval';
import {
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
  NULLABLE_SM3_HASH,
  POSITIVE_MONEY,
  text,
  type DocumentHeader,
} from './schema-parts';

/** The contract terms a change may touch; `before` and `after` both hold all of them. */
export interface ContractTerms {
  amount: number;
  paymentTermDays: number;
  labourShare: number;
  retentionRate: number;
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
}

const CONTRACT_TERMS = {
  type: 'object',
  properties: {
    amount: POSITIVE_MONEY,
    paymentTermDays: boundedInteger(0, 365),
    labourShare: BASIS_POINTS,
    retentionRate: BASIS_POINTS,
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
  },
  required: [...HEADER_REQUIRED, 'docType', 'contractId', 'kind', 'fromVersion', 'before', 'after', 'reason', 'status', 'route', 'documentHash'],
  // a contract's change history; the approval inbox by status
  indexes: [['contractId', 'status'], ['status', 'createdAt']],
};

import { docTypeField, type EntitySchema } from './entity-schema';
import { CONTRACT_STATUSES, type ContractStatus } from '../../../../shared/domain/contract';
import {
  BASIS_POINTS,
  boundedInteger,
  DOCUMENT_HEADER,
  enumOf,
  HEADER_REQUIRED,
  ID,
  NULLABLE_DATE,
  NULLABLE_SM3_HASH,
  POSITIVE_MONEY,
  text,
  type DocumentHeader,
} from './schema-parts';

/**
 * 合同. `amount` and the payment terms change only through an approved ContractChange, which
 * raises `version`; payments are capped by the current amount (invariant 3).
 */
export interface ContractDoc extends DocumentHeader {
  docType: 'contract';
  /** 合同编号 */
  code: string;
  name: string;
  projectId: string;
  counterpartyId: string;
  /** current contract amount in 分 */
  amount: number;
  /** 签订日期; null while a draft */
  signedAt: string | null;
  /** agreed payment term in days after acceptance (R1: at most 60 for an SME supplier) */
  paymentTermDays: number;
  /** 人工费用占比 in basis points (R6); 0 for contracts without labour */
  labourShare: number;
  /** 质量保证金比例 in basis points (R5: at most 300 by default) */
  retentionRate: number;
  status: ContractStatus;
  /** 1 when signed; each approved change adds one */
  version: number;
  /** SM3 of the signed contract document (attachment), null until it is filed */
  documentHash: string | null;
}

export const contractSchema: EntitySchema<ContractDoc> = {
  docType: 'contract',
  description: '合同：项目与收款单位之间的合同，含合同金额（分）、人工费占比与质保金比例（基点）、版本号',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('contract'),
    code: text(50, 1),
    name: text(100, 1),
    projectId: ID,
    counterpartyId: ID,
    amount: POSITIVE_MONEY,
    signedAt: NULLABLE_DATE,
    paymentTermDays: boundedInteger(0, 365),
    labourShare: BASIS_POINTS,
    retentionRate: BASIS_POINTS,
    status: enumOf(CONTRACT_STATUSES),
    version: boundedInteger(1, 10_000),
    documentHash: NULLABLE_SM3_HASH,
  },
  required: [
    ...HEADER_REQUIRED,
    'docType',
    'code',
    'name',
    'projectId',
    'counterpartyId',
    'amount',
    'signedAt',
    'paymentTermDays',
    'labourShare',
    'retentionRate',
    'status',
    'version',
    'documentHash',
  ],
  // a project's contracts; a counterparty's contracts (SME reports); the code lookup
  indexes: [['projectId', 'status'], ['counterpartyId', 'status'], ['unitId', 'code']],
};

import { docTypeField, type EntitySchema } from './entity-schema';
import { CONTRACT_STATUSES, type ContractStatus } from '../../../../shared/domain/contract';
import { CONTRACT_CATEGORIES, type ContractCategory } from '../../../../shared/contracts/contract-category';
import {
  BASIS_POINTS,
  boundedInteger,
  DATE,
  DOCUMENT_HEADER,
  enumOf,
  HEADER_REQUIRED,
  ID,
  NULLABLE_DATE,
  SM2_PUBLIC_KEY,
  SM2_SIGNATURE,
  SM3_HASH,
  TIMESTAMP,
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
  /*
   * Added after version 0, so optional: the demo seed writes none of them, and the contract
   * service reads an absent one as "not recorded" (category: contracts/contract-category.ts).
   */
  /** what the contract buys: decides R6 */
  category?: ContractCategory;
  /** the budget line the contract was signed against (R7) */
  budgetLineId?: string;
  /** 合同截止日期 (planned completion) */
  endDate?: string;
  /** who recorded the signing */
  signedBy?: string;
  /** the archived signed document and the office's SM2 countersignature over its SM3 */
  document?: ContractDocumentSeal;
}

/** The e-signed contract file as archived: where it is, and the office's countersignature. */
export interface ContractDocumentSeal {
  attachmentId: string;
  fileName: string;
  /** SM3 of the file (equals documentHash) */
  sm3: string;
  /** the contract version the document was countersigned for (part of the signed statement) */
  contractVersion: number;
  /** SM2 signature of the countersigned statement (see contracts/contract-document.ts) */
  signature: string;
  signerPublicKey: string;
  /** the installation whose key countersigned */
  signerDeviceId: string;
  archivedAt: number;
  archivedBy: string;
}

const DOCUMENT_SEAL = {
  type: 'object',
  properties: {
    attachmentId: ID,
    fileName: text(255, 1),
    sm3: SM3_HASH,
    contractVersion: boundedInteger(1, 10_000),
    signature: SM2_SIGNATURE,
    signerPublicKey: SM2_PUBLIC_KEY,
    signerDeviceId: ID,
    archivedAt: TIMESTAMP,
    archivedBy: ID,
  },
  required: ['attachmentId', 'fileName', 'sm3', 'contractVersion', 'signature', 'signerPublicKey', 'signerDeviceId', 'archivedAt', 'archivedBy'],
  additionalProperties: false,
} as const;

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
    category: enumOf(CONTRACT_CATEGORIES),
    budgetLineId: ID,
    endDate: DATE,
    signedBy: ID,
    document: DOCUMENT_SEAL,
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

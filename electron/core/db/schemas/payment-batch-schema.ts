import { docTypeField, type EntitySchema } from './entity-schema';
import {
  BATCH_STATUSES,
  DISBURSEMENT_ADAPTERS,
  type BatchStatus,
  type DisbursementAdapter,
} from '../../../../shared/domain/disbursement';
import {
  DOCUMENT_HEADER,
  enumOf,
  HEADER_REQUIRED,
  ID_LIST,
  MONEY,
  NULLABLE_ID,
  NULLABLE_SM3_HASH,
  NULLABLE_TIMESTAMP,
  text,
  type DocumentHeader,
} from './schema-parts';

/**
 * 支付批次: approved requests sent out together. Released at most once (invariant 7): the release
 * is keyed by `idempotencyKey`, and `payloadHash` fixes exactly what was sent.
 */
export interface PaymentBatchDoc extends DocumentHeader {
  docType: 'paymentBatch';
  batchNo: string;
  adapter: DisbursementAdapter;
  requestIds: string[];
  /** Σ of the batch's instructions, 分 */
  totalAmount: number;
  /** made when the batch is drafted; the adapter refuses a second release with the same key */
  idempotencyKey: string;
  status: BatchStatus;
  /** SM3 of the payload handed to the adapter; null until released */
  payloadHash: string | null;
  releasedAt: number | null;
  releasedBy: string | null;
}

export const paymentBatchSchema: EntitySchema<PaymentBatchDoc> = {
  docType: 'paymentBatch',
  description: '支付批次：一批已审批申请的拨付，幂等键保证只发送一次，载荷哈希锁定发送内容',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('paymentBatch'),
    batchNo: text(32, 1),
    adapter: enumOf(DISBURSEMENT_ADAPTERS),
    requestIds: { ...ID_LIST, minItems: 1 },
    totalAmount: MONEY,
    idempotencyKey: text(64, 16),
    status: enumOf(BATCH_STATUSES),
    payloadHash: NULLABLE_SM3_HASH,
    releasedAt: NULLABLE_TIMESTAMP,
    releasedBy: NULLABLE_ID,
  },
  required: [
    ...HEADER_REQUIRED,
    'docType',
    'batchNo',
    'adapter',
    'requestIds',
    'totalAmount',
    'idempotencyKey',
    'status',
    'payloadHash',
    'releasedAt',
    'releasedBy',
  ],
  // the cashier's queue by status; the duplicate-release check by key
  indexes: [['status', 'createdAt'], ['idempotencyKey']],
};

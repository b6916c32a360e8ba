import { docTypeField, type EntitySchema } from './entity-schema';
import {
  INSTRUCTION_PURPOSES,
  INSTRUCTION_STATUSES,
  type InstructionPurpose,
  type InstructionStatus,
} from '../../../../shared/domain/disbursement';
import {
  DOCUMENT_HEADER,
  ENCRYPTED,
  enumOf,
  HEADER_REQUIRED,
  ID,
  LAST4,
  NULLABLE_TIMESTAMP,
  POSITIVE_MONEY,
  SM3_HASH,
  text,
  type DocumentHeader,
} from './schema-parts';

/**
 * 支付指令: one transfer of a batch. A works payment gives two (R6): the contractor's part and the
 * labour-cost part to the wage account. The payee account is copied, encrypted, at batching time
 * so a later edit of the counterparty cannot redirect money already approved.
 */
export interface PaymentInstructionDoc extends DocumentHeader {
  docType: 'paymentInstruction';
  batchId: string;
  requestId: string;
  purpose: InstructionPurpose;
  payeeName: string;
  payeeBankName: string;
  payeeAccountEnc: string;
  payeeAccountLast4: string;
  amount: number;
  /** sent to the bank as the end-to-end id, so a retried send cannot pay twice */
  idempotencyKey: string;
  status: InstructionStatus;
  /** SM3 of the instruction as sent */
  payloadHash: string;
  sentAt: number | null;
  /** the bank receipt it was reconciled with; left out until matched (indexed: one receipt, one instruction) */
  receiptId?: string;
}

export const paymentInstructionSchema: EntitySchema<PaymentInstructionDoc> = {
  docType: 'paymentInstruction',
  description: '支付指令：批次中的单笔转账（工程款或农民工工资），收款账号以SM4密文保存，幂等键防止重复支付',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('paymentInstruction'),
    batchId: ID,
    requestId: ID,
    purpose: enumOf(INSTRUCTION_PURPOSES),
    payeeName: text(100, 1),
    payeeBankName: text(60, 1),
    payeeAccountEnc: ENCRYPTED,
    payeeAccountLast4: LAST4,
    amount: POSITIVE_MONEY,
    idempotencyKey: text(64, 16),
    status: enumOf(INSTRUCTION_STATUSES),
    payloadHash: SM3_HASH,
    sentAt: NULLABLE_TIMESTAMP,
    receiptId: ID,
  },
  required: [
    ...HEADER_REQUIRED,
    'docType',
    'batchId',
    'requestId',
    'purpose',
    'payeeName',
    'payeeBankName',
    'payeeAccountEnc',
    'payeeAccountLast4',
    'amount',
    'idempotencyKey',
    'status',
    'payloadHash',
    'sentAt',
  ],
  indexes: [['batchId', 'status'], ['requestId', 'status'], ['idempotencyKey'], ['receiptId'], ['status', 'createdAt']],
};

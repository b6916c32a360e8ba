import { docTypeField, type EntitySchema } from './entity-schema';
import { RECEIPT_DIRECTIONS, type ReceiptDirection } from '../../../../shared/domain/disbursement';
import {
  DATE,
  DOCUMENT_HEADER,
  ENCRYPTED,
  enumOf,
  HEADER_REQUIRED,
  ID,
  LAST4,
  POSITIVE_MONEY,
  SM3_HASH,
  text,
  type DocumentHeader,
} from './schema-parts';

/**
 * 银行回单, append-only: imported as the bank sent it. Matching to an instruction is recorded on
 * the instruction (`receiptId`), so the receipt itself never changes.
 */
export interface BankReceiptDoc extends DocumentHeader {
  docType: 'bankReceipt';
  /** set at import when the bank echoed our end-to-end id; otherwise left out */
  instructionId?: string;
  direction: ReceiptDirection;
  amount: number;
  /** the counter-party account of the movement, encrypted */
  accountEnc: string;
  accountLast4: string;
  accountName: string;
  /** the bank's own reference; a second import of the same receipt is refused by it */
  bankRef: string;
  valueDate: string;
  /** SM3 of the raw receipt (camt.054 message or file line) as imported */
  rawHash: string;
}

export const bankReceiptSchema: EntitySchema<BankReceiptDoc> = {
  docType: 'bankReceipt',
  description: '银行回单（只增不改）：银行返回的付款或退汇记录，含金额（分）、起息日、原始报文哈希',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('bankReceipt'),
    instructionId: ID,
    direction: enumOf(RECEIPT_DIRECTIONS),
    amount: POSITIVE_MONEY,
    accountEnc: ENCRYPTED,
    accountLast4: LAST4,
    accountName: text(100, 1),
    bankRef: text(64, 1),
    valueDate: DATE,
    rawHash: SM3_HASH,
  },
  required: [...HEADER_REQUIRED, 'docType', 'direction', 'amount', 'accountEnc', 'accountLast4', 'accountName', 'bankRef', 'valueDate', 'rawHash'],
  // duplicate import check; reconciliation by instruction; the receipts of a day
  indexes: [['bankRef'], ['instructionId'], ['valueDate', 'createdAt']],
};

import { docTypeField, type EntitySchema } from './entity-schema';
import { DATE, DOCUMENT_HEADER, HEADER_REQUIRED, ID, MONEY, PERIOD, text, type DocumentHeader } from './schema-parts';

/** One line of a voucher: debit and credit are separate non-negative amounts (one of them 0). */
export interface LedgerLine {
  /** 会计科目 code */
  subject: string;
  debit: number;
  credit: number;
}

/**
 * 记账凭证分录, append-only (R9). A correction is a new entry with `reversesId` pointing at the
 * original (红字冲销 shown as swapped debit/credit), so no amount is ever negative or edited.
 */
export interface LedgerEntryDoc extends DocumentHeader {
  docType: 'ledgerEntry';
  /** 凭证号 */
  voucherNo: string;
  /** 会计期间 YYYY-MM; debits equal credits per period (invariant 6) */
  period: string;
  entryDate: string;
  /** 摘要 */
  summary: string;
  lines: LedgerLine[];
  /** left out for entries that belong to no project / contract (indexed) */
  projectId?: string;
  contractId?: string;
  /** the request the entry books, when there is one */
  requestId?: string;
  /** the entry this one reverses (indexed: an entry is reversed at most once) */
  reversesId?: string;
}

const LEDGER_LINE = {
  type: 'object',
  properties: {
    subject: { ...text(32, 1), pattern: '^[0-9A-Za-z.-]+$' },
    debit: MONEY,
    credit: MONEY,
  },
  required: ['subject', 'debit', 'credit'],
  additionalProperties: false,
} as const;

export const ledgerEntrySchema: EntitySchema<LedgerEntryDoc> = {
  docType: 'ledgerEntry',
  description: '记账凭证分录（只增不改）：凭证号、会计期间、借贷分录（分），更正以红字冲销分录指向原分录',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('ledgerEntry'),
    voucherNo: text(32, 1),
    period: PERIOD,
    entryDate: DATE,
    summary: text(200, 1),
    lines: { type: 'array', items: LEDGER_LINE, minItems: 2, maxItems: 200 },
    projectId: ID,
    contractId: ID,
    requestId: ID,
    reversesId: ID,
  },
  required: [...HEADER_REQUIRED, 'docType', 'voucherNo', 'period', 'entryDate', 'summary', 'lines'],
  indexes: [
    // a voucher's entries; a period's vouchers in order (trial balance, invariant 6)
    ['voucherNo'],
    ['period', 'voucherNo'],
    // 台账 by contract and by project
    ['contractId', 'entryDate'],
    ['projectId', 'entryDate'],
    // what a request booked; whether an entry was already reversed
    ['requestId'],
    ['reversesId'],
  ],
};

import { docTypeField, type EntitySchema } from './entity-schema';
import {
  DOCUMENT_HEADER,
  ENCRYPTED,
  HEADER_REQUIRED,
  LAST4,
  NULLABLE_ENCRYPTED,
  NULLABLE_LAST4,
  text,
  type DocumentHeader,
} from './schema-parts';

/**
 * 收款单位. Account numbers exist here only SM4-encrypted (`…Enc`); the last four digits are kept
 * apart so lists can show a masked number without decrypting anything.
 */
export interface CounterpartyDoc extends DocumentHeader {
  docType: 'counterparty';
  name: string;
  /** 统一社会信用代码 (validated by shared/validators/uscc.ts before saving) */
  uscc: string;
  /** 中小企业: R1 payment terms apply */
  isSme: boolean;
  bankName: string;
  bankAccountEnc: string;
  bankAccountLast4: string;
  /** 农民工工资专用账户 (R6); null for suppliers of goods and services */
  wageBankName: string | null;
  wageAccountEnc: string | null;
  wageAccountLast4: string | null;
}

const NULLABLE_BANK_NAME = { type: ['string', 'null'], maxLength: 60 } as const;

export const counterpartySchema: EntitySchema<CounterpartyDoc> = {
  docType: 'counterparty',
  description: '收款单位：名称、统一社会信用代码、是否中小企业；银行账号与农民工工资专户仅以SM4密文保存',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('counterparty'),
    name: text(100, 1),
    uscc: { type: 'string', minLength: 18, maxLength: 18 },
    isSme: { type: 'boolean' },
    bankName: text(60, 1),
    bankAccountEnc: ENCRYPTED,
    bankAccountLast4: LAST4,
    wageBankName: NULLABLE_BANK_NAME,
    wageAccountEnc: NULLABLE_ENCRYPTED,
    wageAccountLast4: NULLABLE_LAST4,
  },
  required: [
    ...HEADER_REQUIRED,
    'docType',
    'name',
    'uscc',
    'isSme',
    'bankName',
    'bankAccountEnc',
    'bankAccountLast4',
    'wageBankName',
    'wageAccountEnc',
    'wageAccountLast4',
  ],
  // the duplicate check by credit code (per office); the picker by name
  indexes: [['unitId', 'uscc'], ['unitId', 'name']],
};

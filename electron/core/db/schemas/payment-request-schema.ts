import { docTypeField, type EntitySchema } from './entity-schema';
import type { ApprovalRoute } from '../../../../shared/domain/approval';
import { PAYMENT_KINDS, type PaymentKind } from '../../../../shared/domain/payment-kind';
import { REQUEST_STATUSES, type RequestStatus } from '../../../../shared/domain/payment-request-status';
import { NULLABLE_ROUTE } from './route-parts';
import {
  DOCUMENT_HEADER,
  enumOf,
  HEADER_REQUIRED,
  ID,
  ID_LIST,
  MONEY,
  NULLABLE_ID,
  NULLABLE_TIMESTAMP,
  POSITIVE_MONEY,
  text,
  type DocumentHeader,
} from './schema-parts';

/** R2: the undisputed part is paid even while another part is disputed. */
export interface DisputeSplit {
  undisputedAmount: number;
  disputedAmount: number;
  disputeReason: string;
}

/** 支付申请: moves through the states of shared/domain/payment-request-status.ts. */
export interface PaymentRequestDoc extends DocumentHeader {
  docType: 'paymentRequest';
  /** 申请编号 a person can quote */
  requestNo: string;
  contractId: string;
  budgetLineId: string;
  /** the milestone this request pays, when it pays one */
  milestoneId: string | null;
  kind: PaymentKind;
  /** requested amount, 分 */
  amount: number;
  /** R6: the labour-cost part that goes to the wage account, 分 (≤ amount) */
  labourAmount: number;
  /** 用途/摘要 (what the money is for, as the approval sheet shows it) */
  description: string;
  /** 全电发票号码, 20 digits each; each may be paid once province-wide (invariant 4) */
  invoiceNos: string[];
  attachmentIds: string[];
  /** who files and answers for the request; may never approve it (R10) */
  applicantId: string;
  status: RequestStatus;
  route: ApprovalRoute | null;
  split: DisputeSplit | null;
  submittedAt: number | null;
}

const DISPUTE_SPLIT = {
  type: ['object', 'null'],
  properties: {
    undisputedAmount: MONEY,
    disputedAmount: POSITIVE_MONEY,
    disputeReason: text(500, 1),
  },
  required: ['undisputedAmount', 'disputedAmount', 'disputeReason'],
  additionalProperties: false,
} as const;

export const paymentRequestSchema: EntitySchema<PaymentRequestDoc> = {
  docType: 'paymentRequest',
  description: '支付申请：按合同和预算指标申请付款，含款项类型、金额（分）、发票号、附件、状态和固定版本的审批路线',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('paymentRequest'),
    requestNo: text(32, 1),
    contractId: ID,
    budgetLineId: ID,
    milestoneId: NULLABLE_ID,
    kind: enumOf(PAYMENT_KINDS),
    amount: POSITIVE_MONEY,
    labourAmount: MONEY,
    description: text(500),
    invoiceNos: { type: 'array', items: { type: 'string', maxLength: 20, pattern: '^[0-9]{20}$' }, uniqueItems: true, maxItems: 200 },
    attachmentIds: ID_LIST,
    applicantId: ID,
    status: enumOf(REQUEST_STATUSES),
    route: NULLABLE_ROUTE,
    split: DISPUTE_SPLIT,
    submittedAt: NULLABLE_TIMESTAMP,
  },
  required: [
    ...HEADER_REQUIRED,
    'docType',
    'requestNo',
    'contractId',
    'budgetLineId',
    'milestoneId',
    'kind',
    'amount',
    'labourAmount',
    'description',
    'invoiceNos',
    'attachmentIds',
    'applicantId',
    'status',
    'route',
    'split',
    'submittedAt',
  ],
  indexes: [
    // budget check: what is reserved / paid on a line
    ['budgetLineId', 'status'],
    // a contract's requests (invariant 3, R3–R5 caps); also serves contractId alone
    ['contractId', 'status'],
    // the approval inbox and lists, oldest first
    ['status', 'createdAt'],
    // "my requests"
    ['applicantId', 'status'],
  ],
};

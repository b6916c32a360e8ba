/** How a batch leaves the office: bank file/API, the treasury's 国库集中支付 system, or by hand. */
export const DISBURSEMENT_ADAPTERS = ['bank', 'treasury', 'manual'] as const;
export type DisbursementAdapter = (typeof DISBURSEMENT_ADAPTERS)[number];

export const DISBURSEMENT_ADAPTER_LABELS: Record<DisbursementAdapter, string> = {
  bank: '银行',
  treasury: '国库集中支付',
  manual: '手工支付',
};

/** 支付批次状态. A batch is released exactly once (invariant 7). */
export const BATCH_STATUSES = ['draft', 'released', 'completed', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BATCH_STATUS_LABELS: Record<BatchStatus, string> = {
  draft: '待发送',
  released: '已发送',
  completed: '已完成',
  cancelled: '已作废',
};

/** 支付指令状态. */
export const INSTRUCTION_STATUSES = ['pending', 'sent', 'paid', 'returned', 'failed', 'cancelled'] as const;
export type InstructionStatus = (typeof INSTRUCTION_STATUSES)[number];

export const INSTRUCTION_STATUS_LABELS: Record<InstructionStatus, string> = {
  pending: '待发送',
  sent: '已发送',
  paid: '已支付',
  returned: '已退汇',
  failed: '失败',
  cancelled: '已作废',
};

/** R6: each works payment is split into the contractor's part and the labour-cost part. */
export const INSTRUCTION_PURPOSES = ['contractor', 'wage'] as const;
export type InstructionPurpose = (typeof INSTRUCTION_PURPOSES)[number];

export const INSTRUCTION_PURPOSE_LABELS: Record<InstructionPurpose, string> = {
  contractor: '工程款',
  wage: '农民工工资',
};

/** A receipt records money going out, or coming back (退汇). */
export const RECEIPT_DIRECTIONS = ['debit', 'credit'] as const;
export type ReceiptDirection = (typeof RECEIPT_DIRECTIONS)[number];

export const RECEIPT_DIRECTION_LABELS: Record<ReceiptDirection, string> = {
  debit: '付款',
  credit: '退汇/收款',
};

import { allocationSchema, type AllocationDoc } from './allocation-schema';
import { approvalDecisionSchema, type ApprovalDecisionDoc } from './approval-decision-schema';
import { attachmentSchema, type AttachmentDoc } from './attachment-schema';
import { bankReceiptSchema, type BankReceiptDoc } from './bank-receipt-schema';
import { budgetLineSchema, type BudgetLineDoc } from './budget-line-schema';
import { contractChangeSchema, type ContractChangeDoc } from './contract-change-schema';
import { contractSchema, type ContractDoc } from './contract-schema';
import { counterpartySchema, type CounterpartyDoc } from './counterparty-schema';
import { decisionTableSchema, type DecisionTableDoc } from './decision-table-schema';
import { composeCollectionSchema, type EntitySchema } from './entity-schema';
import { ledgerEntrySchema, type LedgerEntryDoc } from './ledger-entry-schema';
import { milestoneSchema, type MilestoneDoc } from './milestone-schema';
import { paymentBatchSchema, type PaymentBatchDoc } from './payment-batch-schema';
import { paymentInstructionSchema, type PaymentInstructionDoc } from './payment-instruction-schema';
import { paymentRequestSchema, type PaymentRequestDoc } from './payment-request-schema';
import { progressCertificateSchema, type ProgressCertificateDoc } from './progress-certificate-schema';
import { projectSchema, type ProjectDoc } from './project-schema';
import { riskAlertSchema, type RiskAlertDoc } from './risk-alert-schema';

/*
 * The domain entities of DOMAIN.md in five collections (see entity-schema.ts for why not one
 * each): grouped by capability, and the never-changing records apart from everything mutable,
 * because that decides conflicts in sync and the append-only guard (R9).
 */

/** 项目与预算: projects, budget lines and their allocations (the budget check reads them together). */
export type ProjectsDoc = ProjectDoc | BudgetLineDoc | AllocationDoc;
export const projectsSchemaV0 = composeCollectionSchema<ProjectsDoc>({
  title: 'projects',
  description: '项目与预算：项目、预算指标、额度分配（按 docType 区分）',
  version: 0,
  members: [projectSchema, budgetLineSchema, allocationSchema],
});

/** 合同: counterparties, contracts and what hangs off a contract. */
export type ContractsDoc = CounterpartyDoc | ContractDoc | ContractChangeDoc | MilestoneDoc | ProgressCertificateDoc;
export const contractsSchemaV0 = composeCollectionSchema<ContractsDoc>({
  title: 'contracts',
  description: '合同：收款单位、合同、合同变更、付款节点、计量/进度确认（按 docType 区分）',
  version: 0,
  members: [counterpartySchema, contractSchema, contractChangeSchema, milestoneSchema, progressCertificateSchema],
});

/** 支付申请与资金拨付: the mutable life of a payment, from request to instruction. */
export type PaymentsDoc = PaymentRequestDoc | PaymentBatchDoc | PaymentInstructionDoc;
export const paymentsSchemaV0 = composeCollectionSchema<PaymentsDoc>({
  title: 'payments',
  description: '支付申请与资金拨付：支付申请、支付批次、支付指令（按 docType 区分）',
  version: 0,
  members: [paymentRequestSchema, paymentBatchSchema, paymentInstructionSchema],
});

/** 风险预警. */
export type RiskAlertsDoc = RiskAlertDoc;
export const riskAlertsSchemaV0 = composeCollectionSchema<RiskAlertsDoc>({
  title: 'riskalerts',
  description: '风险预警：检测规则产生的预警及其处置记录',
  version: 0,
  members: [riskAlertSchema],
});

/**
 * Records that never change once written: signed decisions, bank receipts, ledger entries,
 * attachment metadata (content-addressed) and decision-table versions. The whole collection is
 * append-only, so sync never has to resolve a conflict in it.
 */
export type RecordsDoc = ApprovalDecisionDoc | BankReceiptDoc | LedgerEntryDoc | AttachmentDoc | DecisionTableDoc;
export const recordsSchemaV0 = composeCollectionSchema<RecordsDoc>({
  title: 'records',
  description: '只增不改的记录：审批意见、银行回单、记账凭证分录、附件元数据、审批规则版本（按 docType 区分）',
  version: 0,
  members: [approvalDecisionSchema, bankReceiptSchema, ledgerEntrySchema, attachmentSchema, decisionTableSchema],
});

/** Where each entity lives, for code that works per entity (sync checks, evidence export). */
export const DOC_TYPE_COLLECTIONS = {
  project: 'projects',
  budgetLine: 'projects',
  allocation: 'projects',
  counterparty: 'contracts',
  contract: 'contracts',
  contractChange: 'contracts',
  milestone: 'contracts',
  progressCertificate: 'contracts',
  paymentRequest: 'payments',
  paymentBatch: 'payments',
  paymentInstruction: 'payments',
  riskAlert: 'riskalerts',
  approvalDecision: 'records',
  bankReceipt: 'records',
  ledgerEntry: 'records',
  attachment: 'records',
  decisionTable: 'records',
} as const;

export type DocType = keyof typeof DOC_TYPE_COLLECTIONS;

/** The document type of each entity, by docType. */
export interface EntityDocs {
  project: ProjectDoc;
  budgetLine: BudgetLineDoc;
  allocation: AllocationDoc;
  counterparty: CounterpartyDoc;
  contract: ContractDoc;
  contractChange: ContractChangeDoc;
  milestone: MilestoneDoc;
  progressCertificate: ProgressCertificateDoc;
  paymentRequest: PaymentRequestDoc;
  paymentBatch: PaymentBatchDoc;
  paymentInstruction: PaymentInstructionDoc;
  riskAlert: RiskAlertDoc;
  approvalDecision: ApprovalDecisionDoc;
  bankReceipt: BankReceiptDoc;
  ledgerEntry: LedgerEntryDoc;
  attachment: AttachmentDoc;
  decisionTable: DecisionTableDoc;
}

/**
 * Narrows a document read from a shared collection to one entity, e.g.
 * `docs.map((d) => d.toJSON()).filter((d) => isDocOfType(d, 'paymentRequest'))`.
 */
export function isDocOfType<T extends DocType>(doc: { readonly docType: string }, docType: T): doc is EntityDocs[T] {
  return doc.docType === docType;
}

/** The entity schema of each docType (the exact rules of its branch). */
export const ENTITY_SCHEMAS = {
  project: projectSchema,
  budgetLine: budgetLineSchema,
  allocation: allocationSchema,
  counterparty: counterpartySchema,
  contract: contractSchema,
  contractChange: contractChangeSchema,
  milestone: milestoneSchema,
  progressCertificate: progressCertificateSchema,
  paymentRequest: paymentRequestSchema,
  paymentBatch: paymentBatchSchema,
  paymentInstruction: paymentInstructionSchema,
  riskAlert: riskAlertSchema,
  approvalDecision: approvalDecisionSchema,
  bankReceipt: bankReceiptSchema,
  ledgerEntry: ledgerEntrySchema,
  attachment: attachmentSchema,
  decisionTable: decisionTableSchema,
} as const satisfies { readonly [K in DocType]: EntitySchema<EntityDocs[K]> };

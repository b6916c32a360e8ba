import type { AttachmentView } from '../../../shared/api/methods/attachment-methods';
import type { RequestListItem, RequestView } from '../../../shared/api/methods/payment-methods';
import { FUND_SOURCE_LABELS } from '../../../shared/domain/fund-source';
import { toChineseCapitals } from '../../../shared/money';
import { isAttachmentPurpose } from '../../../shared/payments/evidence';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { GovPayDatabase } from '../db/database';
import type {
  AttachmentDoc,
  BudgetLineDoc,
  ContractDoc,
  CounterpartyDoc,
  MilestoneDoc,
  PaymentRequestDoc,
  ProjectDoc,
  UserDoc,
} from '../db/schemas';

export function budgetLineLabel(line: Pick<BudgetLineDoc, 'year' | 'subjectCode' | 'fundSource'>): string {
  return `${line.year} 年 · 科目 ${line.subjectCode} · ${FUND_SOURCE_LABELS[line.fundSource]}`;
}

export function attachmentView(doc: AttachmentDoc, store: AttachmentStore): AttachmentView {
  return {
    id: doc.id,
    unitId: doc.unitId,
    name: doc.name,
    mimeType: doc.mimeType,
    size: doc.size,
    sm3: doc.sm3,
    purpose: isAttachmentPurpose(doc.purpose) ? doc.purpose : null,
    createdAt: doc.createdAt,
    createdBy: doc.createdBy,
    hasFile: store.hasFile(doc),
  };
}

async function mapById<T extends { id: string }>(
  db: GovPayDatabase,
  collection: 'projects' | 'contracts' | 'records' | 'users',
  ids: Iterable<string>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)].filter((id) => id.length > 0);
  const out = new Map<string, T>();
  if (unique.length === 0) return out;
  const found = await db[collection].findByIds(unique).exec();
  for (const [id, doc] of found) out.set(id, doc.toJSON() as unknown as T);
  return out;
}

/**
 * Builds the views the renderer sees from request documents: names instead of ids, the 大写
 * amount, the attachments' metadata. One batched lookup per related collection, so a page of
 * 100 requests costs a handful of reads, not hundreds.
 */
export class RequestViews {
  constructor(
    private readonly db: GovPayDatabase,
    private readonly store: AttachmentStore,
  ) {}

  async full(docs: readonly PaymentRequestDoc[]): Promise<RequestView[]> {
    const contracts = await mapById<ContractDoc>(this.db, 'contracts', docs.map((d) => d.contractId));
    const [projects, lines, milestones, counterparties, attachments, users] = await Promise.all([
      mapById<ProjectDoc>(this.db, 'projects', [...contracts.values()].map((c) => c.projectId)),
      mapById<BudgetLineDoc>(this.db, 'projects', docs.map((d) => d.budgetLineId)),
      mapById<MilestoneDoc>(this.db, 'contracts', docs.flatMap((d) => (d.milestoneId ? [d.milestoneId] : []))),
      mapById<CounterpartyDoc>(this.db, 'contracts', [...contracts.values()].map((c) => c.counterpartyId)),
      mapById<AttachmentDoc>(this.db, 'records', docs.flatMap((d) => d.attachmentIds)),
      mapById<UserDoc>(this.db, 'users', docs.map((d) => d.applicantId)),
    ]);
    return docs.map((d) => {
      const contract = contracts.get(d.contractId);
      const project = contract ? projects.get(contract.projectId) : undefined;
      const line = lines.get(d.budgetLineId);
      return {
        id: d.id,
        unitId: d.unitId,
        requestNo: d.requestNo,
        contractId: d.contractId,
        contractCode: contract?.code ?? '',
        contractName: contract?.name ?? '（合同不存在）',
        counterpartyName: (contract && counterparties.get(contract.counterpartyId)?.name) ?? '',
        projectId: contract?.projectId ?? d.contractId,
        projectName: project?.name ?? '',
        budgetLineId: d.budgetLineId,
        budgetLineLabel: line ? budgetLineLabel(line) : '',
        milestoneId: d.milestoneId,
        milestoneName: d.milestoneId ? (milestones.get(d.milestoneId)?.name ?? null) : null,
        kind: d.kind,
        amount: d.amount,
        amountCapitals: toChineseCapitals(d.amount),
        labourAmount: d.labourAmount,
        description: d.description,
        invoiceNos: [...d.invoiceNos],
        attachments: d.attachmentIds.flatMap((id) => {
          const a = attachments.get(id);
          return a ? [attachmentView(a, this.store)] : [];
        }),
        applicantId: d.applicantId,
        applicantName: users.get(d.applicantId)?.name ?? '',
        status: d.status,
        route: d.route ? { ...d.route, steps: d.route.steps.map((s) => ({ ...s })) } : null,
        submittedAt: d.submittedAt,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      };
    });
  }

  async list(docs: readonly PaymentRequestDoc[]): Promise<RequestListItem[]> {
    const contracts = await mapById<ContractDoc>(this.db, 'contracts', docs.map((d) => d.contractId));
    const [projects, users] = await Promise.all([
      mapById<ProjectDoc>(this.db, 'projects', [...contracts.values()].map((c) => c.projectId)),
      mapById<UserDoc>(this.db, 'users', docs.map((d) => d.applicantId)),
    ]);
    return docs.map((d) => {
      const contract = contracts.get(d.contractId);
      const step = d.status === 'submitted' && d.route ? d.route.steps[d.route.currentStep] : undefined;
      return {
        id: d.id,
        requestNo: d.requestNo,
        contractId: d.contractId,
        contractCode: contract?.code ?? '',
        contractName: contract?.name ?? '',
        projectName: (contract && projects.get(contract.projectId)?.name) ?? '',
        kind: d.kind,
        amount: d.amount,
        status: d.status,
        applicantId: d.applicantId,
        applicantName: users.get(d.applicantId)?.name ?? '',
        submittedAt: d.submittedAt,
        updatedAt: d.updatedAt,
        currentStepLabel: step?.label ?? null,
      };
    });
  }
}

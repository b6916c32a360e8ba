import { tightenContractPolicy, type ContractPolicy } from '../../../shared/contracts';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../api/handler-types';
import type { GovPayDatabase } from '../db/database';
import { isDocOfType, type ContractsDoc, type EntityDocs } from '../db/schemas';
import { requireScope } from './contract-access';

type ContractDocType = 'counterparty' | 'contract' | 'contractChange' | 'milestone' | 'progressCertificate';

/** Reads one document of the contracts collection, checked for its type and the actor's scope. */
export async function loadInScope<T extends ContractDocType>(db: GovPayDatabase, docType: T, id: string, actor: Actor, field = 'id'): Promise<EntityDocs[T]> {
  const found = await db.contracts.findOne(id).exec();
  const doc = found ? (found.toMutableJSON() as ContractsDoc) : null;
  if (!doc || !isDocOfType(doc, docType)) throw new AppError('NOT_FOUND', `${LABELS[docType]}不存在`, field);
  requireScope(actor, doc.unitId);
  return doc;
}

const LABELS: Record<ContractDocType, string> = {
  counterparty: '收款单位',
  contract: '合同',
  contractChange: '合同变更',
  milestone: '付款节点',
  progressCertificate: '计量/进度确认',
};

/** Every document of one type matching a selector (docType is added here). */
export async function findOfType<T extends ContractDocType>(db: GovPayDatabase, docType: T, selector: Record<string, unknown>): Promise<EntityDocs[T][]> {
  const docs = await db.contracts.find({ selector: { docType, ...selector } }).exec();
  return docs.map((d) => d.toMutableJSON() as ContractsDoc).filter((d): d is EntityDocs[T] => isDocOfType(d, docType));
}

/** Patches a stored document (the caller holds the unit of work). */
export async function patchDoc(db: GovPayDatabase, id: string, changes: Partial<ContractsDoc>): Promise<void> {
  const stored = await db.contracts.findOne(id).exec();
  if (!stored) throw new AppError('NOT_FOUND');
  await stored.incrementalPatch(changes);
}

/** The contract rules' numbers in force: settings may only tighten the defaults. */
export async function contractPolicy(db: GovPayDatabase): Promise<ContractPolicy> {
  const stored = await db.settings.findOne('contractPolicy').exec();
  return tightenContractPolicy(stored?.value as Partial<ContractPolicy> | undefined);
}

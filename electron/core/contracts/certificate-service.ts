import { certificateViolations } from '../../../shared/contracts';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { formatFen } from '../../../shared/money';
import { runAtomically } from '../app/unit-of-work';
import type { Actor } from '../api/handler-types';
import { isDocOfType, type ProgressCertificateDoc } from '../db/schemas';
import { auditActor, CONTRACT_WRITERS, requireRole } from './contract-access';
import { throwFirst } from './contract-drafts';
import type { ContractDeps } from './contract-ports';
import { findOfType, loadInScope, patchDoc } from './contract-records';

export interface CertificateInput {
  contractId: string;
  period: string;
  certifiedValue: number;
  certifiedAt: string;
  certifiedByName: string;
  attachmentIds: string[];
}

/**
 * 计量/进度确认. The project lead records what the supervisor (监理) or tracking auditor certified,
 * with the scanned certificate; the project lead or finance confirms it, and only confirmed ones
 * cap progress payments (R4, PAYMENTS). Cumulative values only grow and stay within the current
 * contract amount, so the cap can never exceed what was agreed.
 */
export class CertificateService {
  constructor(private readonly deps: ContractDeps) {}

  async list(actor: Actor, contractId: string): Promise<ProgressCertificateDoc[]> {
    await loadInScope(this.deps.db, 'contract', contractId, actor, 'contractId');
    const docs = await findOfType(this.deps.db, 'progressCertificate', { contractId });
    return docs.sort((a, b) => a.period.localeCompare(b.period));
  }

  async record(actor: Actor, input: CertificateInput): Promise<ProgressCertificateDoc> {
    requireRole(actor, ['projectLead']);
    const { db, lock, audit, clock } = this.deps;
    return runAtomically(lock, db, async () => {
      const contract = await loadInScope(db, 'contract', input.contractId, actor, 'contractId');
      if (contract.status !== 'active' && contract.status !== 'completed') {
        throw new AppError('CONTRACT_STATE_INVALID', '只有履行中或已完工的合同可以登记计量确认', 'contractId');
      }
      await this.assertAttachments(input.attachmentIds, contract.unitId);
      const live = (await findOfType(db, 'progressCertificate', { contractId: contract.id })).filter((c) => c.status !== 'revoked');
      const previous = live.sort((a, b) => b.period.localeCompare(a.period))[0] ?? null;
      throwFirst(certificateViolations(input, previous, contract.amount));
      const now = clock.now();
      const doc: ProgressCertificateDoc = {
        id: newId(),
        unitId: contract.unitId,
        createdBy: actor.user.id,
        createdAt: now,
        updatedAt: now,
        docType: 'progressCertificate',
        contractId: contract.id,
        period: input.period,
        certifiedValue: input.certifiedValue,
        cumulativeCertified: (previous?.cumulativeCertified ?? 0) + input.certifiedValue,
        certifiedAt: input.certifiedAt,
        certifiedByName: input.certifiedByName,
        attachmentIds: input.attachmentIds,
        status: 'draft',
      };
      await db.contracts.insert(doc);
      await audit.appendLocked({
        unitId: contract.unitId,
        actor: auditActor(actor),
        action: 'certificate.record',
        entity: 'progressCertificate',
        entityId: doc.id,
        summary: `登记计量确认 ${contract.code} ${input.period}：本期 ${formatFen(input.certifiedValue)}，累计 ${formatFen(doc.cumulativeCertified)}`,
        payload: doc,
      });
      return doc;
    });
  }

  private async assertAttachments(ids: readonly string[], unitId: string): Promise<void> {
    for (const [i, id] of ids.entries()) {
      const found = (await this.deps.db.records.findOne(id).exec())?.toJSON();
      if (!found || !isDocOfType(found, 'attachment') || found.unitId !== unitId) {
        throw new AppError('NOT_FOUND', '附件不存在，请重新上传计量确认单', `attachmentIds.${i}`);
      }
    }
  }

  /** Confirms the earliest draft only, so the confirmed values follow each other without gaps. */
  async confirm(actor: Actor, certificateId: string): Promise<ProgressCertificateDoc> {
    requireRole(actor, CONTRACT_WRITERS);
    const { db, lock, audit, clock } = this.deps;
    return runAtomically(lock, db, async () => {
      const cert = await loadInScope(db, 'progressCertificate', certificateId, actor, 'certificateId');
      if (cert.status !== 'draft') throw new AppError('CERTIFICATE_INVALID', '只有草稿状态的计量确认可以确认', 'certificateId');
      const earlier = (await findOfType(db, 'progressCertificate', { contractId: cert.contractId, status: 'draft' })).filter((c) => c.period < cert.period);
      if (earlier.length > 0) throw new AppError('CERTIFICATE_INVALID', `请先确认更早的计量期（${earlier.map((c) => c.period).sort().join('、')}）`, 'certificateId');
      const contract = await loadInScope(db, 'contract', cert.contractId, actor, 'contractId');
      if (cert.cumulativeCertified > contract.amount) {
        throw new AppError('CERTIFICATE_INVALID', `累计确认产值 ${formatFen(cert.cumulativeCertified)} 超过现行合同金额 ${formatFen(contract.amount)}`, 'certificateId');
      }
      const now = clock.now();
      await patchDoc(db, certificateId, { status: 'confirmed', updatedAt: now });
      await audit.appendLocked({
        unitId: cert.unitId,
        actor: auditActor(actor),
        action: 'certificate.confirm',
        entity: 'progressCertificate',
        entityId: certificateId,
        summary: `确认计量 ${contract.code} ${cert.period}：累计确认产值 ${formatFen(cert.cumulativeCertified)}`,
        payload: { certificateId, contractId: contract.id, cumulativeCertified: cert.cumulativeCertified },
      });
      return { ...cert, status: 'confirmed', updatedAt: now };
    });
  }
}

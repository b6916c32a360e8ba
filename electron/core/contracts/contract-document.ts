import { sm2Sign, sm2Verify, sm3Hex } from '../../../shared/crypto';
import { AppError } from '../../../shared/errors';
import { runAtomically } from '../app/unit-of-work';
import type { Actor } from '../api/handler-types';
import type { ContractDocumentSeal, ContractDoc } from '../db/schemas';
import { auditActor, CONTRACT_WRITERS, requireRole } from './contract-access';
import type { ContractDeps } from './contract-ports';
import { loadInScope, patchDoc } from './contract-records';

/** The signed contract is the e-signing platform's PDF or OFD (版式文件), nothing else. */
const DOCUMENT_TYPES = new Set(['application/pdf', 'application/ofd']);

/**
 * What the office countersigns: the file's SM3 bound to the contract, its version and the office,
 * so the signature cannot be moved to another contract or another version of this one.
 */
export function countersignStatement(contract: Pick<ContractDoc, 'id' | 'code' | 'unitId' | 'version'>, sm3: string): string {
  return ['govpay-contract-document/1', contract.unitId, contract.id, contract.code, `v${contract.version}`, sm3].join('|');
}

export interface DocumentCheck {
  hashMatches: boolean;
  signatureValid: boolean;
  signerIsThisDevice: boolean;
  sm3: string;
  checkedAt: number;
}

/**
 * 合同正本归档. The file is kept by PAYMENTS' attachment store (content-addressed by SM3); here
 * its SM3 is recorded on the contract and countersigned with the office's SM2 key.
 *
 * Which key: the unit (office) has no SM2 key of its own in this product; the installation key
 * of device/device-identity.ts is the key of the office's desktop and already signs the office's
 * audit chain, and a user's key would say "this person" rather than "this office". So the device
 * key countersigns, and its public key and device id are recorded with the signature, so anyone
 * (the provincial server, an auditor on another desktop) can verify it without this machine.
 */
export class ContractDocuments {
  constructor(private readonly deps: ContractDeps) {}

  async archive(actor: Actor, contractId: string, attachmentId: string): Promise<ContractDocumentSeal> {
    requireRole(actor, CONTRACT_WRITERS);
    const { db, lock, audit, clock, device } = this.deps;
    const contract = await loadInScope(db, 'contract', contractId, actor, 'contractId');
    if (contract.status === 'draft') throw new AppError('CONTRACT_STATE_INVALID', '合同登记签订后才能归档合同正本', 'contractId');
    if (contract.document) throw new AppError('CONTRACT_STATE_INVALID', `合同正本已于此前归档（SM3 ${contract.document.sm3.slice(0, 16)}…），不能替换`, 'attachmentId');
    const { doc, bytes } = await this.deps.attachments().read(attachmentId, actor);
    if (!DOCUMENT_TYPES.has(doc.mimeType)) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', '合同正本须为电子签章平台出具的 PDF 或 OFD 文件', 'attachmentId');
    const sm3 = sm3Hex(bytes);
    if (sm3 !== doc.sm3) throw new AppError('CONTRACT_DOCUMENT_INVALID', '附件内容与其登记的 SM3 不符，请重新上传', 'attachmentId');
    return runAtomically(lock, db, async () => {
      const current = await loadInScope(db, 'contract', contractId, actor, 'contractId');
      if (current.document) throw new AppError('CONTRACT_STATE_INVALID', '合同正本已归档', 'attachmentId');
      const statement = countersignStatement(current, sm3);
      const now = clock.now();
      const seal: ContractDocumentSeal = {
        attachmentId: doc.id,
        fileName: doc.name,
        sm3,
        contractVersion: current.version,
        signature: sm2Sign(statement, device.privateKey, { publicKey: device.publicKey }),
        signerPublicKey: device.publicKey,
        signerDeviceId: device.deviceId,
        archivedAt: now,
        archivedBy: actor.user.id,
      };
      await patchDoc(db, contractId, { documentHash: sm3, document: seal, updatedAt: now });
      await audit.appendLocked({
        unitId: current.unitId,
        actor: auditActor(actor),
        action: 'contract.archiveDocument',
        entity: 'contract',
        entityId: contractId,
        summary: `归档合同正本 ${current.code}“${doc.name}”，SM3 ${sm3.slice(0, 16)}…，本单位SM2会签`,
        payload: { contractId, version: current.version, attachmentId: doc.id, sm3, statement, signature: seal.signature, signerPublicKey: seal.signerPublicKey },
      });
      return seal;
    });
  }

  /** Reads the file again, hashes it, and checks the countersignature. */
  async verify(actor: Actor, contractId: string): Promise<DocumentCheck> {
    const contract = await loadInScope(this.deps.db, 'contract', contractId, actor, 'contractId');
    const seal = contract.document;
    if (!seal) throw new AppError('NOT_FOUND', '该合同尚未归档合同正本', 'contractId');
    const sm3 = await this.currentHash(seal.attachmentId, actor);
    const statement = countersignStatement({ ...contract, version: seal.contractVersion }, seal.sm3);
    return {
      hashMatches: sm3 === seal.sm3 && seal.sm3 === contract.documentHash,
      signatureValid: sm2Verify(statement, seal.signature, seal.signerPublicKey),
      signerIsThisDevice: seal.signerPublicKey === this.deps.device.publicKey,
      sm3,
      checkedAt: this.deps.clock.now(),
    };
  }

  /** SM3 of the file as stored now; '' when the store itself finds it altered (it refuses to read it). */
  private async currentHash(attachmentId: string, actor: Actor): Promise<string> {
    try {
      const { bytes } = await this.deps.attachments().read(attachmentId, actor);
      return sm3Hex(bytes);
    } catch (error) {
      if (error instanceof AppError && error.code === 'INTEGRITY_CHECK_FAILED') return '';
      throw error;
    }
  }
}

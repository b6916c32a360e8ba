import { bytesToHex } from '../../../shared/crypto';
import { sm3Fast } from '../../../shared/crypto/sm3-fast';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { checkAttachment, detectContentKind } from '../../../shared/payments/attachment-types';
import { ATTACHMENT_PURPOSE_LABELS, isAttachmentPurpose } from '../../../shared/payments/evidence';
import type { Actor } from '../api/handler-types';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../app/clock';
import { runAtomically } from '../app/unit-of-work';
import type { WriteLock } from '../app/write-lock';
import type { GovPayDatabase } from '../db/database';
import type { AttachmentDoc } from '../db/schemas';
import { ContentFiles } from './content-files';

export type { AttachmentDoc };

export interface SaveAttachmentInput {
  unitId: string;
  bytes: Uint8Array;
  fileName: string;
  /** what the sender said the type is; the stored type is the one the content proves */
  mediaType: string;
  /** shared/payments/evidence.ts ATTACHMENT_PURPOSES */
  purpose: string;
  actor: Actor;
}

export interface AttachmentStoreDeps {
  db: GovPayDatabase;
  lock: WriteLock;
  audit: AuditLog;
  clock: Clock;
  dataDir: string;
}

/**
 * A person-typed file name, made safe to show and to keep: no folders (a name is never a path),
 * no control characters, at most 255 characters keeping the extension.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (clean.length <= 255) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, 255 - ext.length) + ext;
}

/**
 * 附件 store (issue 4 item 4; used by payment requests and by CONTRACTS for the signed contract).
 * Bytes are content-addressed by SM3 (ContentFiles); the metadata is an `attachment` document
 * in `records` (append-only), written with its audit event in one unit of work, so the evidence
 * chain names every file by the hash of its content.
 *
 * The file is written BEFORE the metadata transaction: if that transaction fails, an unreferenced
 * but complete file remains, which is harmless (the next upload of the same content reuses it);
 * the reverse order could leave metadata pointing at nothing.
 */
export class AttachmentStore {
  readonly files: ContentFiles;

  constructor(private readonly deps: AttachmentStoreDeps) {
    this.files = new ContentFiles(deps.dataDir);
  }

  async save(input: SaveAttachmentInput): Promise<AttachmentDoc> {
    const { actor } = input;
    if (!actor.scopeUnitIds.includes(input.unitId)) throw new AppError('OUT_OF_SCOPE', undefined, 'unitId');
    const purpose = input.purpose;
    if (!isAttachmentPurpose(purpose)) {
      throw new AppError('VALIDATION_FAILED', `附件用途不正确，只能是：${Object.values(ATTACHMENT_PURPOSE_LABELS).join('、')}`, 'purpose');
    }
    const name = cleanFileName(input.fileName);
    if (name.length === 0) throw new AppError('VALIDATION_FAILED', '附件缺少文件名', 'fileName');
    const check = checkAttachment(name, input.bytes.length, detectContentKind(input.bytes));
    if (!check.ok) throw new AppError(check.code, check.message, 'file');

    const sm3 = bytesToHex(sm3Fast(input.bytes));
    this.files.put(sm3, input.bytes);
    const { db, lock, audit, clock } = this.deps;
    return runAtomically(lock, db, async () => {
      // Same content, name and purpose in the same office: the metadata already exists.
      const existing = await db.records
        .findOne({ selector: { docType: 'attachment', sm3, unitId: input.unitId, name, purpose: input.purpose } })
        .exec();
      if (existing) return existing.toMutableJSON() as AttachmentDoc;
      const now = clock.now();
      const doc: AttachmentDoc = {
        id: newId(),
        unitId: input.unitId,
        createdBy: actor.user.id,
        createdAt: now,
        updatedAt: now,
        docType: 'attachment',
        sm3,
        name,
        mimeType: check.mediaType,
        size: input.bytes.length,
        purpose,
      };
      await db.records.insert(doc);
      await audit.appendLocked({
        unitId: input.unitId,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'attachment.save',
        entity: 'attachment',
        entityId: doc.id,
        summary: `上传附件“${name}”（${ATTACHMENT_PURPOSE_LABELS[purpose]}，${input.bytes.length} 字节，SM3 ${sm3.slice(0, 12)}…）`,
        payload: { id: doc.id, sm3, name, size: doc.size, mimeType: doc.mimeType, purpose: input.purpose },
      });
      return doc;
    });
  }

  /** The metadata of one attachment the actor may see. */
  async get(id: string, actor: Actor): Promise<AttachmentDoc> {
    const found = await this.deps.db.records.findOne(id).exec();
    const doc = found?.toMutableJSON() as (AttachmentDoc & { docType: string }) | undefined;
    if (!doc || doc.docType !== 'attachment') throw new AppError('NOT_FOUND', '附件不存在', 'attachmentId');
    if (!actor.scopeUnitIds.includes(doc.unitId)) throw new AppError('OUT_OF_SCOPE', undefined, 'attachmentId');
    return doc;
  }

  /** Metadata of several attachments, in the order asked; any unknown or foreign id is refused. */
  async getMany(ids: readonly string[], actor: Actor, field = 'attachmentIds'): Promise<AttachmentDoc[]> {
    if (ids.length === 0) return [];
    const found = await this.deps.db.records.findByIds([...ids]).exec();
    return ids.map((id) => {
      const doc = found.get(id)?.toMutableJSON() as (AttachmentDoc & { docType: string }) | undefined;
      if (!doc || doc.docType !== 'attachment') throw new AppError('NOT_FOUND', `附件 ${id} 不存在`, field);
      if (!actor.scopeUnitIds.includes(doc.unitId)) throw new AppError('OUT_OF_SCOPE', undefined, field);
      return doc;
    });
  }

  /** The whole file, checked against its SM3 (a damaged file is refused, never served). */
  async read(id: string, actor: Actor): Promise<{ doc: AttachmentDoc; bytes: Uint8Array }> {
    const doc = await this.get(id, actor);
    const bytes = this.files.get(doc.sm3);
    if (!bytes) throw new AppError('NOT_FOUND', `附件“${doc.name}”的文件不在本机（只有登记信息）`, 'attachmentId');
    if (bytesToHex(sm3Fast(bytes)) !== doc.sm3) {
      throw new AppError('INTEGRITY_CHECK_FAILED', `附件“${doc.name}”的文件内容与登记的 SM3 不符，文件可能已损坏或被篡改`, 'attachmentId');
    }
    return { doc, bytes };
  }

  /** Part of the file for the renderer's download / preview, which must not be one message. */
  async readChunk(id: string, offset: number, length: number, actor: Actor): Promise<{ doc: AttachmentDoc; bytes: Uint8Array }> {
    const doc = await this.get(id, actor);
    const bytes = this.files.slice(doc.sm3, offset, length);
    if (!bytes) throw new AppError('NOT_FOUND', `附件“${doc.name}”的文件不在本机（只有登记信息）`, 'attachmentId');
    return { doc, bytes };
  }

  /** True when this device holds the file's bytes (seeded evidence has metadata only). */
  hasFile(doc: AttachmentDoc): boolean {
    return this.files.has(doc.sm3, doc.size);
  }
}

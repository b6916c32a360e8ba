import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex } from '../../../shared/crypto';
import { Sm3Hasher } from '../../../shared/crypto/sm3-fast';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { checkNameAndSize } from '../../../shared/payments/attachment-types';
import { isAttachmentPurpose } from '../../../shared/payments/evidence';
import type { Actor } from '../api/handler-types';
import type { Clock } from '../app/clock';
import type { AttachmentDoc, AttachmentStore } from './attachment-store';
import { cleanFileName } from './attachment-store';

/**
 * Raw bytes per chunk. A chunk travels base64-encoded inside one JSON message, and the WebSocket
 * transport refuses frames over 1 MiB (electron/host/ws-binding.ts): 512 KiB becomes ~683 KiB.
 */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
/** An upload nobody continued for this long is dropped with its partial file. */
const UPLOAD_IDLE_MS = 30 * 60_000;
/** Parallel uploads one person may have open (a drop of many files uploads a few at a time). */
const MAX_OPEN_UPLOADS_PER_USER = 16;

interface OpenUpload {
  id: string;
  userId: string;
  unitId: string;
  fileName: string;
  mediaType: string;
  purpose: string;
  size: number;
  received: number;
  hasher: Sm3Hasher;
  path: string;
  touchedAt: number;
}

export interface BeginUpload {
  unitId: string;
  fileName: string;
  mediaType: string;
  purpose: string;
  size: number;
}

/**
 * Upload in pieces (begin → chunk… → finish) because a 50 MB file must not travel as one JSON
 * message. Pieces are appended to a file under attachments/.incoming (not kept in memory) and
 * hashed as they arrive; finish checks the size begin declared and the SM3 the sender computed,
 * so a lost, repeated or altered piece is caught. Then it hands the
 * bytes to AttachmentStore.save, which runs every type and size check again on the content.
 */
export class AttachmentUploads {
  private readonly open = new Map<string, OpenUpload>();

  constructor(
    private readonly store: AttachmentStore,
    private readonly clock: Clock,
  ) {
    // partial files of a previous run can never be finished: their state was in memory
    rmSync(store.files.incoming, { recursive: true, force: true });
  }

  begin(input: BeginUpload, actor: Actor): { uploadId: string; chunkBytes: number } {
    this.sweep();
    if (!actor.scopeUnitIds.includes(input.unitId)) throw new AppError('OUT_OF_SCOPE', undefined, 'unitId');
    if (!isAttachmentPurpose(input.purpose)) throw new AppError('VALIDATION_FAILED', '附件用途不正确', 'purpose');
    const fileName = cleanFileName(input.fileName);
    if (fileName.length === 0) throw new AppError('VALIDATION_FAILED', '附件缺少文件名', 'fileName');
    // refuse a too-large or wrongly named file before a single byte is sent
    const early = checkNameAndSize(fileName, input.size);
    if (early && !early.ok) throw new AppError(early.code, early.message, 'file');
    const mine = [...this.open.values()].filter((u) => u.userId === actor.user.id).length;
    if (mine >= MAX_OPEN_UPLOADS_PER_USER) throw new AppError('CONFLICT', `同时上传的文件不能超过 ${MAX_OPEN_UPLOADS_PER_USER} 个，请等待其他文件上传完成`, 'file');
    mkdirSync(this.store.files.incoming, { recursive: true });
    const id = newId();
    const path = join(this.store.files.incoming, id);
    closeSync(openSync(path, 'wx'));
    this.open.set(id, {
      id,
      userId: actor.user.id,
      unitId: input.unitId,
      fileName,
      mediaType: input.mediaType,
      purpose: input.purpose,
      size: input.size,
      received: 0,
      hasher: new Sm3Hasher(),
      path,
      touchedAt: this.clock.now(),
    });
    return { uploadId: id, chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  chunk(uploadId: string, offset: number, data: Uint8Array, actor: Actor): { received: number } {
    const upload = this.mine(uploadId, actor);
    if (offset !== upload.received) {
      throw new AppError('CONFLICT', `上传片段顺序不正确：应从第 ${upload.received} 字节继续，收到的是第 ${offset} 字节`, 'offset');
    }
    if (data.length === 0 || data.length > UPLOAD_CHUNK_BYTES) throw new AppError('VALIDATION_FAILED', '上传片段大小不正确', 'data');
    if (upload.received + data.length > upload.size) {
      this.drop(upload);
      throw new AppError('ATTACHMENT_HASH_MISMATCH', `附件“${upload.fileName}”收到的内容比声明的 ${upload.size} 字节多，上传已取消`, 'file');
    }
    const fd = openSync(upload.path, 'a');
    try {
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    } finally {
      closeSync(fd);
    }
    upload.hasher.update(data);
    upload.received += data.length;
    upload.touchedAt = this.clock.now();
    return { received: upload.received };
  }

  /** `sm3`: what the sender computed over the whole file while reading it. */
  async finish(uploadId: string, sm3: string, actor: Actor): Promise<AttachmentDoc> {
    const upload = this.mine(uploadId, actor);
    // whatever happens next, this upload is over: a retry starts from begin
    this.drop(upload, false);
    try {
      if (upload.received !== upload.size) {
        throw new AppError('ATTACHMENT_HASH_MISMATCH', `附件“${upload.fileName}”只收到 ${upload.received} / ${upload.size} 字节，上传不完整，请重新上传`, 'file');
      }
      const digest = bytesToHex(upload.hasher.digest());
      if (digest !== sm3.toLowerCase()) {
        throw new AppError('ATTACHMENT_HASH_MISMATCH', `附件“${upload.fileName}”的 SM3 校验不符（收到的内容与发送方计算的不同），未保存，请重新上传`, 'file');
      }
      const bytes = new Uint8Array(readFileSync(upload.path));
      return await this.store.save({
        unitId: upload.unitId,
        bytes,
        fileName: upload.fileName,
        mediaType: upload.mediaType,
        purpose: upload.purpose,
        actor,
      });
    } finally {
      rmSync(upload.path, { force: true });
    }
  }

  cancel(uploadId: string, actor: Actor): void {
    const upload = this.open.get(uploadId);
    if (upload && upload.userId === actor.user.id) this.drop(upload);
  }

  /** Open uploads (tests and diagnostics). */
  count(): number {
    return this.open.size;
  }

  private mine(uploadId: string, actor: Actor): OpenUpload {
    this.sweep();
    const upload = this.open.get(uploadId);
    if (!upload || upload.userId !== actor.user.id) throw new AppError('UPLOAD_NOT_FOUND', undefined, 'uploadId');
    return upload;
  }

  private drop(upload: OpenUpload, removeFile = true): void {
    this.open.delete(upload.id);
    if (removeFile) rmSync(upload.path, { force: true });
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const upload of [...this.open.values()]) if (now - upload.touchedAt > UPLOAD_IDLE_MS) this.drop(upload);
  }
}

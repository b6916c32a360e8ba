import { readdirSync, statSync } from 'node:fs';
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesToHex, hexToBytes } from '../../../shared/crypto';
import { Sm3Hasher } from '../../../shared/crypto/sm3-fast';
import { AppError } from '../../../shared/errors';
import { ContentFiles } from '../attachments/content-files';
import { ATTACHMENT_ENTRY_BYTES, decodeAttachmentEntry, encodeAttachmentEntry } from './backup-format';
import { syncDirectory } from './files';

/**
 * The attachment section of a backup (format in backup-format.ts): the attachment files as one
 * plaintext stream of entries, SM3 (32) ‖ size u64 ‖ bytes, which the writer and reader cut into
 * and collect from ordinary chunks.
 */

export interface AttachmentFile {
  sm3: string;
  size: number;
  path: string;
}

const SM3_NAME = /^[0-9a-f]{64}$/u;
const PREFIX = /^[0-9a-f]{2}$/u;

/**
 * The attachment files to back up, taken from the attachments folder after the snapshot. Files
 * are immutable and named by content, and the store writes a file before the metadata that
 * names it commits, so every file the snapshot references is already here; files uploaded
 * after the snapshot come along too and are harmless (unreferenced, reused by a later upload of
 * the same content). Reading the folder rather than the snapshot's metadata also keeps the
 * seed's metadata-only evidence (no file on any device) from looking like a missing file.
 * Upload scratch (`.incoming`) and half-written temporaries (`.…tmp`) start with a dot and are
 * not attachments; neither is anything whose name is not an SM3 under its first two digits.
 */
export function listAttachmentFiles(dataDir: string): AttachmentFile[] {
  const files = new ContentFiles(dataDir);
  let folders: string[];
  try {
    folders = readdirSync(files.root).filter((name) => PREFIX.test(name));
  } catch {
    return [];
  }
  const out: AttachmentFile[] = [];
  for (const folder of folders) {
    for (const name of readdirSync(join(files.root, folder))) {
      if (!SM3_NAME.test(name) || !name.startsWith(folder)) continue;
      const path = files.pathOf(name);
      const info = statSync(path);
      if (info.isFile()) out.push({ sm3: name, size: info.size, path });
    }
  }
  return out.sort((a, b) => a.sm3.localeCompare(b.sm3));
}

export function attachmentTotals(files: readonly AttachmentFile[]): { count: number; bytes: number } {
  return { count: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) };
}

const damaged = (file: AttachmentFile, detail: string) =>
  new AppError(
    'BACKUP_FAILED',
    `附件文件 ${file.path} ${detail}：文件可能已损坏或被改动，不能放进备份。请用附件原件重新上传，或请技术人员检查该文件后再备份`,
  );

/**
 * Writer side: fills chunk buffers from the stream of entries, reading each file once and
 * checking its SM3 against its name as it goes. A mismatch (or a file that changed size) fails
 * the backup, whose unfinished file is then deleted — a damaged file is never carried.
 */
export class AttachmentPacker {
  private index = 0;
  /** the current entry's header still to emit, or null while emitting its bytes */
  private entryHeader: Uint8Array | null = null;
  private headerAt = 0;
  private handle: FileHandle | null = null;
  private hasher: Sm3Hasher | null = null;
  private remaining = 0;

  constructor(private readonly files: readonly AttachmentFile[]) {}

  private async startEntry(): Promise<void> {
    const file = this.files[this.index]!;
    this.entryHeader = encodeAttachmentEntry(hexToBytes(file.sm3), file.size);
    this.headerAt = 0;
    this.handle = await open(file.path, 'r');
    this.hasher = new Sm3Hasher();
    this.remaining = file.size;
  }

  private async finishEntry(): Promise<void> {
    const file = this.files[this.index]!;
    const extra = await this.handle!.read(Buffer.alloc(1), 0, 1, file.size);
    await this.close();
    if (extra.bytesRead > 0) throw damaged(file, '在备份过程中变大了');
    if (bytesToHex(this.hasher!.digest()) !== file.sm3) throw damaged(file, '的内容与其名称（SM3 校验值）不符');
    this.hasher = null;
    this.entryHeader = null;
    this.index += 1;
  }

  /** Fills `buffer` completely from the stream (the caller asks only for what remains). */
  async fillInto(buffer: Buffer): Promise<Buffer> {
    let done = 0;
    while (done < buffer.length) {
      if (this.index >= this.files.length) throw new Error('attachment stream shorter than its manifest');
      if (this.handle === null) await this.startEntry();
      const file = this.files[this.index]!;
      if (this.entryHeader && this.headerAt < this.entryHeader.length) {
        const take = Math.min(this.entryHeader.length - this.headerAt, buffer.length - done);
        buffer.set(this.entryHeader.subarray(this.headerAt, this.headerAt + take), done);
        this.headerAt += take;
        done += take;
        continue;
      }
      if (this.remaining > 0) {
        const want = Math.min(this.remaining, buffer.length - done);
        const { bytesRead } = await this.handle!.read(buffer, done, want, file.size - this.remaining);
        if (bytesRead === 0) {
          await this.close();
          throw damaged(file, '在备份过程中变小了');
        }
        this.hasher!.update(buffer.subarray(done, done + bytesRead));
        this.remaining -= bytesRead;
        done += bytesRead;
      }
      if (this.remaining === 0) await this.finishEntry();
    }
    // an entry that ends exactly at the buffer's end is checked now, not with the next buffer
    if (this.handle !== null && this.remaining === 0 && this.entryHeader && this.headerAt === this.entryHeader.length) await this.finishEntry();
    return buffer;
  }

  /** True once every file was emitted and checked. */
  finished(): boolean {
    return this.index === this.files.length && this.handle === null;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }
}

const corrupted = (detail: string) => new AppError('BACKUP_CORRUPTED', `备份文件已损坏或被篡改：${detail}，不能使用`);

/**
 * Reader side: collects authenticated, decrypted chunks back into files under `outDir` (the same
 * `<first two>/<sm3>` layout as the attachments folder), or only checks them when `outDir` is
 * null (校验). Every file's SM3 must equal the SM3 its entry names; count and bytes must equal
 * the manifest's.
 */
export class AttachmentUnpacker {
  private readonly entry = new Uint8Array(ATTACHMENT_ENTRY_BYTES);
  private entryFill = 0;
  private current: { sm3: string; size: number; remaining: number; hasher: Sm3Hasher; handle: FileHandle | null; path: string } | null = null;
  private readonly seen = new Set<string>();
  private count = 0;
  private bytes = 0;
  private readonly folders = new Set<string>();

  constructor(
    private readonly expected: { count: number; bytes: number },
    private readonly outDir: string | null,
  ) {}

  async push(plain: Uint8Array): Promise<void> {
    let at = 0;
    while (at < plain.length) {
      if (this.current === null) {
        const take = Math.min(ATTACHMENT_ENTRY_BYTES - this.entryFill, plain.length - at);
        this.entry.set(plain.subarray(at, at + take), this.entryFill);
        this.entryFill += take;
        at += take;
        if (this.entryFill === ATTACHMENT_ENTRY_BYTES) await this.startFile();
        continue;
      }
      const take = Math.min(this.current.remaining, plain.length - at);
      const part = plain.subarray(at, at + take);
      this.current.hasher.update(part);
      if (this.current.handle) await this.current.handle.write(part);
      this.current.remaining -= take;
      at += take;
      if (this.current.remaining === 0) await this.finishFile();
    }
  }

  private async startFile(): Promise<void> {
    const { sm3, size } = decodeAttachmentEntry(this.entry);
    const name = bytesToHex(sm3);
    this.entryFill = 0;
    const number = `第 ${this.count + 1} 个附件（SM3 ${name.slice(0, 12)}…）`;
    if (this.count >= this.expected.count || this.bytes + size > this.expected.bytes) throw corrupted(`${number}超出备份清单记载的附件数或字节数`);
    if (this.seen.has(name)) throw corrupted(`${number}重复出现`);
    this.seen.add(name);
    let handle: FileHandle | null = null;
    let path = '';
    if (this.outDir !== null) {
      const folder = join(this.outDir, name.slice(0, 2));
      if (!this.folders.has(folder)) {
        await mkdir(folder, { recursive: true, mode: 0o700 });
        this.folders.add(folder);
      }
      path = join(folder, name);
      handle = await open(`${path}.part`, 'wx', 0o600);
    }
    this.current = { sm3: name, size, remaining: size, hasher: new Sm3Hasher(), handle, path };
    if (size === 0) await this.finishFile();
  }

  private async finishFile(): Promise<void> {
    const file = this.current!;
    this.current = null;
    if (file.handle) {
      await file.handle.sync();
      await file.handle.close();
    }
    if (bytesToHex(file.hasher.digest()) !== file.sm3) {
      throw corrupted(`第 ${this.count + 1} 个附件的内容与其 SM3 校验值（${file.sm3.slice(0, 12)}…）不符`);
    }
    if (file.handle) await rename(`${file.path}.part`, file.path);
    this.count += 1;
    this.bytes += file.size;
  }

  /** After the last chunk: every entry complete, and as many files and bytes as the manifest says. */
  async finish(): Promise<{ count: number; bytes: number }> {
    if (this.current !== null || this.entryFill > 0) throw corrupted('附件部分的最后一个文件不完整');
    if (this.count !== this.expected.count || this.bytes !== this.expected.bytes) {
      throw corrupted(`附件部分有 ${this.count} 个文件、${this.bytes} 字节，与备份清单记载的 ${this.expected.count} 个、${this.expected.bytes} 字节不符`);
    }
    for (const folder of this.folders) await syncDirectory(join(folder, 'x'));
    if (this.outDir !== null) await syncDirectory(join(this.outDir, 'x'));
    return { count: this.count, bytes: this.bytes };
  }

  /** On failure: closes an open file (the caller removes `outDir`). */
  async abort(): Promise<void> {
    await this.current?.handle?.close().catch(() => undefined);
    this.current = null;
  }
}

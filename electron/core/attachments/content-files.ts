import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../../../shared/ids/uuidv7';

/**
 * The attachment bytes on disk: `<dataDir>/attachments/<first two hex>/<sm3>`. The name is the
 * content's SM3, so a file is written once however often it is uploaded, and a file whose bytes
 * no longer hash to its name is detectably damaged. Writes go to a temporary file that is
 * fsynced and renamed into place, so a crash leaves either no file or the whole file — never a
 * truncated one under a valid-looking name.
 */
export class ContentFiles {
  readonly root: string;
  readonly incoming: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'attachments');
    this.incoming = join(this.root, '.incoming');
  }

  pathOf(sm3: string): string {
    return join(this.root, sm3.slice(0, 2), sm3);
  }

  /** True when a complete file of this hash and size is already stored. */
  has(sm3: string, size: number): boolean {
    const path = this.pathOf(sm3);
    return existsSync(path) && statSync(path).size === size;
  }

  /** Stores `bytes` under `sm3` unless the same content is there already (dedupe). */
  put(sm3: string, bytes: Uint8Array): void {
    if (this.has(sm3, bytes.length)) return;
    const dir = join(this.root, sm3.slice(0, 2));
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `.${sm3}.${newId()}.tmp`);
    const fd = openSync(temp, 'wx');
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(temp, this.pathOf(sm3));
    // the rename itself must survive a power cut: sync the directory entry too
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }

  /** The whole file, or null when this device does not hold it (e.g. seeded metadata only). */
  get(sm3: string): Uint8Array | null {
    const path = this.pathOf(sm3);
    if (!existsSync(path)) return null;
    return new Uint8Array(readFileSync(path));
  }

  /** Part of a file, for downloads that must not travel as one message. */
  slice(sm3: string, offset: number, length: number): Uint8Array | null {
    const path = this.pathOf(sm3);
    if (!existsSync(path)) return null;
    const size = statSync(path).size;
    const end = Math.min(size, offset + length);
    if (offset >= end) return new Uint8Array(0);
    const out = new Uint8Array(end - offset);
    const fd = openSync(path, 'r');
    try {
      let read = 0;
      while (read < out.length) {
        const n = readSync(fd, out, read, out.length - read, offset + read);
        if (n === 0) break;
        read += n;
      }
    } finally {
      closeSync(fd);
    }
    return out;
  }
}


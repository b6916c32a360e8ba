import { closeSync, constants, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { access, mkdir, open, rm, rmdir, stat, statfs, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';

/**
 * Makes a rename durable: on Linux the new directory entry survives a power cut only once the
 * directory itself is fsynced. Where a platform refuses to open a directory (Windows) the rename
 * is as durable as the platform makes it.
 */
export async function syncDirectory(filePath: string): Promise<void> {
  try {
    const handle = await open(dirname(filePath), 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here; nothing more we can do
  }
}

export function syncDirectorySync(filePath: string): void {
  try {
    const fd = openSync(dirname(filePath), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // see syncDirectory
  }
}

/** Renames when the source exists; the sync version runs in createCore before the database opens. */
export function renameIfExists(from: string, to: string): boolean {
  if (!existsSync(from)) return false;
  renameSync(from, to);
  return true;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The folder an administrator typed: absolute, an existing directory, writable (proved by writing
 * and removing a probe file), and not inside the data folder — a backup on the disk it protects
 * is lost with it. Each refusal names the field and says exactly what is wrong.
 */
export async function checkBackupFolder(folder: string, dataDir: string, field = 'folder'): Promise<string> {
  if (!isAbsolute(folder)) {
    throw new AppError('BACKUP_FOLDER_INVALID', `请填写完整的绝对路径（例如 /media/usb/备份），而不是“${folder}”`, field);
  }
  const resolved = resolve(folder);
  if (isInside(resolved, resolve(dataDir))) {
    throw new AppError('BACKUP_FOLDER_INVALID', '备份目录不能位于本机数据目录之内：磁盘损坏时备份会与数据一同丢失', field);
  }
  let info;
  try {
    info = await stat(resolved);
  } catch {
    throw new AppError('BACKUP_FOLDER_INVALID', `备份目录不存在：${resolved}`, field);
  }
  if (!info.isDirectory()) throw new AppError('BACKUP_FOLDER_INVALID', `不是目录：${resolved}`, field);
  const probe = join(resolved, `.govpay-write-test-${randomBytes(6).toString('hex')}`);
  try {
    await access(resolved, constants.W_OK);
    const handle = await open(probe, 'wx', 0o600);
    await handle.close();
  } catch {
    throw new AppError('BACKUP_FOLDER_INVALID', `备份目录不可写（请检查权限或磁盘是否只读）：${resolved}`, field);
  } finally {
    await rm(probe, { force: true });
  }
  return resolved;
}

/** The core's scratch folder for snapshots and decrypted copies, beside the database. */
export async function workFolder(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'backup-work');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

const SHM = '/dev/shm';

/** This installation's folder in shared memory (one per data folder, so two never collide). */
function memoryFolderOf(dataDir: string): string {
  const tag = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(SHM, `govpay-backup-${process.getuid?.() ?? 0}-${tag}`);
}

/**
 * Where the plaintext snapshot goes. On Linux (UOS), shared memory (/dev/shm, a tmpfs) when it
 * has room for the database twice over: the unencrypted copy then never reaches a disk, and no
 * fsync of a file that is deleted seconds later is paid for (about two of the benchmark's ten
 * seconds). Otherwise the scratch folder beside the database, which has the database's own
 * protection. Either way the folder is private (0700) and emptied after every run.
 */
export async function snapshotFolder(dataDir: string, databaseBytes: number): Promise<string> {
  if (process.platform === 'linux' && existsSync(SHM)) {
    try {
      const fs = await statfs(SHM);
      if (fs.bavail * fs.bsize > 2 * databaseBytes + (64 << 20)) {
        const dir = memoryFolderOf(dataDir);
        await mkdir(dir, { recursive: true, mode: 0o700 });
        return dir;
      }
    } catch {
      // fall through to the data folder
    }
  }
  return workFolder(dataDir);
}

/** Removes a scratch copy, and its folder when that is now empty (shared memory is tidied up). */
export async function removeScratch(path: string): Promise<void> {
  await rm(path, { force: true });
  await rmdir(dirname(path)).catch(() => undefined);
}

/** Bytes of the live database including its WAL, to size the snapshot. */
export function databaseFootprint(databasePath: string): number {
  let total = 0;
  for (const path of [databasePath, `${databasePath}-wal`]) {
    try {
      total += statSync(path).size;
    } catch {
      // absent
    }
  }
  return total;
}

/** Leftovers of an interrupted job (a crash mid-backup): only our own scratch folders are cleared. */
export function clearScratchFolders(dataDir: string): void {
  rmSync(join(dataDir, 'backup-work'), { recursive: true, force: true });
  rmSync(memoryFolderOf(dataDir), { recursive: true, force: true });
}

/** Fills `buffer` from `position` (reads may return less than asked), or null at end of file. */
export async function readExactlyInto(handle: FileHandle, buffer: Buffer, position: number): Promise<Buffer | null> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) return null;
    done += bytesRead;
  }
  return buffer;
}

/** Reads exactly `length` bytes at `position` into a new buffer, or null at end of file. */
export function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer | null> {
  return readExactlyInto(handle, Buffer.allocUnsafe(length), position);
}

import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_EXTENSION } from './backup-format';
import { openBackup } from './backup-reader';

/**
 * Names and clean-up of backup files in the administrator's folder.
 *
 * The folder may be shared with other files and other installations (a county's network share),
 * so a file is deleted only if everything says it is ours: our name pattern, our magic, a header
 * whose SM3 checks, and this installation's device id in its manifest. Anything else — including a
 * damaged backup of ours — is left alone.
 */

const NAME = /^govpay-backup-\d{8}-\d{6}-[0-9a-f]{6}(?:-\d+)?\.gpbak$/u;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local date and time as YYYYMMDD-HHMMSS, for file names a person can sort and read. */
export function fileStamp(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getFullYear(), 4)}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** A name no existing file has: govpay-backup-<stamp>-<device tail>[-n].gpbak */
export function newBackupPath(folder: string, epochMs: number, deviceId: string): string {
  const tail = deviceId.replaceAll('-', '').slice(-6).toLowerCase().padStart(6, '0');
  const base = `govpay-backup-${fileStamp(epochMs)}-${tail}`;
  for (let n = 1; ; n += 1) {
    const candidate = join(folder, `${base}${n === 1 ? '' : `-${n}`}${BACKUP_EXTENSION}`);
    if (!existsSync(candidate) && !existsSync(`${candidate}.part`)) return candidate;
  }
}

export function isBackupFileName(name: string): boolean {
  return NAME.test(name);
}

interface OwnBackup {
  path: string;
  createdAt: number;
}

async function ownBackups(folder: string, deviceId: string): Promise<OwnBackup[]> {
  const own: OwnBackup[] = [];
  for (const name of await readdir(folder)) {
    if (!isBackupFileName(name)) continue;
    const path = join(folder, name);
    try {
      const opened = await openBackup(path);
      await opened.handle.close();
      if (opened.header.manifest.deviceId === deviceId) own.push({ path, createdAt: opened.header.manifest.createdAt });
    } catch {
      // not provably ours: keep it
    }
  }
  return own;
}

/** Deletes this installation's oldest backups beyond `keep`; returns the paths removed. */
export async function pruneBackups(folder: string, deviceId: string, keep: number): Promise<string[]> {
  const own = (await ownBackups(folder, deviceId)).sort((a, b) => b.createdAt - a.createdAt || b.path.localeCompare(a.path));
  const removed: string[] = [];
  for (const old of own.slice(Math.max(1, keep))) {
    await rm(old.path, { force: true });
    removed.push(old.path);
  }
  return removed;
}

/**
 * `.part` files our own interrupted runs left (a crash or power cut mid-backup): our name pattern
 * plus `.part`, untouched for an hour. A running backup's `.part` is minutes old at most.
 */
export async function removeStaleParts(folder: string, now: number): Promise<void> {
  for (const name of await readdir(folder)) {
    if (!name.endsWith('.part') || !isBackupFileName(name.slice(0, -'.part'.length))) continue;
    const path = join(folder, name);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > 60 * 60 * 1000) await rm(path, { force: true });
  }
}

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { ContentFiles } from '../attachments/content-files';
import { manifestSchema } from './backup-format';
import { renameIfExists, syncDirectory, syncDirectorySync } from './files';
import { fileStamp } from './retention';

/**
 * A restore is applied at the next start of the core, before the database opens — never under a
 * running database. The verified SQLite file waits as `govpay.sqlite.restore-pending`, with a
 * marker (`….restore-pending.json`) saying where it came from. At start:
 *
 *   1. the marker gets the name of the copy the current database will be kept as
 *      (`govpay.sqlite.before-restore-<YYYYMMDD-HHMMSS>`, with its -wal/-shm beside it);
 *   2. the current database (and -wal, -shm) is renamed to that copy — kept, never deleted;
 *   3. when the backup carried attachment files (format 2), they wait, verified, in the folder
 *      `attachments.restore-pending`: the current `attachments` folder is renamed to
 *      `<copy>.attachments` (kept like the database) and the pending folder to `attachments`;
 *   4. the pending file is renamed to `govpay.sqlite`;
 *   5. the marker becomes `govpay.sqlite.restore-applied.json`, read once the database is open
 *      to write the audit event, then kept beside the copy as `<copy>.json`.
 *
 * The pending database file is the restore's commit point: it is staged last and consumed last,
 * so its attachments are in place whenever it is. A format-1 backup carries no files; the
 * attachments folder then stays as it is (files are immutable and named by their SM3, so any
 * the older database names are still the right ones).
 *
 * Every step is a rename and each is skipped when already done, so a crash at any point is
 * finished by the next start rather than leaving no database or two.
 */

export const DATABASE_FILE = 'govpay.sqlite';
const PENDING = `${DATABASE_FILE}.restore-pending`;
const PENDING_MARKER = `${PENDING}.json`;
const APPLIED_MARKER = `${DATABASE_FILE}.restore-applied.json`;
const PENDING_ATTACHMENTS = 'attachments.restore-pending';

export const markerSchema = z.object({
  stagedAt: z.number().int(),
  stagedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  sourceFile: z.string(),
  manifest: manifestSchema,
  databaseSm3: z.string(),
  /** the audit chain's head before the restore: the restored chain starts over from an older head */
  previousAuditHead: z.object({ deviceId: z.string(), seq: z.number().int(), hash: z.string() }).nullable(),
  /** the backup settings in force when the restore was staged, carried over the restored ones */
  carriedConfig: z.unknown().nullable(),
  beforeRestoreFile: z.string().nullable().default(null),
  appliedAt: z.number().int().nullable().default(null),
  /** attachment files staged with the database (format 2), or null: the folder is left alone */
  attachments: z.object({ count: z.number().int(), bytes: z.number().int() }).nullable().default(null),
  /** the name the current attachments folder is kept under (null: none moved) */
  beforeRestoreAttachments: z.string().nullable().default(null),
});
export type RestoreMarker = z.infer<typeof markerSchema>;

export function pendingRestorePath(dataDir: string): string {
  return join(dataDir, PENDING);
}

function readMarker(path: string): RestoreMarker | null {
  try {
    const parsed = markerSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The staged restore, if one waits for the next start. */
export function readPendingRestore(dataDir: string): RestoreMarker | null {
  if (!existsSync(join(dataDir, PENDING))) return null;
  return readMarker(join(dataDir, PENDING_MARKER));
}

/**
 * Moves a verified SQLite file (and the folder of its verified attachment files, if the backup
 * carried any) into the pending slot, replacing an earlier staged restore. The earlier pending
 * database goes first and the new one comes last, so a pending database never waits beside
 * another restore's attachments.
 */
export async function stagePendingRestore(dataDir: string, verifiedFile: string, verifiedAttachments: string | null, marker: RestoreMarker): Promise<void> {
  await rm(join(dataDir, PENDING), { force: true });
  await rm(join(dataDir, PENDING_ATTACHMENTS), { recursive: true, force: true });
  if (verifiedAttachments !== null) await rename(verifiedAttachments, join(dataDir, PENDING_ATTACHMENTS));
  await writeFile(join(dataDir, PENDING_MARKER), JSON.stringify(marker), { mode: 0o600 });
  await rename(verifiedFile, join(dataDir, PENDING));
  await syncDirectory(join(dataDir, PENDING));
}

export async function cancelPendingRestore(dataDir: string): Promise<{ removed: boolean; marker: RestoreMarker | null }> {
  if (!existsSync(join(dataDir, PENDING))) return { removed: false, marker: null };
  const marker = readMarker(join(dataDir, PENDING_MARKER));
  await rm(join(dataDir, PENDING), { force: true });
  await rm(join(dataDir, PENDING_ATTACHMENTS), { recursive: true, force: true });
  await rm(join(dataDir, PENDING_MARKER), { force: true });
  return { removed: true, marker };
}

function uniqueCopyName(dataDir: string, now: number): string {
  const base = `${DATABASE_FILE}.before-restore-${fileStamp(now)}`;
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(join(dataDir, name)) && !existsSync(join(dataDir, `${name}.attachments`))) return name;
  }
}

/**
 * Synchronous on purpose: it runs in createCore before anything has the database open. Returns
 * the marker of a restore that was applied now (or by an interrupted earlier start) and still
 * needs its audit event, else null.
 */
export function applyPendingRestore(dataDir: string, now: number): RestoreMarker | null {
  const pendingPath = join(dataDir, PENDING);
  const appliedPath = join(dataDir, APPLIED_MARKER);
  if (!existsSync(pendingPath)) return readMarker(appliedPath);

  const markerPath = join(dataDir, PENDING_MARKER);
  const marker: RestoreMarker = readMarker(markerPath) ?? {
    stagedAt: now,
    stagedBy: null,
    sourceFile: '（未知）',
    manifest: { createdAt: 0, appVersion: '', deviceId: '', unit: { id: '', name: '', uscc: '' }, kind: 'manual', createdBy: null, schemaVersions: {}, counts: {}, databaseBytes: 0, chunkCount: 1 },
    databaseSm3: '',
    previousAuditHead: null,
    carriedConfig: null,
    beforeRestoreFile: null,
    appliedAt: null,
    attachments: null,
    beforeRestoreAttachments: null,
  };
  const pendingAttachments = join(dataDir, PENDING_ATTACHMENTS);
  if (marker.beforeRestoreFile === null) {
    marker.beforeRestoreFile = uniqueCopyName(dataDir, now);
    writeFileSync(markerPath, JSON.stringify(marker), { mode: 0o600 });
  }
  const liveAttachments = new ContentFiles(dataDir).root;
  if (existsSync(pendingAttachments) && marker.beforeRestoreAttachments === null && existsSync(liveAttachments)) {
    marker.beforeRestoreAttachments = `${marker.beforeRestoreFile}.attachments`;
    writeFileSync(markerPath, JSON.stringify(marker), { mode: 0o600 });
  }
  const copy = join(dataDir, marker.beforeRestoreFile);
  const live = join(dataDir, DATABASE_FILE);
  if (!existsSync(copy)) renameIfExists(live, copy);
  for (const suffix of ['-wal', '-shm']) {
    if (!existsSync(copy + suffix)) renameIfExists(live + suffix, copy + suffix);
    else rmSync(live + suffix, { force: true });
  }
  // Only while the staged folder still waits: once it is in place, `attachments` is the restored one.
  if (existsSync(pendingAttachments)) {
    const kept = marker.beforeRestoreAttachments === null ? null : join(dataDir, marker.beforeRestoreAttachments);
    if (kept !== null && !existsSync(kept)) renameIfExists(liveAttachments, kept);
    renameSync(pendingAttachments, liveAttachments);
  }
  renameSync(pendingPath, live);
  marker.appliedAt = now;
  writeFileSync(appliedPath, JSON.stringify(marker), { mode: 0o600 });
  rmSync(markerPath, { force: true });
  syncDirectorySync(live);
  return marker;
}

/** After the audit event is written: the marker is kept beside the copy it describes. */
export async function settleAppliedRestore(dataDir: string, marker: RestoreMarker): Promise<void> {
  const target = marker.beforeRestoreFile ? `${marker.beforeRestoreFile}.json` : `${DATABASE_FILE}.restored-${marker.appliedAt ?? 0}.json`;
  await rename(join(dataDir, APPLIED_MARKER), join(dataDir, basename(target))).catch(() => undefined);
}

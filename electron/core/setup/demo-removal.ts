import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AUDIT_HEAD_FILE } from '../../../shared/audit';
import { ContentFiles } from '../attachments/content-files';
import { COLLECTION_SCHEMAS } from '../db/schemas';
import { getTableNames, quoteIdentifier } from '../db/sqlite-storage/table-layout';
import { DEMO_SETTING } from '../seed/seed-settings';

/**
 * Removing the demo office (体验数据) deletes the database and the attachment files uploaded
 * while trying it out (`<dataDir>/attachments`) — the only deletion the product allows, and only
 * of demo data. The core holds the database open, so removal is staged like a restore:
 * `setup.removeDemo` writes this marker, and the next start of the core deletes the files before
 * opening anything, then runs the normal first run.
 */
export const DEMO_REMOVAL_MARKER = 'demo-removal.pending.json';
const DATABASE_FILE = 'govpay.sqlite';

const markerSchema = z.object({
  requestedAt: z.number().int(),
  requestedBy: z.object({ id: z.string(), name: z.string() }),
  /** the demo setting's createdAt: the database deleted at start must be this very demo */
  demoCreatedAt: z.number().int(),
});
export type DemoRemovalMarker = z.infer<typeof markerSchema>;

export function demoRemovalPending(dataDir: string): boolean {
  return existsSync(join(dataDir, DEMO_REMOVAL_MARKER));
}

export function stageDemoRemoval(dataDir: string, marker: DemoRemovalMarker): void {
  writeFileSync(join(dataDir, DEMO_REMOVAL_MARKER), JSON.stringify(marker), { mode: 0o600 });
}

/** The createdAt of the demo setting stored in the database file, or null when it holds none. */
function storedDemoCreatedAt(file: string): number | null {
  const db = new Database(file, { fileMustExist: true });
  try {
    const table = quoteIdentifier(getTableNames('settings', COLLECTION_SCHEMAS.settings.version).tableName);
    const row = db.prepare<[string], { json: string }>(`SELECT json FROM ${table} WHERE id = ? AND _deleted = 0`).get(DEMO_SETTING);
    if (!row) return null;
    const value = (JSON.parse(row.json) as { value?: { createdAt?: unknown } }).value;
    return typeof value?.createdAt === 'number' ? value.createdAt : null;
  } finally {
    db.close();
  }
}

export type DemoRemovalOutcome = 'none' | 'removed' | 'refused';

/**
 * Synchronous on purpose: createCore calls it before the database is opened. Deletes the
 * database files only when the marker is valid and the file still is the demo it names;
 * anything else keeps the data and sets the marker aside (`….refused`) for a person to look at.
 */
export function applyPendingDemoRemoval(dataDir: string): DemoRemovalOutcome {
  const markerPath = join(dataDir, DEMO_REMOVAL_MARKER);
  if (!existsSync(markerPath)) return 'none';
  const database = join(dataDir, DATABASE_FILE);
  let marker: DemoRemovalMarker | null = null;
  try {
    const parsed = markerSchema.safeParse(JSON.parse(readFileSync(markerPath, 'utf8')));
    marker = parsed.success ? parsed.data : null;
  } catch {
    marker = null;
  }
  const attachments = new ContentFiles(dataDir).root;
  // Interrupted after deleting the database last time: nothing is left to check, only the marker
  // (and the attachments, which are deleted before the database, so normally none remain).
  if (marker && !existsSync(database)) {
    rmSync(attachments, { recursive: true, force: true });
    rmSync(join(dataDir, AUDIT_HEAD_FILE), { force: true });
    rmSync(markerPath, { force: true });
    return 'removed';
  }
  let demo: number | null = null;
  try {
    demo = existsSync(database) ? storedDemoCreatedAt(database) : null;
  } catch {
    demo = null;
  }
  if (!marker || demo === null || demo !== marker.demoCreatedAt) {
    renameSync(markerPath, `${markerPath}.refused`);
    return 'refused';
  }
  // the demo's evidence files first: the database is the proof that this is the demo, so it goes last
  rmSync(attachments, { recursive: true, force: true });
  for (const suffix of ['-wal', '-shm', '']) rmSync(database + suffix, { force: true });
  // the demo chain's signed head goes with it, or the new office's chain would be held to it
  rmSync(join(dataDir, AUDIT_HEAD_FILE), { force: true });
  rmSync(markerPath, { force: true });
  return 'removed';
}

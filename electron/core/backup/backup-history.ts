import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backupHistoryEntrySchema, type BackupHistoryEntry } from '../../../shared/api/methods/backup-methods';

/**
 * The history of backups, one JSON line per run in `<dataDir>/backup-history.jsonl`.
 *
 * A file beside the database rather than documents inside it, on purpose: restoring an older
 * backup rewinds the database, and the history must not forget the backups made after it (nor
 * the restore's own context). Every run is also in the audit chain, which is the tamper-evident
 * record; this log is what the backup page lists and what the schedule reads.
 */
export const HISTORY_FILE = 'backup-history.jsonl';

export class BackupHistory {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, HISTORY_FILE);
  }

  async append(entry: BackupHistoryEntry): Promise<void> {
    await appendFile(this.path, JSON.stringify(backupHistoryEntrySchema.parse(entry)) + '\n', { encoding: 'utf8', mode: 0o600 });
  }

  /** Newest first. A damaged line (a crash mid-write) is skipped, not fatal. */
  async list(limit = Number.POSITIVE_INFINITY): Promise<BackupHistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return [];
    }
    const entries: BackupHistoryEntry[] = [];
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0 && entries.length < limit; i -= 1) {
      const line = lines[i]!.trim();
      if (line === '') continue;
      try {
        const parsed = backupHistoryEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
      } catch {
        // skip
      }
    }
    return entries;
  }

  async lastScheduled(): Promise<BackupHistoryEntry | null> {
    return (await this.list()).find((e) => e.kind === 'scheduled') ?? null;
  }
}

import { renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  AUDIT_HEAD_SETTING,
  checkAuditHead,
  mergeLosses,
  type AuditChainLoss,
  type AuditHeadCheckpoint,
  type TrustedHead,
} from '../../../shared/audit';
import type { GovPayDatabase } from '../db/database';

/**
 * Where the device keeps its signed audit-chain head (shared/audit/head-checkpoint.ts explains
 * why there are two copies). Reads never throw: an absent or damaged copy is something the
 * verifier reports.
 */

export type HeadSource = 'settings' | 'file';

export const HEAD_SOURCE_LABEL: Record<HeadSource, string> = {
  settings: '数据库中的链头检查点',
  file: '链头检查点文件 audit-head.json',
};

export interface StoredHead {
  source: HeadSource;
  /** undefined when this copy does not exist */
  raw: unknown;
}

export interface CheckedHeads {
  valid: { source: HeadSource; checkpoint: AuditHeadCheckpoint }[];
  /** absent or rejected copies, in Chinese */
  problems: { source: HeadSource; absent: boolean; message: string }[];
}

export class AuditHeadStore {
  private createdAt: number | null = null;

  constructor(
    private readonly db: GovPayDatabase,
    /** null: no sidecar (a database opened without its data folder) */
    readonly filePath: string | null,
  ) {}

  async read(): Promise<StoredHead[]> {
    const doc = await this.db.settings.findOne(AUDIT_HEAD_SETTING).exec();
    if (doc) this.createdAt = doc.createdAt;
    const heads: StoredHead[] = [{ source: 'settings', raw: doc ? doc.toJSON().value : undefined }];
    if (this.filePath !== null) heads.push({ source: 'file', raw: await readJsonFile(this.filePath) });
    return heads;
  }

  /**
   * The database copy, written after each append inside the same storage transaction as the
   * event: it commits or rolls back with it.
   */
  async writeDatabaseCopy(checkpoint: AuditHeadCheckpoint, now: number): Promise<void> {
    const createdAt = this.createdAt ?? now;
    await this.db.settings.upsert({ id: AUDIT_HEAD_SETTING, unitId: '', value: { ...checkpoint }, createdBy: 'system', createdAt, updatedAt: now });
    this.createdAt = createdAt;
  }

  /**
   * The sidecar copy, written only once the event is committed (a file cannot roll back, and a
   * checkpoint ahead of the chain would be reported as a loss). Replaced atomically by a rename so
   * a crash never leaves half a file; synchronous because it runs in a commit callback and is a
   * few hundred bytes. A checkpoint that lags behind the chain after a crash is harmless: the
   * verifier only requires the chain to reach it.
   */
  writeFileCopy(checkpoint: AuditHeadCheckpoint): void {
    if (this.filePath === null) return;
    const temp = `${this.filePath}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, this.filePath);
    } catch {
      // Out of disk or a read-only folder: the file lags behind, which verifies (and the database
      // copy is current). Failing the business action for it would be worse.
    }
  }

  /** Forgets what was learned from a copy a rolled-back transaction wrote. */
  forgetCached(): void {
    this.createdAt = null;
  }
}

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { unreadable: true };
  }
}

/** Splits the stored copies into the ones signed by this device and the rest. */
export function checkHeads(stored: readonly StoredHead[], device: { deviceId: string; publicKey: string }): CheckedHeads {
  const result: CheckedHeads = { valid: [], problems: [] };
  for (const head of stored) {
    const label = HEAD_SOURCE_LABEL[head.source];
    if (head.raw === undefined) {
      result.problems.push({ source: head.source, absent: true, message: `未找到${label}` });
      continue;
    }
    const check = checkAuditHead(head.raw, device);
    if (check.ok) result.valid.push({ source: head.source, checkpoint: check.checkpoint });
    else result.problems.push({ source: head.source, absent: false, message: `${label}${check.problem}，已忽略` });
  }
  return result;
}

/** What the verifier must hold the chain to, from the valid copies. */
export function verifierInputs(heads: CheckedHeads): { trustedHeads: TrustedHead[]; losses: AuditChainLoss[] } {
  return {
    trustedHeads: heads.valid.map(({ source, checkpoint }) => ({ seq: checkpoint.seq, hash: checkpoint.hash, source: HEAD_SOURCE_LABEL[source] })),
    losses: mergeLosses(...heads.valid.map(({ checkpoint }) => checkpoint.losses)),
  };
}

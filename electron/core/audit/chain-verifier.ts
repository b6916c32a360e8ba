import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AuditChainVerifier, DEFAULT_TIME_TOLERANCE_MS, type AuditChainEvent, type ChainBreak, type ChainVerifyResult } from '../../../shared/audit';
import type { GovPayDatabase } from '../db/database';
import { checkHeads, verifierInputs, type AuditHeadStore } from './head-store';

/** What `audit.verify` answers and the command line prints. */
export interface ChainReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBroken: ChainBreak | null;
  /** things an auditor should know that do not break the chain, in Chinese */
  warnings: string[];
  durationMs: number;
}

export interface VerifyDeviceChainOptions {
  /** events per database read; the event loop gets a turn between pages */
  pageSize?: number;
  checkSignatures?: boolean;
}

const DEFAULT_PAGE_SIZE = 1000;

/**
 * Reads the device's chain page by page through RxDB's storage (index [deviceId, seq]) and runs the shared
 * verifier on it. The expected key is the device record's: a stand-in until the province anchors
 * heads and keys (see shared/audit/head-checkpoint.ts for what a local check cannot catch).
 *
 * The checkpoints are read BEFORE the chain: an append that lands while we read makes the chain
 * longer than the checkpoint, which verifies; reading them after could see a checkpoint ahead of
 * the rows we read and cry "truncated".
 */
export async function verifyDeviceChain(
  db: GovPayDatabase,
  device: { deviceId: string; publicKey: string },
  heads: AuditHeadStore,
  options: VerifyDeviceChainOptions = {},
): Promise<ChainReport> {
  const started = performance.now();
  const checkedHeads = checkHeads(await heads.read(), device);
  const verifier = new AuditChainVerifier({ publicKey: device.publicKey, checkSignatures: options.checkSignatures ?? true, ...verifierInputs(checkedHeads) });
  let pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  // Paging by seq >= the last seq seen, skipping ids already seen at that seq: a plain `seq > last`
  // would silently step over a duplicated seq that straddles two pages.
  let lastSeq = 0;
  let seenAtLast = new Set<string>();
  for (;;) {
    const query = db.auditevents.find({ selector: { deviceId: device.deviceId, seq: { $gte: lastSeq } }, sort: [{ deviceId: 'asc' }, { seq: 'asc' }], limit: pageSize });
    // Straight from the storage, past RxDB's document cache: the check is of what is on disk now,
    // not of documents this process remembers from before someone edited the file.
    const { documents: docs } = await db.auditevents.storageInstance.query(query.getPreparedQuery());
    const fresh: AuditChainEvent[] = [];
    for (const doc of docs) {
      if (doc.seq === lastSeq && seenAtLast.has(doc.id)) continue;
      if (doc.seq !== lastSeq) seenAtLast = new Set();
      seenAtLast.add(doc.id);
      lastSeq = doc.seq;
      fresh.push(doc);
    }
    const more = verifier.push(fresh);
    if (docs.length < pageSize || !more) break;
    // A full page of rows all already seen: more duplicates of one seq than a page holds.
    if (fresh.length === 0) pageSize *= 2;
    await yieldToLoop();
  }
  const result = verifier.finish();
  return {
    ok: result.ok,
    checked: result.checked,
    head: result.headSeq > 0 ? { seq: result.headSeq, hash: result.headHash } : null,
    firstBroken: result.firstBroken ?? null,
    warnings: warningsOf(result, checkedHeads),
    durationMs: Math.round(performance.now() - started),
  };
}

function warningsOf(result: ChainVerifyResult, heads: ReturnType<typeof checkHeads>): string[] {
  const warnings: string[] = [];
  for (const problem of heads.problems) {
    // Before the first event there is nothing to cut off, so an absent checkpoint is expected then.
    if (problem.absent && result.headSeq === 0) continue;
    warnings.push(problem.absent ? `${problem.message}：无法据此判断链尾是否被截断` : problem.message);
  }
  const first = result.timeWarnings[0];
  if (first) {
    const minutes = Math.round(first.backwardsMs / 60_000);
    warnings.push(
      `有 ${result.timeWarningCount} 条记录的时间比前面的记录早 ${Math.round(DEFAULT_TIME_TOLERANCE_MS / 60_000)} 分钟以上，第一处是第 ${first.seq} 条（早约 ${minutes} 分钟）：本机时钟可能被回拨过。时间含在哈希中，写入后无法篡改，这不影响审计链的完整性`,
    );
  }
  return warnings;
}

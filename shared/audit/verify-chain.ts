import { sm2Verify } from '../crypto';
import { auditEventHash, GENESIS_HASH, type AuditHashedFields } from './event-hash';
import { CHAIN_BREAK_REASONS, type ChainBreakReason } from './break-reasons';
import type { AuditChainLoss } from './head-checkpoint';

/**
 * Streaming verifier of one device's audit chain (DOMAIN.md invariant 8; R9, R11, R12). Pure: no
 * Node, no database — the core, the command line and the provincial server feed it events in seq
 * order, in as many pages as they like, and ask for the result at the end. Memory stays constant
 * whatever the chain's length.
 *
 * Per event, in this order (the first failure is the chain's first broken link; later events are
 * not trusted, only looked at to name the failure better):
 *   1. seq is the next one — a higher seq is a 'gap' (the missing seq is named), a seq already
 *      passed is a 'duplicate';
 *   2. prevHash equals the previous event's hash (GENESIS_HASH before seq 1) — 'prevHashMismatch';
 *   3. SM3 over the hashed fields equals the stored hash — 'hashMismatch' (the payload is not in
 *      the chain, only its hash, so a payload cannot be checked here);
 *   4. the SM2 signature of the hash verifies with the expected public key — 'badSignature'. The
 *      key comes from the caller (the device record; later the province), never from the events;
 *   5. a trusted head at this seq has the same hash — else 'hashMismatch' (rewritten up to here).
 * At the end, a trusted head beyond the chain's last event means the tail was cut: 'truncated',
 * naming the first missing seq; losses recorded by the device are reported the same way.
 *
 * A link that fails 2 or 3 (or a gap) may be two events whose seq fields were swapped. The
 * verifier then keeps scanning (at most `diagnosisWindow` events) for the displaced event —
 * the one that links to the last good hash and hashes correctly with the broken seq — and if found
 * reports 'reordered' instead.
 *
 * Time is NOT an integrity check. An event's time is the device clock, which is legitimately set
 * back (NTP correction, a wrong clock fixed by hand); since time is inside the hash it cannot be
 * edited afterwards anyway. A step back of more than `timeToleranceMs` is reported as a warning
 * for the auditor to look at, and never makes the chain fail.
 */

export { CHAIN_BREAK_REASONS, type ChainBreakReason };

export interface AuditChainEvent extends AuditHashedFields {
  hash: string;
  signature: string;
}

/** A head the chain must reach with exactly this hash (a signed checkpoint, a provincial anchor). */
export interface TrustedHead {
  seq: number;
  hash: string;
  /** where it comes from, in Chinese, for the message */
  source: string;
}

export interface ChainBreak {
  seq: number;
  reason: ChainBreakReason;
  /** for people, in Chinese */
  message: string;
}

export interface TimeWarning {
  seq: number;
  backwardsMs: number;
}

export interface ChainVerifyResult {
  ok: boolean;
  /** events verified as intact links, counted from seq 1 */
  checked: number;
  /** the last intact event (0 and GENESIS_HASH when there is none) */
  headSeq: number;
  headHash: string;
  firstBroken?: ChainBreak;
  /** the first few steps back in time beyond the tolerance; `timeWarningCount` counts all */
  timeWarnings: TimeWarning[];
  timeWarningCount: number;
}

export interface ChainVerifierOptions {
  /** the device's SM2 public key, from outside the chain */
  publicKey: string;
  trustedHeads?: readonly TrustedHead[];
  /** losses the device recorded in its checkpoints: each one fails the chain */
  losses?: readonly AuditChainLoss[];
  /** false skips step 4 (benchmarks; a quick pre-check). Default true. */
  checkSignatures?: boolean;
  /** default 5 minutes */
  timeToleranceMs?: number;
  /** events scanned after a break to recognise swapped seqs; default 10 000 */
  diagnosisWindow?: number;
}

export const DEFAULT_TIME_TOLERANCE_MS = 5 * 60_000;
const DEFAULT_DIAGNOSIS_WINDOW = 10_000;
const MAX_TIME_WARNINGS = 20;

function hashOrNull(event: AuditChainEvent): string | null {
  try {
    return auditEventHash(event);
  } catch {
    // a field of the wrong type (a non-finite number, say) in a tampered row
    return null;
  }
}

export class AuditChainVerifier {
  private readonly publicKey: string;
  private readonly checkSignatures: boolean;
  private readonly timeToleranceMs: number;
  private readonly heads = new Map<number, TrustedHead[]>();
  private readonly losses: readonly AuditChainLoss[];
  private lastSeq = 0;
  private lastHash = GENESIS_HASH;
  private checked = 0;
  private maxTime = Number.NEGATIVE_INFINITY;
  private readonly timeWarnings: TimeWarning[] = [];
  private timeWarningCount = 0;
  private broken: ChainBreak | null = null;
  /** events still to scan for a displaced event after a break */
  private diagnosisLeft = 0;
  private readonly diagnosisWindow: number;

  constructor(options: ChainVerifierOptions) {
    this.publicKey = options.publicKey;
    this.checkSignatures = options.checkSignatures ?? true;
    this.timeToleranceMs = options.timeToleranceMs ?? DEFAULT_TIME_TOLERANCE_MS;
    this.diagnosisWindow = options.diagnosisWindow ?? DEFAULT_DIAGNOSIS_WINDOW;
    this.losses = options.losses ?? [];
    for (const head of options.trustedHeads ?? []) {
      if (head.seq < 1) continue; // the head of an empty chain asks nothing
      const atSeq = this.heads.get(head.seq) ?? [];
      atSeq.push(head);
      this.heads.set(head.seq, atSeq);
    }
  }

  /** True while more events can still change the result. */
  get wantsMore(): boolean {
    return this.broken === null || this.diagnosisLeft > 0;
  }

  /** Feeds the next events in delivery order; returns `wantsMore`, so a reader can stop early. */
  push(events: Iterable<AuditChainEvent>): boolean {
    for (const event of events) {
      if (this.broken === null) this.accept(event);
      else if (this.diagnosisLeft > 0) this.diagnose(event);
      else break;
    }
    return this.wantsMore;
  }

  private fail(seq: number, reason: ChainBreakReason, message: string): void {
    this.broken = { seq, reason, message };
    this.diagnosisLeft = reason === 'prevHashMismatch' || reason === 'hashMismatch' || reason === 'gap' ? this.diagnosisWindow : 0;
  }

  private accept(event: AuditChainEvent): void {
    const expected = this.lastSeq + 1;
    if (typeof event.seq !== 'number' || !Number.isSafeInteger(event.seq) || event.seq < 1) {
      this.fail(expected, 'hashMismatch', `第 ${expected} 条之后的一条审计记录序号格式不正确（${String(event.seq)}）`);
      return;
    }
    if (event.seq > expected) {
      const missing = event.seq === expected + 1 ? `第 ${expected} 条` : `第 ${expected}–${event.seq - 1} 条`;
      const after = expected === 1 ? `链从第 ${event.seq} 条开始` : `第 ${this.lastSeq} 条之后直接是第 ${event.seq} 条`;
      this.fail(expected, 'gap', `审计链在第 ${expected} 条处断开：${missing}审计记录缺失（${after}）`);
      return;
    }
    if (event.seq < expected) {
      this.fail(event.seq, 'duplicate', `第 ${event.seq} 条审计记录重复出现（序号重复，其中至少一条是伪造或复制的）`);
      return;
    }
    if (event.prevHash !== this.lastHash) {
      const previous = expected === 1 ? '链的起点（应为全零）' : `第 ${this.lastSeq} 条的哈希`;
      this.fail(event.seq, 'prevHashMismatch', `第 ${event.seq} 条记录的“前一条哈希”与${previous}不一致：链在此断开（记录被替换、删除后重写或顺序被调换）`);
      return;
    }
    if (hashOrNull(event) !== event.hash) {
      this.fail(event.seq, 'hashMismatch', `第 ${event.seq} 条审计记录的内容与其哈希不符：该条记录在写入后被修改`);
      return;
    }
    if (this.checkSignatures && !sm2Verify(event.hash, event.signature, this.publicKey)) {
      this.fail(event.seq, 'badSignature', `第 ${event.seq} 条审计记录的签名无效：不是本设备的密钥所签（记录被伪造或整条链被他人重新签名）`);
      return;
    }
    const heads = this.heads.size === 0 ? undefined : this.heads.get(event.seq);
    for (const head of heads ?? []) {
      if (head.hash !== event.hash) {
        this.fail(event.seq, 'hashMismatch', `第 ${event.seq} 条与${head.source}记录的哈希不一致：该条或其之前的记录被删除后重写`);
        return;
      }
    }
    if (event.time < this.maxTime - this.timeToleranceMs) {
      this.timeWarningCount += 1;
      if (this.timeWarnings.length < MAX_TIME_WARNINGS) this.timeWarnings.push({ seq: event.seq, backwardsMs: this.maxTime - event.time });
    }
    if (event.time > this.maxTime) this.maxTime = event.time;
    this.lastSeq = event.seq;
    this.lastHash = event.hash;
    this.checked += 1;
  }

  /**
   * After a break at seq i: is the event that belongs at i somewhere later, under another seq
   * (seq fields swapped) or simply delivered late? It links to the last good hash and hashes
   * correctly once given seq i back.
   */
  private diagnose(event: AuditChainEvent): void {
    this.diagnosisLeft -= 1;
    const broken = this.broken;
    if (broken === null || typeof event.seq !== 'number') return;
    const i = broken.seq;
    const lateDelivery = broken.reason === 'gap' && event.seq === i;
    const renumbered = event.seq !== i && event.prevHash === this.lastHash && hashOrNull({ ...event, seq: i }) === event.hash;
    if (!lateDelivery && !renumbered) return;
    this.broken = {
      seq: i,
      reason: 'reordered',
      message: lateDelivery
        ? `审计记录顺序错乱：第 ${i} 条出现在更后面的记录之后`
        : `第 ${i} 条审计记录的序号被改成了第 ${event.seq} 条：记录的顺序被调换`,
    };
    this.diagnosisLeft = 0;
  }

  finish(): ChainVerifyResult {
    const candidates: ChainBreak[] = [];
    if (this.broken) candidates.push(this.broken);
    else {
      const beyond = [...this.heads.values()].flat().filter((h) => h.seq > this.lastSeq);
      const furthest = beyond.reduce<TrustedHead | null>((best, h) => (best === null || h.seq > best.seq ? h : best), null);
      if (furthest) {
        const sources = [...new Set(beyond.map((h) => h.source))].join('、');
        candidates.push({
          seq: this.lastSeq + 1,
          reason: 'truncated',
          message: `审计链末尾被截断：${sources}记录链头为第 ${furthest.seq} 条，本库只到第 ${this.lastSeq} 条，第 ${this.lastSeq + 1}–${furthest.seq} 条缺失`,
        });
      }
    }
    for (const loss of this.losses) {
      candidates.push(
        loss.kind === 'missing'
          ? {
              seq: loss.fromSeq,
              reason: 'truncated',
              message: `本设备曾发现审计链回退：第 ${loss.fromSeq}–${loss.toSeq} 条已不在库中（记录被删除、数据库被换成旧副本，或恢复了备份——此时这些记录在恢复前保存的数据库副本中）`,
            }
          : {
              seq: loss.fromSeq,
              reason: 'hashMismatch',
              message: `本设备曾发现审计链被改写：检查点记录的第 ${loss.toSeq} 条与库中该条不一致，该条或其之前的记录被删除后重写`,
            },
      );
    }
    const firstBroken = candidates.reduce<ChainBreak | undefined>((first, c) => (first === undefined || c.seq < first.seq ? c : first), undefined);
    return {
      ok: firstBroken === undefined,
      checked: this.checked,
      headSeq: this.lastSeq,
      headHash: this.lastHash,
      ...(firstBroken ? { firstBroken } : {}),
      timeWarnings: [...this.timeWarnings],
      timeWarningCount: this.timeWarningCount,
    };
  }
}

/** One-shot form for a chain already in memory. */
export function verifyAuditChain(events: Iterable<AuditChainEvent>, options: ChainVerifierOptions): ChainVerifyResult {
  const verifier = new AuditChainVerifier(options);
  verifier.push(events);
  return verifier.finish();
}

import { join } from 'node:path';
import {
  AUDIT_HEAD_FILE,
  auditEventHash,
  auditPayloadHash,
  GENESIS_HASH,
  mergeLosses,
  signAuditHead,
  type AuditChainLoss,
} from '../../../shared/audit';
import { sm2Sign } from '../../../shared/crypto';
import { newId } from '../../../shared/ids/uuidv7';
import type { Clock } from '../app/clock';
import type { WriteLock } from '../app/write-lock';
import type { GovPayDatabase } from '../db/database';
import { afterCommit, afterRollback } from '../db/transaction';
import type { AuditEventDoc } from '../db/schemas';
import type { DeviceIdentity } from '../device/device-identity';
import { verifyDeviceChain, type ChainReport } from './chain-verifier';
import { AuditHeadStore, checkHeads, HEAD_SOURCE_LABEL } from './head-store';
import { runAtomically } from '../app/unit-of-work';

// The hash is defined once, in shared/audit; re-exported for the code that imported it from here.
export { auditEventHash, GENESIS_HASH };

export interface AuditEntry {
  unitId: string;
  actor: { id: string; name: string } | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** one line a person can read in the audit page */
  summary: string;
  /** the facts of the change; only its SM3 enters the chain */
  payload: unknown;
}

export interface AuditLogOptions {
  /** the database's folder: the signed head is also kept there as audit-head.json */
  dataDir?: string | null;
}

/**
 * The device's append-only audit chain: contiguous `seq`, each event hashing the previous one,
 * each signed with the device's SM2 key. Appends are serialized by the core's write lock, so the
 * chain never forks on one device. Callers append inside the same unit of work as the change
 * (app/unit-of-work.ts runAtomically): the event commits or rolls back with it, and a rollback
 * resets the in-memory head so the next append continues from what is really in the database.
 *
 * After each append the signed head checkpoint is updated (database and sidecar file), so a chain
 * cut at its tail is detectable. The first append after start compares the chain with the stored
 * checkpoints first: otherwise that append would move the checkpoints onto the shortened chain
 * and erase the evidence — and signing in is itself an append, so no one could ever verify first.
 */
export class AuditLog {
  private head: { seq: number; hash: string } | null = null;
  /** losses carried in every checkpoint; null until the first append has compared the chain */
  private losses: AuditChainLoss[] | null = null;
  private readonly heads: AuditHeadStore;

  constructor(
    private readonly db: GovPayDatabase,
    private readonly device: DeviceIdentity,
    private readonly clock: Clock,
    readonly lock: WriteLock,
    options: AuditLogOptions = {},
  ) {
    this.heads = new AuditHeadStore(db, options.dataDir ? join(options.dataDir, AUDIT_HEAD_FILE) : null);
  }

  private async loadHead(): Promise<{ seq: number; hash: string }> {
    if (this.head) return this.head;
    const last = await this.db.auditevents
      .findOne({ selector: { deviceId: this.device.deviceId }, sort: [{ deviceId: 'desc' }, { seq: 'desc' }] })
      .exec();
    this.head = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
    return this.head;
  }

  /** Appends one event; must be called while holding the write lock. */
  async appendLocked(entry: AuditEntry): Promise<AuditEventDoc> {
    if (this.losses === null) await this.reconcileLocked(entry.unitId);
    return this.write(entry);
  }

  append(entry: AuditEntry): Promise<AuditEventDoc> {
    return runAtomically(this.lock, this.db, () => this.appendLocked(entry));
  }

  private async write(entry: AuditEntry): Promise<AuditEventDoc> {
    const head = await this.loadHead();
    const time = this.clock.now();
    const body = {
      unitId: entry.unitId,
      deviceId: this.device.deviceId,
      seq: head.seq + 1,
      prevHash: head.hash,
      time,
      actorId: entry.actor?.id ?? null,
      actorName: entry.actor?.name ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      summary: entry.summary,
      payloadHash: auditPayloadHash(entry.payload),
    };
    const hash = auditEventHash(body);
    const event: AuditEventDoc = {
      ...body,
      id: newId(),
      hash,
      signature: sm2Sign(hash, this.device.privateKey, { publicKey: this.device.publicKey }),
      createdBy: entry.actor?.id ?? 'system',
      createdAt: time,
      updatedAt: time,
    };
    // Registered before the insert: a failed insert inside a transaction must drop the head too.
    afterRollback(() => {
      // The event (and any rollback-detected event with its losses) is gone with the transaction:
      // the next append reads the head from the database and compares the checkpoints again.
      this.head = null;
      this.losses = null;
      this.heads.forgetCached();
    });
    await this.db.auditevents.insert(event);
    this.head = { seq: event.seq, hash };
    const checkpoint = signAuditHead(
      { format: 1, deviceId: this.device.deviceId, seq: event.seq, hash, time, losses: this.losses ?? [] },
      this.device.privateKey,
      this.device.publicKey,
    );
    await this.heads.writeDatabaseCopy(checkpoint, time);
    afterCommit(() => this.heads.writeFileCopy(checkpoint));
    return event;
  }

  /**
   * Does the chain still reach every checkpoint this device signed? If not, the loss is recorded
   * — in the chain, as an event anyone reading the audit page sees, and in every later checkpoint,
   * so the verifier keeps reporting it. A restored backup lands here too: it is a real rewind of
   * the local chain (the newer events stay in the copy of the database kept before the restore).
   */
  private async reconcileLocked(unitId: string): Promise<void> {
    const head = await this.loadHead();
    const checked = checkHeads(await this.heads.read(), this.device);
    const now = this.clock.now();
    const found: AuditChainLoss[] = [];
    for (const { checkpoint } of checked.valid) {
      if (checkpoint.seq > head.seq) {
        found.push({ fromSeq: head.seq + 1, toSeq: checkpoint.seq, toHash: checkpoint.hash, kind: 'missing', detectedAt: now });
      } else if (checkpoint.seq > 0) {
        const at = await this.db.auditevents.findOne({ selector: { deviceId: this.device.deviceId, seq: checkpoint.seq } }).exec();
        if (at?.hash !== checkpoint.hash) {
          found.push({ fromSeq: checkpoint.seq, toSeq: checkpoint.seq, toHash: checkpoint.hash, kind: 'rewritten', detectedAt: now });
        }
      }
    }
    const known = mergeLosses(...checked.valid.map((v) => v.checkpoint.losses));
    // Both copies usually say the same; of several 'missing' findings the furthest says it all.
    const furthestMissing = found.filter((l) => l.kind === 'missing').sort((a, b) => b.toSeq - a.toSeq)[0];
    const fresh = mergeLosses([...(furthestMissing ? [furthestMissing] : []), ...found.filter((l) => l.kind === 'rewritten')]).filter(
      (l) => !known.some((k) => k.kind === l.kind && k.fromSeq === l.fromSeq && k.toSeq === l.toSeq && k.toHash === l.toHash),
    );
    this.losses = mergeLosses(known, fresh);
    if (fresh.length === 0) return;
    const sources = checked.valid.map((v) => HEAD_SOURCE_LABEL[v.source]).join('、');
    await this.write({
      unitId,
      actor: null,
      action: 'audit.rollbackDetected',
      entity: 'audit',
      entityId: null,
      summary: fresh
        .map((l) =>
          l.kind === 'missing'
            ? `检测到本机审计链回退：${sources}记录链头已到第 ${l.toSeq} 条，库中只到第 ${head.seq} 条，第 ${l.fromSeq}–${l.toSeq} 条不在库中（恢复了备份、数据库被换成旧副本或记录被删除）`
            : `检测到本机审计链被改写：链头检查点记录的第 ${l.toSeq} 条（${l.toHash.slice(0, 16)}…）与库中该条不一致`,
        )
        .join('；'),
      payload: { losses: fresh, chainHead: head },
    });
  }

  async list(options: { beforeSeq?: number | undefined; limit: number }): Promise<{ events: AuditEventDoc[]; total: number }> {
    const selector = {
      deviceId: this.device.deviceId,
      ...(options.beforeSeq !== undefined ? { seq: { $lt: options.beforeSeq } } : {}),
    };
    const docs = await this.db.auditevents
      .find({ selector, sort: [{ deviceId: 'desc' }, { seq: 'desc' }], limit: options.limit })
      .exec();
    const head = await this.loadHead();
    return { events: docs.map((d) => d.toJSON() as AuditEventDoc), total: head.seq };
  }

  /**
   * Verifies this device's chain against the device's own public key and the stored checkpoints.
   * Runs outside the write lock (it may take seconds); appends meanwhile only lengthen the chain.
   */
  verify(): Promise<ChainReport> {
    return verifyDeviceChain(this.db, this.device, this.heads);
  }
}

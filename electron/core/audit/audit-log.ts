import { canonicalJson } from '../../../shared/encoding/canonical-json';
import { sm2Sign, sm3Hex } from '../../../shared/crypto';
import { newId } from '../../../shared/ids/uuidv7';
import type { Clock } from '../app/clock';
import type { WriteLock } from '../app/write-lock';
import type { GovPayDatabase } from '../db/database';
import type { AuditEventDoc } from '../db/schemas';
import type { DeviceIdentity } from '../device/device-identity';

export const GENESIS_HASH = '0'.repeat(64);

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

/** The fields whose SM3 is the event's `hash` (and the next event's `prevHash`). */
export function auditEventHash(event: Omit<AuditEventDoc, 'hash' | 'signature' | 'id' | 'createdBy' | 'createdAt' | 'updatedAt'>): string {
  return sm3Hex(
    canonicalJson({
      deviceId: event.deviceId,
      seq: event.seq,
      prevHash: event.prevHash,
      time: event.time,
      actorId: event.actorId,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      unitId: event.unitId,
      summary: event.summary,
      payloadHash: event.payloadHash,
    }),
  );
}

/**
 * The device's append-only audit chain: contiguous `seq`, each event hashing the previous one,
 * each signed with the device's SM2 key. Appends are serialized by the core's write lock, so the
 * chain never forks on one device. Callers append inside the same locked section as the change.
 */
export class AuditLog {
  private head: { seq: number; hash: string } | null = null;

  constructor(
    private readonly db: GovPayDatabase,
    private readonly device: DeviceIdentity,
    private readonly clock: Clock,
    readonly lock: WriteLock,
  ) {}

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
      payloadHash: sm3Hex(canonicalJson(entry.payload)),
    };
    const hash = auditEventHash(body);
    const event: AuditEventDoc = {
      ...body,
      id: newId(),
      hash,
      signature: sm2Sign(hash, this.device.privateKey),
      createdBy: entry.actor?.id ?? 'system',
      createdAt: time,
      updatedAt: time,
    };
    await this.db.auditevents.insert(event);
    this.head = { seq: event.seq, hash };
    return event;
  }

  append(entry: AuditEntry): Promise<AuditEventDoc> {
    return this.lock.run(() => this.appendLocked(entry));
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
}

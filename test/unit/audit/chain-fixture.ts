import { auditEventHash, auditPayloadHash, GENESIS_HASH, type AuditChainEvent } from '../../../shared/audit';
import { generateSm2KeyPair, sm2Sign, type Sm2KeyPair } from '../../../shared/crypto';

/** Chains built with the real hash and signature code, for the pure verifier's tests. */

export const DEVICE_ID = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
export const T0 = Date.UTC(2026, 11, 1, 1, 0, 0);

/** One key for every test of a file: signing is the slow part. */
export const DEVICE_KEYS: Sm2KeyPair = generateSm2KeyPair();
export const FOREIGN_KEYS: Sm2KeyPair = generateSm2KeyPair();

const ACTIONS = ['auth.login', 'user.create', 'user.setRoles', 'auth.logout', 'backup.run'] as const;

export interface EventSeed {
  time?: number;
  action?: string;
  summary?: string;
}

/** Re-links and re-signs events in the given order: seq, prevHash, hash, signature all consistent. */
export function relink(events: readonly AuditChainEvent[], keys: Sm2KeyPair = DEVICE_KEYS, firstSeq = 1): AuditChainEvent[] {
  const out: AuditChainEvent[] = [];
  let prevHash = GENESIS_HASH;
  events.forEach((event, i) => {
    const body = { ...event, seq: firstSeq + i, prevHash };
    const hash = auditEventHash(body);
    out.push({ ...body, hash, signature: sm2Sign(hash, keys.privateKey, { publicKey: keys.publicKey }) });
    prevHash = hash;
  });
  return out;
}

export function buildChain(length: number, seeds: (i: number) => EventSeed = () => ({}), keys: Sm2KeyPair = DEVICE_KEYS): AuditChainEvent[] {
  const bodies: AuditChainEvent[] = Array.from({ length }, (_, i) => {
    const seed = seeds(i);
    return {
      deviceId: DEVICE_ID,
      seq: i + 1,
      prevHash: '',
      time: seed.time ?? T0 + i * 60_000,
      actorId: i % 3 === 0 ? null : `user-${i % 4}`,
      actorName: i % 3 === 0 ? null : `用户${i % 4}`,
      action: seed.action ?? ACTIONS[i % ACTIONS.length] ?? 'auth.login',
      entity: 'user',
      entityId: i % 2 === 0 ? null : `entity-${i}`,
      unitId: 'unit-1',
      summary: seed.summary ?? `第 ${i + 1} 件事：王管理 新建用户 张工（zhanggong）𠀋`,
      payloadHash: auditPayloadHash({ i }),
      hash: '',
      signature: '',
    };
  });
  return relink(bodies, keys);
}

export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

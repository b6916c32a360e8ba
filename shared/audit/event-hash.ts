import { sm3Hex } from '../crypto';
import { canonicalJson } from '../encoding/canonical-json';

/**
 * The one definition of what an audit event's hash covers. The device's writer
 * (electron/core/audit/audit-log.ts), the verifiers (core, command line) and later the provincial
 * server all import it from here, so they cannot drift apart.
 */

/** `prevHash` of the first event of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields whose SM3 is the event's `hash` (and the next event's `prevHash`).
 *
 * Not covered: `id` (storage key) and `createdBy/createdAt/updatedAt` (derived copies of actorId
 * and time). `actorName` is covered: it is what an auditor reads on the audit page, so changing
 * it must break the chain like changing the id does.
 */
export interface AuditHashedFields {
  deviceId: string;
  seq: number;
  prevHash: string;
  time: number;
  actorId: string | null;
  /** the actor's name at the time, as the audit page shows it */
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: string;
  summary: string;
  /** SM3 of the canonical JSON of the change's payload; the payload itself is not in the chain */
  payloadHash: string;
}

/** JSON string characters that JSON.stringify escapes (lone surrogates included, via the u flag). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/u;

/** JSON.stringify of a string, without its cost for the usual string that needs no escaping. */
function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

function jsonOptional(value: string | null): string {
  return value === null ? 'null' : jsonString(value);
}

function wellTyped(e: AuditHashedFields): boolean {
  return (
    typeof e.action === 'string' &&
    (e.actorId === null || typeof e.actorId === 'string') &&
    (e.actorName === null || typeof e.actorName === 'string') &&
    typeof e.deviceId === 'string' &&
    typeof e.entity === 'string' &&
    (e.entityId === null || typeof e.entityId === 'string') &&
    typeof e.payloadHash === 'string' &&
    typeof e.prevHash === 'string' &&
    typeof e.seq === 'number' &&
    Number.isFinite(e.seq) &&
    typeof e.summary === 'string' &&
    typeof e.time === 'number' &&
    Number.isFinite(e.time) &&
    typeof e.unitId === 'string'
  );
}

/**
 * The exact text that is hashed: canonical JSON (keys sorted) of the hashed fields only.
 *
 * Written out by hand, keys already in sorted order, because the generic canonicalJson (sort the
 * keys of every object, recurse, stringify every value) made verifying a long chain cost 2.5×
 * plain SM3 of the same bytes (test/bench/audit.bench.ts). The output is identical to
 * canonicalJson of the picked fields — a unit test and a property test hold it to that — and
 * anything not of the declared types (a tampered row) goes through canonicalJson itself.
 */
export function auditHashInput(e: AuditHashedFields): string {
  if (!wellTyped(e)) {
    // Picked field by field so extra properties of a stored document never enter the hash.
    return canonicalJson({
      deviceId: e.deviceId,
      seq: e.seq,
      prevHash: e.prevHash,
      time: e.time,
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      unitId: e.unitId,
      summary: e.summary,
      payloadHash: e.payloadHash,
    });
  }
  // Finite numbers print the same through String() as through JSON.stringify.
  return (
    `{"action":${jsonString(e.action)},"actorId":${jsonOptional(e.actorId)},"actorName":${jsonOptional(e.actorName)},"deviceId":${jsonString(e.deviceId)},` +
    `"entity":${jsonString(e.entity)},"entityId":${jsonOptional(e.entityId)},"payloadHash":${jsonString(e.payloadHash)},` +
    `"prevHash":${jsonString(e.prevHash)},"seq":${e.seq},"summary":${jsonString(e.summary)},"time":${e.time},"unitId":${jsonString(e.unitId)}}`
  );
}

const encoder = new TextEncoder();
/** Reused for every hash: encoding into it saves an allocation per event (hashing is synchronous). */
let scratch = new Uint8Array(4096);

/** SM3 (hex) of the event's hashed fields: its `hash`, which the device key signs. */
export function auditEventHash(event: AuditHashedFields): string {
  const text = auditHashInput(event);
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return sm3Hex(scratch.subarray(0, written));
}

/** SM3 of a payload as the chain records it. */
export function auditPayloadHash(payload: unknown): string {
  return sm3Hex(canonicalJson(payload));
}

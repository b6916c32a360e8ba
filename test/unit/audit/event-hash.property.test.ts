import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditEventHash, auditHashInput, type AuditHashedFields } from '../../../shared/audit';
import { sm3Hex } from '../../../shared/crypto';
import { canonicalJson } from '../../../shared/encoding/canonical-json';

/**
 * The hand-written hash input (written for speed) must equal canonicalJson of the hashed fields
 * for every input, or chains written by one would not verify with the other.
 */
const tricky = fc
  .array(fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff', '𠀋', '中', 'a', '/', '\n', '\ud83d\ude00'), { maxLength: 12 })
  .map((parts) => parts.join(''));
const text = fc.oneof(fc.string({ unit: 'binary' }), tricky, fc.string());
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(-0), fc.constant(1e21));

const fields: fc.Arbitrary<AuditHashedFields> = fc.record({
  deviceId: text,
  seq: number,
  prevHash: text,
  time: number,
  actorId: fc.option(text, { nil: null }),
  actorName: fc.option(text, { nil: null }),
  action: text,
  entity: text,
  entityId: fc.option(text, { nil: null }),
  unitId: text,
  summary: text,
  payloadHash: text,
});

function picked(e: AuditHashedFields): string {
  const { deviceId, seq, prevHash, time, actorId, actorName, action, entity, entityId, unitId, summary, payloadHash } = e;
  return canonicalJson({ deviceId, seq, prevHash, time, actorId, actorName, action, entity, entityId, unitId, summary, payloadHash });
}

describe('audit hash input', () => {
  it('equals canonicalJson of the hashed fields, and the hash SM3 of it, for any field values', () => {
    fc.assert(
      fc.property(fields, (e) => {
        expect(auditHashInput(e)).toBe(picked(e));
        expect(auditEventHash(e)).toBe(sm3Hex(picked(e)));
      }),
      { numRuns: 2000 },
    );
  });

  it('falls back to canonicalJson for fields of the wrong type, and still hashes a long text', () => {
    const base = { deviceId: 'd', seq: 1, prevHash: 'p', time: 2, actorId: null, actorName: null, action: 'a', entity: 'e', entityId: null, unitId: 'u', summary: 's', payloadHash: 'h' };
    const odd = { ...base, entityId: undefined, seq: '1' } as unknown as AuditHashedFields;
    expect(auditHashInput(odd)).toBe(canonicalJson({ ...base, entityId: undefined, seq: '1' }));
    const long = { ...base, summary: '长'.repeat(10_000) };
    expect(auditEventHash(long)).toBe(sm3Hex(picked(long)));
    expect(auditEventHash(base)).toBe(sm3Hex(picked(base)));
  });
});

import { describe, expect, it } from 'vitest';
import { auditEventHash, auditHashInput, AuditChainVerifier, verifyAuditChain, type AuditChainEvent } from '../../../shared/audit';
import { sm3Hex } from '../../../shared/crypto';
import { canonicalJson } from '../../../shared/encoding/canonical-json';
import { at, buildChain, DEVICE_KEYS, FOREIGN_KEYS, relink, T0 } from './chain-fixture';

const publicKey = DEVICE_KEYS.publicKey;
const CHAIN = buildChain(12);
const HEAD = at(CHAIN, CHAIN.length - 1);
const trustedHead = { seq: HEAD.seq, hash: HEAD.hash, source: '链头检查点' };

function verify(events: readonly AuditChainEvent[], extra: Partial<Parameters<typeof verifyAuditChain>[1]> = {}) {
  return verifyAuditChain(events, { publicKey, trustedHeads: [trustedHead], ...extra });
}

/** As the database returns them: ordered by the (possibly tampered) seq field. */
function bySeq(events: readonly AuditChainEvent[]): AuditChainEvent[] {
  return [...events].sort((a, b) => a.seq - b.seq);
}

describe('the audit event hash', () => {
  it('is SM3 over the canonical JSON of exactly the hashed fields (format frozen by a vector)', () => {
    const event = { deviceId: 'dev-1', seq: 7, prevHash: 'a'.repeat(64), time: 1796086800000, actorId: 'u-1', actorName: '王管理', action: 'auth.login', entity: 'user', entityId: 'u-1', unitId: 'unit-1', summary: '王管理 登录 𠀋', payloadHash: 'b'.repeat(64) };
    expect(auditHashInput({ ...event, ...{ id: 'x', hash: 'y' } })).toBe(canonicalJson(event));
    expect(auditEventHash(event)).toBe(sm3Hex(canonicalJson(event)));
    // Changing this vector means every chain ever written stops verifying.
    expect(auditEventHash(event)).toBe('ec86fdea4f0491b2df30896cdc6006fa1bf3f623cf32b241ff97957a11927da8');
  });
});

describe('verifying an intact chain', () => {
  it('accepts it and reports its head', () => {
    expect(verify(CHAIN)).toEqual({ ok: true, checked: 12, headSeq: 12, headHash: HEAD.hash, timeWarnings: [], timeWarningCount: 0 });
  });

  it('accepts an empty chain, and says the same whatever the page sizes', () => {
    expect(verifyAuditChain([], { publicKey }).ok).toBe(true);
    for (const size of [1, 2, 5, 11]) {
      const verifier = new AuditChainVerifier({ publicKey, trustedHeads: [trustedHead] });
      for (let i = 0; i < CHAIN.length; i += size) verifier.push(CHAIN.slice(i, i + size));
      expect(verifier.finish()).toEqual(verify(CHAIN));
    }
  });

  it('reports the clock going back as a warning, not as a break', () => {
    const chain = buildChain(6, (i) => ({ time: i === 3 ? T0 - 3_600_000 : i === 4 ? T0 + 4 * 60_000 - 60_000 : T0 + i * 60_000 }));
    const result = verifyAuditChain(chain, { publicKey });
    expect(result.ok).toBe(true);
    // event 4 is an hour early; event 5 a minute behind event 3's time: within the tolerance
    expect(result.timeWarnings).toEqual([{ seq: 4, backwardsMs: 2 * 60_000 + 3_600_000 }]);
    expect(result.timeWarningCount).toBe(1);
  });
});

describe('each kind of tampering is detected and named at the first broken link', () => {
  it('an edited field: hashMismatch', () => {
    const tampered = CHAIN.map((e) => (e.seq === 5 ? { ...e, summary: '什么也没发生' } : e));
    expect(verify(tampered)).toMatchObject({ ok: false, checked: 4, headSeq: 4, firstBroken: { seq: 5, reason: 'hashMismatch' } });
  });

  it('an edited actor name (what the audit page shows): hashMismatch', () => {
    const tampered = CHAIN.map((e) => (e.seq === 5 ? { ...e, actorName: '李某' } : e));
    expect(verify(tampered)).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 5, reason: 'hashMismatch' } });
  });

  it('an edited field with its hash recomputed but no key to sign it: badSignature', () => {
    const tampered = CHAIN.map((e) => (e.seq === 5 ? { ...e, summary: '什么也没发生' } : e)).map((e) => (e.seq === 5 ? { ...e, hash: auditEventHash(e) } : e));
    expect(verify(tampered).firstBroken).toMatchObject({ seq: 5, reason: 'badSignature' });
  });

  it('an edited prevHash: prevHashMismatch', () => {
    const tampered = CHAIN.map((e) => (e.seq === 3 ? { ...e, prevHash: 'f'.repeat(64) } : e));
    expect(verify(tampered).firstBroken).toMatchObject({ seq: 3, reason: 'prevHashMismatch' });
  });

  it('an event deleted in the middle, or the first one: gap naming the missing seq', () => {
    const result = verify(CHAIN.filter((e) => e.seq !== 7));
    expect(result).toMatchObject({ ok: false, checked: 6, firstBroken: { seq: 7, reason: 'gap' } });
    expect(result.firstBroken?.message).toContain('第 7 条审计记录缺失');
    expect(verify(CHAIN.filter((e) => e.seq > 2)).firstBroken).toMatchObject({ seq: 1, reason: 'gap' });
  });

  it.each([
    [4, 5],
    [3, 9],
    [1, 12],
  ])('two events with their seqs swapped (%i ↔ %i): reordered at the lower one', (i, j) => {
    const swapped = bySeq(CHAIN.map((e) => (e.seq === i ? { ...e, seq: j } : e.seq === j ? { ...e, seq: i } : e)));
    const result = verify(swapped);
    expect(result).toMatchObject({ ok: false, checked: i - 1, firstBroken: { seq: i, reason: 'reordered' } });
    expect(result.firstBroken?.message).toContain(`序号被改成了第 ${j} 条`);
  });

  it('events delivered out of order: reordered', () => {
    const events = [...CHAIN];
    const [moved] = events.splice(3, 1);
    if (moved) events.splice(6, 0, moved);
    expect(verify(events).firstBroken).toMatchObject({ seq: 4, reason: 'reordered' });
  });

  it('the tail cut off: truncated at the first missing seq, when a trusted head says how far the chain went', () => {
    const cut = CHAIN.slice(0, 9);
    const result = verify(cut);
    expect(result).toMatchObject({ ok: false, checked: 9, headSeq: 9, firstBroken: { seq: 10, reason: 'truncated' } });
    expect(result.firstBroken?.message).toContain('第 10–12 条缺失');
    expect(verify([]).firstBroken).toMatchObject({ seq: 1, reason: 'truncated' });
    // without a head from elsewhere a cut chain is indistinguishable from a short one: why checkpoints exist
    expect(verifyAuditChain(cut, { publicKey }).ok).toBe(true);
  });

  it('the whole chain re-signed consistently with a foreign key: badSignature at seq 1', () => {
    const forged = relink(CHAIN.map((e) => ({ ...e, summary: `${e.summary}（改）` })), FOREIGN_KEYS);
    expect(verifyAuditChain(forged, { publicKey }).firstBroken).toMatchObject({ seq: 1, reason: 'badSignature' });
    // the forged chain is internally perfect: only the expected key from outside catches it
    expect(verifyAuditChain(forged, { publicKey: FOREIGN_KEYS.publicKey }).ok).toBe(true);
    expect(verifyAuditChain(forged, { publicKey, checkSignatures: false }).ok).toBe(true);
  });

  it('a duplicated event: duplicate', () => {
    const events = [...CHAIN];
    events.splice(6, 0, at(CHAIN, 5));
    expect(verify(events).firstBroken).toMatchObject({ seq: 6, reason: 'duplicate' });
  });

  it('a rewrite with the device key itself is caught only by the trusted head: hashMismatch there', () => {
    const rewritten = relink(CHAIN.map((e) => (e.seq === 4 ? { ...e, summary: '改写' } : e)));
    expect(verifyAuditChain(rewritten, { publicKey }).ok).toBe(true);
    expect(verify(rewritten).firstBroken).toMatchObject({ seq: 12, reason: 'hashMismatch' });
  });

  it('a loss the device recorded fails the chain even though the chain now verifies', () => {
    const result = verify(CHAIN, { losses: [{ fromSeq: 8, toSeq: 15, toHash: 'c'.repeat(64), kind: 'missing', detectedAt: T0 }] });
    expect(result).toMatchObject({ ok: false, checked: 12, firstBroken: { seq: 8, reason: 'truncated' } });
    expect(result.firstBroken?.message).toContain('第 8–15 条已不在库中');
  });

  it('a row of the wrong shape is a finding, not a crash', () => {
    const bad = CHAIN.map((e) => (e.seq === 2 ? { ...e, time: Number.NaN } : e));
    expect(verify(bad).firstBroken).toMatchObject({ seq: 2, reason: 'hashMismatch' });
    const badSeq = CHAIN.map((e) => (e.seq === 2 ? ({ ...e, seq: '2' } as unknown as AuditChainEvent) : e));
    expect(verify(badSeq).firstBroken).toMatchObject({ seq: 2, reason: 'hashMismatch' });
    const zero = CHAIN.map((e) => (e.seq === 1 ? { ...e, seq: 0 } : e));
    expect(verify(zero).firstBroken).toMatchObject({ seq: 1, reason: 'hashMismatch' });
  });

  it('stops asking for events once they cannot change the answer', () => {
    const verifier = new AuditChainVerifier({ publicKey });
    const forged = relink(CHAIN, FOREIGN_KEYS);
    expect(verifier.push(forged.slice(0, 3))).toBe(false);
    expect(verifier.finish().checked).toBe(0);
  });
});

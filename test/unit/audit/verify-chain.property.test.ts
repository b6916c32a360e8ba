import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain, type AuditChainEvent } from '../../../shared/audit';
import { at, buildChain, DEVICE_KEYS, FOREIGN_KEYS, relink } from './chain-fixture';

/**
 * For random chains and one random tampering, the verifier never says ok. The verifier is given
 * what the device would give it: the device's public key and its signed head (the original head).
 * Chains are built once per length (signing is the slow part) and mutated per run.
 */
const CHAINS = new Map<number, AuditChainEvent[]>();
function chainOf(length: number): AuditChainEvent[] {
  let chain = CHAINS.get(length);
  if (!chain) {
    chain = buildChain(length, (i) => ({ summary: `事件 ${length}-${i}` }));
    CHAINS.set(length, chain);
  }
  return chain;
}

const FIELDS = ['deviceId', 'seq', 'prevHash', 'time', 'actorId', 'action', 'entity', 'entityId', 'unitId', 'summary', 'payloadHash', 'hash', 'signature'] as const;
type Field = (typeof FIELDS)[number];

function changed(field: Field, old: unknown, salt: number): unknown {
  switch (field) {
    case 'seq':
    case 'time':
      return (old as number) + 1 + salt;
    case 'actorId':
    case 'entityId':
      return old === null ? `x${salt}` : null;
    default: {
      // replace the last character: for hashes and signatures, still valid hex
      const text = String(old);
      return `${text.slice(0, -1)}${text.endsWith('0') ? '1' : '0'}`;
    }
  }
}

type Mutation =
  | { kind: 'edit'; index: number; field: Field; salt: number }
  | { kind: 'delete'; index: number }
  | { kind: 'swapSeq'; i: number; j: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'duplicate'; index: number }
  | { kind: 'truncate'; keep: number }
  | { kind: 'resignForeign' }
  | { kind: 'rewriteWithDeviceKey'; index: number };

function mutation(length: number): fc.Arbitrary<Mutation> {
  const index = fc.nat({ max: length - 1 });
  // a second, different index (only for chains of two or more)
  const pair = fc.tuple(index, fc.nat({ max: Math.max(length - 2, 0) })).map(([i, offset]) => [i, (i + 1 + offset) % length] as const);
  const options: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant('edit' as const), index, field: fc.constantFrom(...FIELDS), salt: fc.nat({ max: 1000 }) }),
    fc.record({ kind: fc.constant('delete' as const), index }),
    fc.record({ kind: fc.constant('duplicate' as const), index }),
    fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat({ max: length - 1 }) }),
    fc.constant({ kind: 'resignForeign' as const }),
    fc.record({ kind: fc.constant('rewriteWithDeviceKey' as const), index }),
  ];
  if (length >= 2) {
    options.push(pair.map(([i, j]): Mutation => ({ kind: 'swapSeq', i, j })));
    options.push(pair.map(([from, to]): Mutation => ({ kind: 'move', from, to })));
  }
  return fc.oneof(...options);
}

function apply(chain: readonly AuditChainEvent[], m: Mutation): AuditChainEvent[] {
  switch (m.kind) {
    case 'edit':
      return chain.map((e, k) => (k === m.index ? { ...e, [m.field]: changed(m.field, e[m.field], m.salt) } : e));
    case 'delete':
      return chain.filter((_, k) => k !== m.index);
    case 'swapSeq': {
      const a = at(chain, m.i).seq;
      const b = at(chain, m.j).seq;
      // the database returns rows ordered by their (now swapped) seq
      return chain.map((e) => (e.seq === a ? { ...e, seq: b } : e.seq === b ? { ...e, seq: a } : e)).sort((x, y) => x.seq - y.seq);
    }
    case 'move': {
      const events = [...chain];
      const [moved] = events.splice(m.from, 1);
      if (moved) events.splice(m.to, 0, moved);
      return events;
    }
    case 'duplicate': {
      const events = [...chain];
      events.splice(m.index, 0, at(chain, m.index));
      return events;
    }
    case 'truncate':
      return chain.slice(0, m.keep);
    case 'resignForeign':
      return relink(chain, FOREIGN_KEYS);
    case 'rewriteWithDeviceKey':
      // an attacker holding the device key: alter one event and re-link everything after it
      return relink(chain.map((e, k) => (k === m.index ? { ...e, summary: `${e.summary}（改）` } : e)));
  }
}

describe('verifier property', () => {
  it('never says ok for a tampered chain', () => {
    const scenario = fc.integer({ min: 1, max: 10 }).chain((length) => fc.tuple(fc.constant(length), mutation(length)));
    fc.assert(
      fc.property(scenario, ([length, m]) => {
        const chain = chainOf(length);
        const head = at(chain, chain.length - 1);
        const tampered = apply(chain, m);
        const result = verifyAuditChain(tampered, { publicKey: DEVICE_KEYS.publicKey, trustedHeads: [{ seq: head.seq, hash: head.hash, source: '链头检查点' }] });
        expect(result.ok, JSON.stringify(m)).toBe(false);
        expect(result.firstBroken?.seq).toBeGreaterThanOrEqual(1);
        expect(result.firstBroken?.seq).toBeLessThanOrEqual(length + 1);
      }),
      { numRuns: 400 },
    );
  });

  it('says ok for every untampered chain', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), (length) => {
        const chain = length === 0 ? [] : chainOf(length);
        expect(verifyAuditChain(chain, { publicKey: DEVICE_KEYS.publicKey }).ok).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../electron/core/seed/prng';
import { SeededIds } from '../../../electron/core/seed/seeded-ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('seeded PRNG', () => {
  it('gives the same sequence for the same seed and a different one for another', () => {
    const draw = (seed: string) => {
      const p = new Prng(seed);
      return Array.from({ length: 20 }, () => p.nextUint32());
    };
    expect(draw('县')).toEqual(draw('县'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('forks streams that do not depend on how much the parent drew', () => {
    const a = new Prng('s');
    const b = new Prng('s');
    for (let i = 0; i < 100; i += 1) b.next();
    expect(a.fork('district:3').hex(32)).toBe(b.fork('district:3').hex(32));
    expect(a.fork('district:3').hex(32)).not.toBe(a.fork('district:4').hex(32));
  });

  it('keeps int() within its bounds and shuffle() a permutation', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (seed, min, span) => {
        const p = new Prng(seed);
        for (let i = 0; i < 20; i += 1) {
          const v = p.int(min, min + span);
          expect(Number.isInteger(v) && v >= min && v <= min + span).toBe(true);
        }
        const items = Array.from({ length: 10 }, (_, i) => i);
        expect(p.shuffle(items).sort((x, y) => x - y)).toEqual(items);
      }),
    );
  });

  it('picks by weight roughly in proportion', () => {
    const p = new Prng('w');
    let heavy = 0;
    for (let i = 0; i < 10_000; i += 1) if (p.weighted([['heavy', 9], ['light', 1]] as const) === 'heavy') heavy += 1;
    expect(heavy).toBeGreaterThan(8_700);
    expect(heavy).toBeLessThan(9_300);
  });
});

describe('seeded UUIDv7-shaped ids', () => {
  it('start at the base time, have the v7 shape, repeat for a seed and never collide', () => {
    const base = Date.UTC(2019, 0, 1, 1, 0, 0);
    const ids = new SeededIds(new Prng('ids'), base);
    const made = Array.from({ length: 50_000 }, () => ids.next());
    for (const id of made.slice(0, 100)) expect(id).toMatch(UUID_V7);
    expect(parseInt(made[0]!.replaceAll('-', '').slice(0, 12), 16)).toBe(base);
    expect(new Set(made).size).toBe(made.length);
    expect(new SeededIds(new Prng('ids'), base).next()).toBe(made[0]);
    expect(() => new SeededIds(new Prng('x'), -1)).toThrow(RangeError);
  });

  it('increase strictly in the order they are made, like a device’s own v7 ids', () => {
    const ids = new SeededIds(new Prng('t'), 1_000_000);
    const made = Array.from({ length: 10_000 }, () => ids.next());
    expect([...made].sort()).toEqual(made);
  });
});

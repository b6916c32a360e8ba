import type { Prng } from './prng';

/**
 * UUIDv7-shaped ids from a seeded PRNG: the 48-bit millisecond prefix is the document's own
 * creation time (so ids sort by time like the app's `newId()`), the 74 remaining bits come from
 * the PRNG. Deterministic for a seed, and as collision-free as random v7 ids in practice.
 */
export class SeededIds {
  constructor(private readonly prng: Prng) {}

  next(atMs: number): string {
    if (!Number.isSafeInteger(atMs) || atMs < 0 || atMs >= 2 ** 48) throw new RangeError(`id time out of range: ${atMs}`);
    const time = atMs.toString(16).padStart(12, '0');
    const randA = this.prng.hex(3);
    const variant = ((this.prng.nextUint32() & 0x3) | 0x8).toString(16);
    const randB = this.prng.hex(15);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-${variant}${randB.slice(0, 3)}-${randB.slice(3, 15)}`;
  }
}

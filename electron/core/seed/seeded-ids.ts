import type { Prng } from './prng';

/** Ids per millisecond of the time prefix: the 12-bit rand_a field carries a counter. */
const PER_MS = 4096;

/**
 * UUIDv7-shaped ids from a seeded PRNG and a fixed base time: the 48-bit millisecond prefix and
 * the 12-bit counter after the version (RFC 9562 §6.2, method 1) count up from the base, the
 * other 62 bits come from the PRNG. So ids are deterministic for a seed, unique, and strictly
 * increasing in the order documents are generated — which keeps SQLite's primary-key and
 * id-prefixed index inserts at the right edge of their B-trees instead of all over them, the
 * difference between minutes and hours for a large county.
 */
export class SeededIds {
  private count = 0;

  constructor(
    private readonly prng: Prng,
    private readonly baseMs: number,
  ) {
    if (!Number.isSafeInteger(baseMs) || baseMs < 0 || baseMs >= 2 ** 47) throw new RangeError(`id base time out of range: ${baseMs}`);
  }

  next(): string {
    const ms = this.baseMs + Math.floor(this.count / PER_MS);
    const counter = this.count % PER_MS;
    this.count += 1;
    const time = ms.toString(16).padStart(12, '0');
    const randA = counter.toString(16).padStart(3, '0');
    const variant = ((this.prng.nextUint32() & 0x3) | 0x8).toString(16);
    const randB = this.prng.hex(15);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-${variant}${randB.slice(0, 3)}-${randB.slice(3, 15)}`;
  }
}

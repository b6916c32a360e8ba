import { getIndexMeta, type RxDocumentData, type RxJsonSchema } from 'rxdb/plugins/core';

/**
 * Index key encoding.
 *
 * RxDB describes every index as an "indexable string" (see
 * `getIndexableStringMonad`) and expects storages to order those strings the
 * way JavaScript's `<` does, i.e. by UTF-16 code units. We store each key as
 * a BLOB, which SQLite orders by memcmp (shorter prefix first), so the
 * encoding must turn JS order into byte order — and it should be small:
 * every key is written to the row and to its index, and RxDB pads every
 * field to its maxLength with spaces (['_deleted','projectId','status','id']
 * is 91 characters for ~30 characters of content).
 *
 * The encoding, code unit by code unit:
 * - A maximal run of k spaces becomes the byte 0x20 and one count byte per
 *   up to 127 spaces (below). 40 padding spaces take 2 bytes, not 40 or 80.
 * - Any other code unit c is written like UTF-8 writes a code point, but per
 *   UTF-16 code unit (as CESU-8 does): c < 0x80 in 1 byte (ASCII stays
 *   ASCII), c < 0x800 in 2, else 3. A surrogate pair is two 3-byte units.
 *   UTF-8's byte order equals the numeric order of what it encodes, so
 *   encoding code units (0xD800..0xDFFF included) sorts by code unit: a
 *   surrogate pair (rare CJK like 𠀀) sorts below U+E000..U+FFFF exactly as in
 *   JS, where real UTF-8, ordering by code point, would put it above them
 *   and lose it from range scans padded with U+FFFF.
 *
 * Why the space runs keep the order. Compare two strings at the first place
 * where their encodings can differ:
 * - a space run against another unit c: JS compares ' ' with c; the bytes
 *   compare 0x20 with the first byte of c, which is c itself for ASCII and
 *   >= 0xC2 otherwise — the same answer;
 * - a string that ended against anything: shorter is smaller in both;
 * - two space runs of k and m spaces: if k < m, position k decides, where
 *   the first string continues with what follows its run: "below" (a unit
 *   < 0x20, or the end) makes it smaller, "above" (> 0x20) makes it larger;
 *   the length of the longer run does not matter. With equal lengths the
 *   units after the runs decide, and "below" < "above" again. So the count
 *   byte orders runs as below(1) < below(2) < … < below(127) < FULL <
 *   above(127) < … < above(1): below(k) = k, above(k) = 256 - k, and FULL =
 *   128 marks a chunk of 127 spaces followed by more spaces (which, as the
 *   continuation of a run, lies between every "below" and every "above").
 * Dropping trailing spaces instead would not work: "a\u0001" < "a " in JS,
 * but "a\u0001" > "a" once the space is gone.
 *
 * test/integration/db/sqlite-storage/index-keys.test.ts checks all of this
 * with fast-check against JS comparison of the unencoded strings.
 */

const SPACE = 0x20;
/** Spaces per count byte. */
const RUN_CHUNK = 127;
/** Count byte of a full chunk that more spaces follow. */
const FULL_CHUNK = 128;

/**
 * Streams code units into a key. Spaces are only counted until the next
 * other unit (or the end) shows which class their run has, so a key can be
 * written field by field (createKeyEncoder) with exactly the bytes
 * encodeIndexKey gives for the concatenated string.
 */
class KeyWriter {
  private out = Buffer.allocUnsafe(1024);
  private n = 0;
  private pendingSpaces = 0;

  start(): void {
    this.n = 0;
    this.pendingSpaces = 0;
  }

  /** Appends the code units of `value` (at most 3 bytes each; a lone space takes 2). */
  units(value: string): void {
    const length = value.length;
    this.reserve(length * 3);
    for (let i = 0; i < length; i++) {
      const c = value.charCodeAt(i);
      if (c === SPACE) {
        this.pendingSpaces++;
        continue;
      }
      if (this.pendingSpaces > 0) {
        this.flushSpaces(c > SPACE);
      }
      const out = this.out;
      if (c < 0x80) {
        out[this.n++] = c;
      } else if (c < 0x800) {
        out[this.n++] = 0xc0 | (c >> 6);
        out[this.n++] = 0x80 | (c & 0x3f);
      } else {
        out[this.n++] = 0xe0 | (c >> 12);
        out[this.n++] = 0x80 | ((c >> 6) & 0x3f);
        out[this.n++] = 0x80 | (c & 0x3f);
      }
    }
  }

  /** Appends `count` spaces (RxDB's padding) without building them. */
  spaces(count: number): void {
    if (count > 0) {
      this.pendingSpaces += count;
    }
  }

  finish(): Buffer {
    if (this.pendingSpaces > 0) {
      // The end of the key sorts below everything, like a unit < U+0020.
      this.flushSpaces(false);
    }
    const n = this.n;
    const out = this.out;
    const key = Buffer.allocUnsafe(n);
    // Keys are short: a plain loop beats Buffer#copy's argument handling.
    for (let i = 0; i < n; i++) {
      key[i] = out[i] ?? 0;
    }
    return key;
  }

  /** Room for `bytes` more (plus a pending space run): fields may exceed their maxLength. */
  private reserve(bytes: number): void {
    const needed = this.n + bytes + 2 * Math.ceil(this.pendingSpaces / RUN_CHUNK) + 2;
    if (this.out.length < needed) {
      const bigger = Buffer.allocUnsafe(needed * 2);
      this.out.copy(bigger, 0, 0, this.n);
      this.out = bigger;
    }
  }

  private flushSpaces(aboveFollows: boolean): void {
    this.reserve(0);
    let run = this.pendingSpaces;
    this.pendingSpaces = 0;
    const out = this.out;
    while (run > RUN_CHUNK) {
      out[this.n++] = SPACE;
      out[this.n++] = FULL_CHUNK;
      run -= RUN_CHUNK;
    }
    out[this.n++] = SPACE;
    out[this.n++] = aboveFollows ? 256 - run : run;
  }
}

/** Keys are written one at a time, synchronously, so one writer serves all. */
const writer = new KeyWriter();

/** Encodes a JS string into bytes whose memcmp order equals JS `<` order. */
export function encodeIndexKey(value: string): Buffer {
  writer.start();
  writer.units(value);
  return writer.finish();
}

/**
 * Returns a function computing `encodeIndexKey(getIndexableStringMonad(schema, fields)(doc))`
 * without building RxDB's padded string: string fields are streamed and their
 * padding is only counted; numbers and booleans use RxDB's own field strings.
 * (Twice as fast on the insert path; index-keys.test.ts checks it is the
 * same bytes.)
 */
export function createKeyEncoder<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  fields: readonly string[],
): (doc: RxDocumentData<RxDocType>) => Buffer {
  const parts = getIndexMeta(schema, fields.slice(0)).map((meta) => ({
    isString: meta.schemaPart.type === 'string',
    maxLength: typeof meta.schemaPart.maxLength === 'number' ? meta.schemaPart.maxLength : 0,
    getValue: meta.getValue,
    getIndexStringPart: meta.getIndexStringPart,
  }));
  return (doc) => {
    writer.start();
    for (const part of parts) {
      if (part.isString) {
        const value: unknown = part.getValue(doc);
        // RxDB: `(value || '').padEnd(maxLength, ' ')`; anything else goes through RxDB itself.
        if (typeof value === 'string' || !value) {
          const text = typeof value === 'string' ? value : '';
          writer.units(text);
          writer.spaces(part.maxLength - text.length);
          continue;
        }
      }
      writer.units(part.getIndexStringPart(doc));
    }
    return writer.finish();
  };
}

/** Inverse of `encodeIndexKey`, used for debugging and tests. */
export function decodeIndexKey(bytes: Uint8Array): string {
  const units: number[] = [];
  let i = 0;
  const next = (): number => {
    const byte = bytes[i++];
    if (byte === undefined) {
      throw new Error('sqlite-storage: truncated index key');
    }
    return byte;
  };
  while (i < bytes.length) {
    const b = next();
    if (b === SPACE) {
      const count = next();
      const run = count === FULL_CHUNK ? RUN_CHUNK : count < FULL_CHUNK ? count : 256 - count;
      for (let k = 0; k < run; k++) {
        units.push(SPACE);
      }
    } else if (b < 0x80) {
      units.push(b);
    } else if (b < 0xe0) {
      units.push(((b & 0x1f) << 6) | (next() & 0x3f));
    } else {
      const b1 = next() & 0x3f;
      units.push(((b & 0x0f) << 12) | (b1 << 6) | (next() & 0x3f));
    }
  }
  let result = '';
  // In slices: String.fromCharCode has an argument limit.
  for (let start = 0; start < units.length; start += 8192) {
    result += String.fromCharCode(...units.slice(start, start + 8192));
  }
  return result;
}

/**
 * Compares two strings by Unicode code point, which is the order SQLite uses
 * for TEXT columns with the BINARY collation (memcmp over UTF-8).
 * We need this in JS wherever we must agree with SQLite's ordering of plain
 * TEXT columns, e.g. when choosing the newest `(lwt, id)` checkpoint.
 */
export function compareByCodePoint(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(i) ?? 0;
    if (ca !== cb) {
      return ca < cb ? -1 : 1;
    }
    // Equal astral code points span two code units in both strings.
    if (ca > 0xffff) {
      i++;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

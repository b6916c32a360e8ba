/**
 * Index key encoding.
 *
 * RxDB describes every index as an "indexable string" (see
 * `getIndexableStringMonad`) and expects storages to order those strings the
 * way JavaScript's `<` does, i.e. by UTF-16 code units.
 *
 * SQLite's TEXT comparison (BINARY collation) is a memcmp over UTF-8 bytes,
 * which orders by Unicode code point. Both orders agree inside the BMP but not
 * across it: a surrogate pair (U+D800..U+DFFF code units, used for e.g. rare
 * CJK ideographs like 𠀀 U+20000) sorts *below* U+E000..U+FFFF in UTF-16 but
 * *above* them in UTF-8. RxDB's upper bounds are padded with U+FFFF, so with
 * TEXT columns such documents would even fall outside `$gte` range scans.
 *
 * Encoding the string as UTF-16 big-endian bytes makes memcmp order identical
 * to code-unit order: each code unit becomes two bytes, most significant byte
 * first, and a shorter prefix sorts first in both worlds. We store these keys
 * as BLOBs so SQLite never applies text affinity or collation to them.
 */

/** Encodes a JS string into bytes whose memcmp order equals JS `<` order. */
export function encodeIndexKey(value: string): Buffer {
  // 'utf16le' copies raw UTF-16 code units (lone surrogates included);
  // swap16 turns them into big-endian in place without another allocation.
  return Buffer.from(value, 'utf16le').swap16();
}

/** Inverse of `encodeIndexKey`, used for debugging and tests. */
export function decodeIndexKey(bytes: Uint8Array): string {
  const copy = Buffer.from(bytes);
  return copy.swap16().toString('utf16le');
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

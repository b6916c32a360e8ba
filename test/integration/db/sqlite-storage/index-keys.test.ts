import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareByCodePoint,
  decodeIndexKey,
  encodeIndexKey,
} from '../../../../electron/core/db/sqlite-storage/index-keys';

/** JS string order, i.e. what RxDB's memory storage and sort comparators use. */
function jsCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
/** Full code points: BMP characters and surrogate pairs. */
const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((n) => String.fromCodePoint(n));
/** Characters around the problem zones: ASCII, CJK, surrogates, private use, U+FFFF. */
const tricky = fc.constantFrom('a', ' ', '\u0000', '一', '\uD7FF', '𠀀', '😀', '\uE000', '！', '\uFFFF', '\uD800', '\uDFFF');
const unit = fc.oneof(codeUnit, codePoint, tricky);
const anyString = fc.array(unit, { maxLength: 12 }).map((parts) => parts.join(''));

describe('UTF-16BE index keys', () => {
  it('Buffer.compare of encoded keys equals JS < on random strings with surrogate pairs', () => {
    fc.assert(
      fc.property(anyString, anyString, (a, b) => {
        expect(sign(Buffer.compare(encodeIndexKey(a), encodeIndexKey(b)))).toBe(jsCompare(a, b));
      }),
      { numRuns: 5_000 },
    );
  });

  it('sorting encoded keys gives the JS sort order', () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 40 }), (values) => {
        const byJs = [...values].sort(jsCompare);
        const byBytes = values
          .map((v) => encodeIndexKey(v))
          .sort(Buffer.compare)
          .map((b) => decodeIndexKey(b));
        expect(byBytes).toEqual(byJs);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips every string, lone surrogates included', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        expect(decodeIndexKey(encodeIndexKey(value))).toBe(value);
      }),
    );
  });

  it('SQLite orders the BLOBs exactly like JS, where TEXT (UTF-8) does not', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (txt TEXT, key BLOB)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    const values = ['！', '𠀀', '一', 'a', '\uFFFF', '😀', '\uE000', 'ab', ''];
    for (const v of values) {
      insert.run(v, encodeIndexKey(v));
    }
    const byBlob = db.prepare('SELECT txt FROM t ORDER BY key').pluck().all();
    const byText = db.prepare('SELECT txt FROM t ORDER BY txt').pluck().all();
    const byJs = [...values].sort(jsCompare);
    expect(byBlob).toEqual(byJs);
    // The reason for the whole exercise: UTF-8 TEXT puts 𠀀 after ！ and U+FFFF.
    expect(byText).not.toEqual(byJs);
    db.close();
  });

  it('compareByCodePoint matches SQLite TEXT order (memcmp over UTF-8)', () => {
    // UTF-8 cannot represent lone surrogates, so only well-formed strings here.
    const scalar = fc
      .integer({ min: 0, max: 0x10ffff - 0x800 })
      .map((n) => String.fromCodePoint(n >= 0xd800 ? n + 0x800 : n));
    const wellFormed = fc.array(fc.oneof(scalar, tricky.filter((c) => c !== '\uD800' && c !== '\uDFFF')), {
      maxLength: 10,
    });
    fc.assert(
      fc.property(wellFormed, wellFormed, (pa, pb) => {
        const a = pa.join('');
        const b = pb.join('');
        const utf8 = sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
        expect(sign(compareByCodePoint(a, b))).toBe(utf8);
      }),
      { numRuns: 3_000 },
    );
  });
});

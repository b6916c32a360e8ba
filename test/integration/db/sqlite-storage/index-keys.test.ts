import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillWithDefaultSettings, getIndexableStringMonad, type RxDocumentData } from 'rxdb/plugins/core';
import {
  compareByCodePoint,
  createKeyEncoder,
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

/**
 * Around the space-run encoding: runs of every length (also across the
 * 127-space chunk), and what may follow them: units below U+0020 (including
 * U+0000), the end, '!' just above, non-ASCII, surrogates.
 */
const spaceRun = fc.integer({ min: 1, max: 300 }).map((n) => ' '.repeat(n));
const nearSpace = fc.constantFrom('\u0000', '\u0001', '\u001f', '!', '~', '\u007f', '\u0080', 'é', '张', '\uD83D', '😀', '\uFFFF');
const runHeavy = fc
  .array(fc.oneof({ weight: 3, arbitrary: spaceRun }, { weight: 3, arbitrary: nearSpace }, { weight: 1, arbitrary: unit }), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

/** An RxDB-style index string: fixed-width fields, each padded with spaces to its width. */
const paddedFields = fc
  .array(fc.tuple(fc.array(fc.oneof(nearSpace, tricky, fc.constant(' ')), { maxLength: 6 }), fc.integer({ min: 6, max: 140 })), {
    minLength: 1,
    maxLength: 4,
  })
  .map((fields) => fields.map(([chars, width]) => chars.join('').slice(0, width).padEnd(width, ' ')));
function sameShapeStrings(): fc.Arbitrary<[string, string]> {
  // Two index strings of one index: same field widths, different contents.
  return paddedFields.chain((a) =>
    fc
      .tuple(...a.map((field) => fc.array(fc.oneof(nearSpace, tricky, fc.constant(' ')), { maxLength: 6 }).map((chars) => chars.join('').slice(0, field.length).padEnd(field.length, ' '))))
      .map((b): [string, string] => [a.join(''), b.join('')]),
  );
}

describe('index keys: byte order equals JS string order', () => {
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

  it('keeps JS order around space runs of any length and whatever follows them', () => {
    fc.assert(
      fc.property(runHeavy, runHeavy, (a, b) => {
        expect(sign(Buffer.compare(encodeIndexKey(a), encodeIndexKey(b)))).toBe(jsCompare(a, b));
      }),
      { numRuns: 8_000 },
    );
  });

  it('keeps JS order between padded index strings of one index', () => {
    fc.assert(
      fc.property(sameShapeStrings(), ([a, b]) => {
        expect(a.length).toBe(b.length);
        expect(sign(Buffer.compare(encodeIndexKey(a), encodeIndexKey(b)))).toBe(jsCompare(a, b));
      }),
      { numRuns: 4_000 },
    );
  });

  it('round-trips space runs of any length', () => {
    fc.assert(
      fc.property(runHeavy, (value) => {
        expect(decodeIndexKey(encodeIndexKey(value))).toBe(value);
      }),
      { numRuns: 5_000 },
    );
  });

  it('orders the cases that trimming padding would get wrong', () => {
    // In JS order, ascending; trimmed, 'a\u0001' and 'a\u0000…' would sort above 'a'.
    const ordered = ['a', 'a\u0000', 'a\u0001', 'a\u001f', 'a ', 'a \u0000', 'a  ', 'a' + ' '.repeat(127), 'a' + ' '.repeat(128), 'a' + ' '.repeat(300), 'a' + ' '.repeat(128) + '!', 'a' + ' '.repeat(127) + '!', 'a  !', 'a !', 'a!', 'a!  '];
    expect([...ordered].sort(jsCompare)).toEqual(ordered);
    expect(
      ordered
        .map((v) => encodeIndexKey(v))
        .sort(Buffer.compare)
        .map((b) => decodeIndexKey(b)),
    ).toEqual(ordered);
  });

  it('stores ASCII in one byte and padding in two', () => {
    expect(encodeIndexKey('proj-0001')).toEqual(Buffer.from('proj-0001', 'latin1'));
    const padded = '0' + 'proj-0001'.padEnd(40, ' ') + 'pending'.padEnd(10, ' ') + 'pr-0000001'.padEnd(40, ' ');
    expect(encodeIndexKey(padded).length).toBe(1 + 9 + 2 + 7 + 2 + 10 + 2);
    // The UTF-16BE keys stored before took two bytes per padded character.
    expect(padded.length * 2).toBe(182);
    expect(encodeIndexKey('张').length).toBe(3);
    expect(encodeIndexKey('𠀀').length).toBe(6);
  });

  it('SQLite orders the BLOBs exactly like JS, where TEXT (UTF-8) does not', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (txt TEXT, key BLOB)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    const values = ['！', '𠀀', '一', 'a', '\uFFFF', '😀', '\uE000', 'ab', '', 'a ', 'a\u0001', 'a  b', 'a ' + '\uFFFF'];
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

  it('createKeyEncoder writes exactly the bytes of encodeIndexKey(RxDB index string) for any document', () => {
    type Doc = { id: string; name?: string; short?: string; age?: number; score?: number; flag?: boolean; address?: { zip?: string } };
    const schema = fillWithDefaultSettings<Doc>({
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: {
        id: { type: 'string', maxLength: 40 },
        name: { type: 'string', maxLength: 20 },
        short: { type: 'string', maxLength: 3 },
        age: { type: 'integer', minimum: 0, maximum: 150, multipleOf: 1 },
        score: { type: 'number', minimum: -1000, maximum: 1000, multipleOf: 0.01 },
        flag: { type: 'boolean' },
        address: { type: 'object', properties: { zip: { type: 'string', maxLength: 10 } } },
      },
      required: ['id'],
    });
    const indexes = [
      ['_deleted', 'name', 'id'],
      ['short', 'age', 'name'],
      ['flag', 'score', 'address.zip', 'id'],
      ['_meta.lwt', 'id'],
      ['name'],
    ];
    const text = fc.oneof(runHeavy, anyString, fc.constant(''), fc.constant(' '));
    const doc = fc.record(
      {
        id: text,
        name: text,
        short: text,
        age: fc.integer({ min: -10, max: 200 }),
        score: fc.double({ min: -2000, max: 2000, noNaN: true }),
        flag: fc.boolean(),
        address: fc.record({ zip: text }, { requiredKeys: [] }),
      },
      { requiredKeys: ['id'] },
    );
    const encoders = indexes.map((fields) => ({
      toString: getIndexableStringMonad(schema, fields),
      toKey: createKeyEncoder(schema, fields),
    }));
    fc.assert(
      fc.property(doc, fc.boolean(), (fields, deleted) => {
        const data = { ...fields, _deleted: deleted, _attachments: {}, _rev: '1-a', _meta: { lwt: 1_700_000_000_000.5 } } as RxDocumentData<Doc>;
        for (const encoder of encoders) {
          expect(encoder.toKey(data).equals(encodeIndexKey(encoder.toString(data)))).toBe(true);
        }
      }),
      { numRuns: 5_000 },
    );
  });
});

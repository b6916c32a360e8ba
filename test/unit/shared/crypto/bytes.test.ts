import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  bytesToUtf8,
  concatBytes,
  constantTimeEqual,
  hexToBytes,
  randomBytes,
  utf8ToBytes,
} from '../../../../shared/crypto';

describe('hex', () => {
  it('round-trips any bytes, writing lower case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const hex = bytesToHex(bytes);
        return /^[0-9a-f]*$/u.test(hex) && hex.length === bytes.length * 2 && bytesToHex(hexToBytes(hex)) === hex;
      }),
    );
    expect(bytesToHex(new Uint8Array([0, 15, 16, 255]))).toBe('000f10ff');
    expect(hexToBytes('00FfA0')).toEqual(new Uint8Array([0, 255, 160]));
  });

  it('is strict: odd length and non-hex characters throw', () => {
    expect(() => hexToBytes('abc')).toThrow(RangeError);
    expect(() => hexToBytes('zz')).toThrow(RangeError);
    expect(() => hexToBytes('0x00')).toThrow(RangeError);
    expect(() => hexToBytes(' 00')).toThrow(RangeError);
    expect(hexToBytes('')).toEqual(new Uint8Array(0));
  });
});

describe('utf8', () => {
  it('round-trips any string of whole code points', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => bytesToUtf8(utf8ToBytes(text)) === text));
    expect(utf8ToBytes('¥')).toEqual(new Uint8Array([0xc2, 0xa5]));
  });

  it('throws on bytes that are not UTF-8 instead of inventing U+FFFD', () => {
    expect(() => bytesToUtf8(new Uint8Array([0xff, 0xfe]))).toThrow(TypeError);
  });
});

describe('concatBytes / constantTimeEqual', () => {
  it('concatenates', () => {
    expect(concatBytes(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3]))).toEqual(new Uint8Array([1, 2, 3]));
    expect(concatBytes()).toEqual(new Uint8Array(0));
  });

  it('compares', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});

describe('randomBytes', () => {
  it('returns the requested length, including beyond the 64 KiB getRandomValues limit', () => {
    expect(randomBytes(0).length).toBe(0);
    expect(randomBytes(32).length).toBe(32);
    const big = randomBytes(200_000);
    expect(big.length).toBe(200_000);
    expect(big.subarray(150_000).some((b) => b !== 0)).toBe(true); // the last chunk was filled too
  });

  it('does not repeat', () => {
    expect(bytesToHex(randomBytes(16))).not.toBe(bytesToHex(randomBytes(16)));
  });

  it('rejects a bad length', () => {
    expect(() => randomBytes(-1)).toThrow(RangeError);
    expect(() => randomBytes(1.5)).toThrow(RangeError);
  });
});

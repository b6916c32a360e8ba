import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, hmacSm3Bytes, hmacSm3Hex, sm3Bytes, sm3Hex, utf8ToBytes } from '../../../../shared/crypto';
import { smCryptoV1 } from './sm-crypto-v1';

describe('SM3 — GB/T 32905-2016 appendix A', () => {
  it('example 1: "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('example 2: "abcd" × 16 (512 bits, two blocks after padding)', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('hashes strings as UTF-8 and bytes as given', () => {
    expect(sm3Hex(utf8ToBytes('abc'))).toBe(sm3Hex('abc'));
    expect(sm3Hex('工程款')).toBe(sm3Hex(new Uint8Array([0xe5, 0xb7, 0xa5, 0xe7, 0xa8, 0x8b, 0xe6, 0xac, 0xbe])));
    expect(sm3Hex('𠀀')).toBe(sm3Hex(new Uint8Array([0xf0, 0xa0, 0x80, 0x80]))); // outside the BMP
  });

  it('sm3Bytes is the 32 bytes of sm3Hex', () => {
    const digest = sm3Bytes('abc');
    expect(digest).toBeInstanceOf(Uint8Array);
    expect(digest.length).toBe(32);
    expect(bytesToHex(digest)).toBe(sm3Hex('abc'));
  });

  it('hashes the empty input', () => {
    // SM3(""), as in GmSSL's and OpenSSL's test data.
    expect(sm3Hex('')).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it('agrees with sm-crypto on arbitrary strings and bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.uint8Array({ maxLength: 300 })), (data) => {
        return sm3Hex(data) === smCryptoV1.sm3(data);
      }),
      { numRuns: 200 },
    );
  });
});

describe('HMAC-SM3 — GM/T 0042-2015 appendix D.3 (as in OpenSSL and libxcrypt test data)', () => {
  const key32 = hexToBytes('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20');

  it('vector 1: 32-byte key, 112-byte message', () => {
    const message = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2);
    expect(hmacSm3Hex(key32, message)).toBe('ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a');
  });

  it('vector 2: 37-byte key, 50 × 0xcd', () => {
    const key = hexToBytes('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425');
    expect(hmacSm3Hex(key, new Uint8Array(50).fill(0xcd))).toBe(
      '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae',
    );
  });

  it('vector 3: 32 × 0x0b, "Hi There"', () => {
    expect(hmacSm3Hex(new Uint8Array(32).fill(0x0b), 'Hi There')).toBe(
      'c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e',
    );
  });

  it('vector 4: "Jefe", "what do ya want for nothing?" (a string key is UTF-8)', () => {
    expect(hmacSm3Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '2e87f1d16862e6d964b50a5200bf2b10b764faa9680a296a2405f24bec39f882',
    );
  });

  it('a key longer than the 64-byte block is hashed first (libxcrypt\'s extra vector)', () => {
    const key = 'It\'s complicated to explain, but we need some text that clearly exceeds sixtyfour bytes of data for the key to test coverage....';
    expect(hmacSm3Hex(key, 'What is the purpose of this test???')).toBe(
      'd3dec863e316596238090eace661e6d3c4cbae43dcf0060c71f0e4e5dc5ff7d3',
    );
  });

  it('hmacSm3Bytes is the 32 bytes of hmacSm3Hex, and the key matters', () => {
    expect(bytesToHex(hmacSm3Bytes('k', 'm'))).toBe(hmacSm3Hex('k', 'm'));
    expect(hmacSm3Hex('k1', 'm')).not.toBe(hmacSm3Hex('k2', 'm'));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, hmacSm3Bytes, randomBytes, sm3Hex, utf8ToBytes } from '../../../../shared/crypto';
import { hmacSm3Fast, HmacSm3, Sm3Hasher, sm3Engine, sm3Fast } from '../../../../shared/crypto/sm3-fast';

const ENGINES = ['auto', 'js'] as const;

describe('streaming SM3 — GB/T 32905-2016 appendix A, both engines', () => {
  it('runs as WebAssembly in Node', () => {
    expect(sm3Engine()).toBe('wasm');
  });

  it.each(ENGINES)('%s: the standard\'s examples and the empty input', (engine) => {
    expect(bytesToHex(sm3Fast(utf8ToBytes('abc'), engine))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(bytesToHex(sm3Fast(utf8ToBytes('abcd'.repeat(16)), engine))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
    expect(bytesToHex(sm3Fast(new Uint8Array(0), engine))).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it.each(ENGINES)('%s: agrees with sm-crypto-v2 on random inputs cut at random points', (engine) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(3000), { maxLength: 6 }), (data, cuts) => {
        const hasher = new Sm3Hasher(engine);
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          const to = Math.min(cut, data.length);
          hasher.update(data.subarray(from, Math.max(from, to)));
          from = Math.max(from, to);
        }
        hasher.update(data.subarray(from));
        expect(bytesToHex(hasher.digest())).toBe(sm3Hex(data));
      }),
      { numRuns: 150 },
    );
  });

  it.each(ENGINES)('%s: inputs larger than the WebAssembly window, and lengths around block edges', (engine) => {
    for (const length of [55, 56, 63, 64, 65, 119, 120, 65_535, 65_536, 65_600, 200_003]) {
      const data = randomBytes(length);
      expect(bytesToHex(sm3Fast(data, engine)), `length ${length}`).toBe(sm3Hex(data));
    }
  });

  it('resumes from a chaining value computed elsewhere (as the backup worker does)', () => {
    const data = randomBytes(64 * 300 + 17);
    const head = new Sm3Hasher('js').update(data.subarray(0, 64 * 300));
    // reach into the state the way the worker hands it back: hash the head, read V via resume
    const state = (head as unknown as { v: Int32Array }).v;
    expect(bytesToHex(Sm3Hasher.resume(state, 64 * 300).update(data.subarray(64 * 300)).digest())).toBe(sm3Hex(data));
    expect(() => Sm3Hasher.resume(state, 65)).toThrow(RangeError);
  });

  it('refuses to be used after digest', () => {
    const hasher = new Sm3Hasher().update(utf8ToBytes('abc'));
    hasher.digest();
    expect(() => hasher.update(utf8ToBytes('x'))).toThrow();
    expect(() => hasher.digest()).toThrow();
  });
});

describe('streaming HMAC-SM3 — GM/T 0042-2015 appendix D.3', () => {
  const key32 = hexToBytes('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20');

  it('vectors 1–3 and the long-key case', () => {
    const message = utf8ToBytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2));
    expect(bytesToHex(hmacSm3Fast(key32, message))).toBe('ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a');
    const key37 = hexToBytes('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425');
    expect(bytesToHex(hmacSm3Fast(key37, new Uint8Array(50).fill(0xcd)))).toBe('220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae');
    expect(bytesToHex(hmacSm3Fast(new Uint8Array(32).fill(0x0b), utf8ToBytes('Hi There')))).toBe('c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e');
    const longKey = utf8ToBytes("It's complicated to explain, but we need some text that clearly exceeds sixtyfour bytes of data for the key to test coverage....");
    expect(bytesToHex(hmacSm3Fast(longKey, utf8ToBytes('What is the purpose of this test???')))).toBe('d3dec863e316596238090eace661e6d3c4cbae43dcf0060c71f0e4e5dc5ff7d3');
  });

  it('agrees with shared/crypto hmacSm3 (sm-crypto-v2) on random keys and messages in pieces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.array(fc.uint8Array({ maxLength: 400 }), { maxLength: 4 }), (key, parts) => {
        const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let offset = 0;
        for (const p of parts) {
          joined.set(p, offset);
          offset += p.length;
        }
        expect(bytesToHex(hmacSm3Fast(key, ...parts))).toBe(bytesToHex(hmacSm3Bytes(key, joined)));
        const streamed = new HmacSm3(key);
        for (const p of parts) streamed.update(p);
        expect(bytesToHex(streamed.digest())).toBe(bytesToHex(hmacSm3Bytes(key, joined)));
      }),
      { numRuns: 100 },
    );
  });
});

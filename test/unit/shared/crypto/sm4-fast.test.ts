import fc from 'fast-check';
import { sm4 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, randomBytes, sm4EncryptBlock } from '../../../../shared/crypto';
import { sm4Ctr, sm4EncryptBlockFast, sm4EncryptWords, sm4Engine, sm4RoundKeys } from '../../../../shared/crypto/sm4-fast';

const KEY = hexToBytes('0123456789abcdeffedcba9876543210');
const ENGINES = ['auto', 'js'] as const;

/** CTR by definition, from sm-crypto-v2's raw block cipher: plaintext ⊕ E(counter + i). */
function referenceCtr(key: Uint8Array, counter: Uint8Array, data: Uint8Array): Uint8Array {
  const blocks = Math.ceil(data.length / 16);
  const counters = new Uint8Array(blocks * 16);
  const c = Uint8Array.from(counter);
  for (let b = 0; b < blocks; b += 1) {
    counters.set(c, b * 16);
    for (let i = 15; i >= 0; i -= 1) {
      c[i] = (c[i]! + 1) & 0xff;
      if (c[i] !== 0) break;
    }
  }
  const stream = sm4.encrypt(counters, key, { mode: 'ecb', padding: 'none', output: 'array' });
  return data.map((byte, i) => byte ^ stream[i]!);
}

describe('table-driven SM4 — GB/T 32907-2016 appendix A', () => {
  it('runs CTR as WebAssembly in Node', () => {
    expect(sm4Engine()).toBe('wasm');
  });

  it('key schedule: rk0 and rk31 of the example key', () => {
    const rk = sm4RoundKeys(KEY);
    expect((rk[0]! >>> 0).toString(16)).toBe('f12186f9');
    expect((rk[31]! >>> 0).toString(16)).toBe('9124a012');
  });

  it('example 1: one block', () => {
    expect(bytesToHex(sm4EncryptBlockFast(KEY, KEY))).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('example 2: the block encrypted 1,000,000 times', () => {
    const rk = sm4RoundKeys(KEY);
    const io = new Int32Array(4);
    for (let i = 0; i < 4; i += 1) io[i] = (KEY[i * 4]! << 24) | (KEY[i * 4 + 1]! << 16) | (KEY[i * 4 + 2]! << 8) | KEY[i * 4 + 3]!;
    for (let i = 0; i < 1_000_000; i += 1) sm4EncryptWords(rk, io);
    expect(Array.from(io, (w) => (w >>> 0).toString(16).padStart(8, '0')).join('')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });

  it('agrees with sm-crypto-v2 block by block on random keys and blocks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (key, block) => {
        expect(bytesToHex(sm4EncryptBlockFast(block, key))).toBe(bytesToHex(sm4EncryptBlock(block, key)));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects keys and blocks of the wrong size', () => {
    expect(() => sm4RoundKeys(new Uint8Array(15))).toThrow(RangeError);
    expect(() => sm4EncryptBlockFast(new Uint8Array(17), KEY)).toThrow(RangeError);
  });
});

describe('SM4-CTR', () => {
  it.each(ENGINES)('%s: the CTR vector of draft-ribose-cfrg-sm4 (A.2.5.1)', (engine) => {
    const iv = hexToBytes('000102030405060708090a0b0c0d0e0f');
    const plaintext = hexToBytes(
      'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccddddddddddddddddeeeeeeeeeeeeeeeeffffffffffffffffaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb',
    );
    const expected =
      'ac3236cb970cc20791364c395a1342d1a3cbc1878c6f30cd074cce385cdd70c7f234bc0e24c11980fd1286310ce37b926e02fcd0faa0baf38b2933851d824514';
    expect(bytesToHex(sm4Ctr(sm4RoundKeys(KEY), iv, plaintext, undefined, engine))).toBe(expected);
    expect(bytesToHex(sm4Ctr(sm4RoundKeys(KEY), iv, hexToBytes(expected), undefined, engine))).toBe(bytesToHex(plaintext));
  });

  it.each(ENGINES)('%s: agrees with CTR built from sm-crypto-v2 on random keys, counters (with carries) and lengths', (engine) => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.nat(12),
        fc.uint8Array({ maxLength: 600 }),
        (key, counter, ones, data) => {
          // force runs of 0xff at the end of the counter so the 128-bit carry is exercised
          counter.fill(0xff, 16 - ones);
          expect(bytesToHex(sm4Ctr(sm4RoundKeys(key), counter, data, undefined, engine))).toBe(bytesToHex(referenceCtr(key, counter, data)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('WebAssembly and TypeScript agree beyond the 64 KiB window, in place too', () => {
    const rk = sm4RoundKeys(randomBytes(16));
    const counter = randomBytes(16);
    for (const length of [65_535, 65_536, 65_537, 200_003]) {
      const data = randomBytes(length);
      const js = sm4Ctr(rk, counter, data, undefined, 'js');
      expect(bytesToHex(sm4Ctr(rk, counter, data))).toBe(bytesToHex(js));
      const inPlace = Uint8Array.from(data);
      sm4Ctr(rk, counter, inPlace, inPlace);
      expect(bytesToHex(inPlace)).toBe(bytesToHex(js));
    }
  });

  it('rejects bad arguments with RangeError', () => {
    const rk = sm4RoundKeys(KEY);
    expect(() => sm4Ctr(rk, new Uint8Array(12), new Uint8Array(4))).toThrow(RangeError);
    expect(() => sm4Ctr(rk.subarray(0, 31), new Uint8Array(16), new Uint8Array(4))).toThrow(RangeError);
    expect(() => sm4Ctr(rk, new Uint8Array(16), new Uint8Array(32), new Uint8Array(31))).toThrow(RangeError);
  });
});

import { instantiateSm4Wasm, SM4_WASM_COUNTER, SM4_WASM_DATA, SM4_WASM_DATA_BYTES, SM4_WASM_ROUND_KEYS, type Sm4WasmInstance } from './sm4-wasm';

/**
 * SM4 (GB/T 32907-2016) with 32-bit lookup tables, and CTR mode for bulk data (backups).
 *
 * The round function T = L∘τ is linear after the S-box, so L(S(b) << 8k) is precomputed for every
 * byte b and byte position k: one round is four table lookups and XORs instead of four S-box
 * lookups plus four rotations. sm-crypto-v2 manages ~10–20 MB/s in CBC; this runs a few times
 * faster, and the same rounds as generated WebAssembly (sm4-wasm.ts, used by `sm4Ctr` where
 * available) faster again (test/bench/backup.bench.ts). Both are checked against the standard's
 * vectors and against sm-crypto-v2 on random inputs (test/unit/shared/crypto/sm4-fast.test.ts).
 *
 * CTR (NIST SP 800-38A) turns the block cipher into a stream cipher: it hides data but does NOT
 * authenticate it — whoever uses it must MAC the ciphertext (the backup format does, with
 * HMAC-SM3 per chunk), and must never reuse a (key, counter) pair.
 * Table lookups indexed by secret bytes are not constant-time; like every table-driven software
 * block cipher this leaks through cache timing to a process on the same machine. Acceptable for
 * encrypting a backup on the office's own desktop; not for a shared server.
 */

const SBOX = Uint8Array.of(
  0xd6, 0x90, 0xe9, 0xfe, 0xcc, 0xe1, 0x3d, 0xb7, 0x16, 0xb6, 0x14, 0xc2, 0x28, 0xfb, 0x2c, 0x05,
  0x2b, 0x67, 0x9a, 0x76, 0x2a, 0xbe, 0x04, 0xc3, 0xaa, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
  0x9c, 0x42, 0x50, 0xf4, 0x91, 0xef, 0x98, 0x7a, 0x33, 0x54, 0x0b, 0x43, 0xed, 0xcf, 0xac, 0x62,
  0xe4, 0xb3, 0x1c, 0xa9, 0xc9, 0x08, 0xe8, 0x95, 0x80, 0xdf, 0x94, 0xfa, 0x75, 0x8f, 0x3f, 0xa6,
  0x47, 0x07, 0xa7, 0xfc, 0xf3, 0x73, 0x17, 0xba, 0x83, 0x59, 0x3c, 0x19, 0xe6, 0x85, 0x4f, 0xa8,
  0x68, 0x6b, 0x81, 0xb2, 0x71, 0x64, 0xda, 0x8b, 0xf8, 0xeb, 0x0f, 0x4b, 0x70, 0x56, 0x9d, 0x35,
  0x1e, 0x24, 0x0e, 0x5e, 0x63, 0x58, 0xd1, 0xa2, 0x25, 0x22, 0x7c, 0x3b, 0x01, 0x21, 0x78, 0x87,
  0xd4, 0x00, 0x46, 0x57, 0x9f, 0xd3, 0x27, 0x52, 0x4c, 0x36, 0x02, 0xe7, 0xa0, 0xc4, 0xc8, 0x9e,
  0xea, 0xbf, 0x8a, 0xd2, 0x40, 0xc7, 0x38, 0xb5, 0xa3, 0xf7, 0xf2, 0xce, 0xf9, 0x61, 0x15, 0xa1,
  0xe0, 0xae, 0x5d, 0xa4, 0x9b, 0x34, 0x1a, 0x55, 0xad, 0x93, 0x32, 0x30, 0xf5, 0x8c, 0xb1, 0xe3,
  0x1d, 0xf6, 0xe2, 0x2e, 0x82, 0x66, 0xca, 0x60, 0xc0, 0x29, 0x23, 0xab, 0x0d, 0x53, 0x4e, 0x6f,
  0xd5, 0xdb, 0x37, 0x45, 0xde, 0xfd, 0x8e, 0x2f, 0x03, 0xff, 0x6a, 0x72, 0x6d, 0x6c, 0x5b, 0x51,
  0x8d, 0x1b, 0xaf, 0x92, 0xbb, 0xdd, 0xbc, 0x7f, 0x11, 0xd9, 0x5c, 0x41, 0x1f, 0x10, 0x5a, 0xd8,
  0x0a, 0xc1, 0x31, 0x88, 0xa5, 0xcd, 0x7b, 0xbd, 0x2d, 0x74, 0xd0, 0x12, 0xb8, 0xe5, 0xb4, 0xb0,
  0x89, 0x69, 0x97, 0x4a, 0x0c, 0x96, 0x77, 0x7e, 0x65, 0xb9, 0xf1, 0x09, 0xc5, 0x6e, 0xc6, 0x84,
  0x18, 0xf0, 0x7d, 0xec, 0x3a, 0xdc, 0x4d, 0x20, 0x79, 0xee, 0x5f, 0x3e, 0xd7, 0xcb, 0x39, 0x48,
);

const FK = Int32Array.of(0xa3b1bac6 | 0, 0x56aa3350, 0x677d9197, 0xb27022dc | 0);

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** τ: the S-box on each byte of a word. */
function tau(x: number): number {
  return (
    (SBOX[x >>> 24]! << 24) | (SBOX[(x >>> 16) & 0xff]! << 16) | (SBOX[(x >>> 8) & 0xff]! << 8) | SBOX[x & 0xff]!
  );
}

/** T0..T3[b] = L(S(b) placed in byte k), L(B) = B ⊕ B<<<2 ⊕ B<<<10 ⊕ B<<<18 ⊕ B<<<24. */
const T0 = new Int32Array(256);
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);
for (let i = 0; i < 256; i += 1) {
  const s = SBOX[i]! << 24;
  const l = s ^ rotl(s, 2) ^ rotl(s, 10) ^ rotl(s, 18) ^ rotl(s, 24);
  T0[i] = l;
  T1[i] = rotl(l, 24);
  T2[i] = rotl(l, 16);
  T3[i] = rotl(l, 8);
}

/** The 32 round keys of a 16-byte key (key schedule with L'(B) = B ⊕ B<<<13 ⊕ B<<<23). */
export function sm4RoundKeys(key: Uint8Array): Int32Array {
  if (!(key instanceof Uint8Array) || key.length !== 16) throw new RangeError('SM4 key must be a Uint8Array of 16 bytes');
  const k = new Int32Array(36);
  for (let i = 0; i < 4; i += 1) {
    k[i] = ((key[i * 4]! << 24) | (key[i * 4 + 1]! << 16) | (key[i * 4 + 2]! << 8) | key[i * 4 + 3]!) ^ FK[i]!;
  }
  const rk = new Int32Array(32);
  for (let i = 0; i < 32; i += 1) {
    let ck = 0;
    for (let j = 0; j < 4; j += 1) ck = (ck << 8) | (((4 * i + j) * 7) & 0xff);
    const b = tau(k[i + 1]! ^ k[i + 2]! ^ k[i + 3]! ^ ck);
    const next = k[i]! ^ b ^ rotl(b, 13) ^ rotl(b, 23);
    k[i + 4] = next;
    rk[i] = next;
  }
  return rk;
}

/**
 * Encrypts the four words in `io[0..3]` in place with round keys `rk` (reverse the round keys to
 * decrypt). Exposed for the known-answer tests and CTR below.
 */
export function sm4EncryptWords(rk: Int32Array, io: Int32Array): void {
  let x0 = io[0]!, x1 = io[1]!, x2 = io[2]!, x3 = io[3]!;
  for (let r = 0; r < 32; r += 4) {
    let t = x1 ^ x2 ^ x3 ^ rk[r]!;
    x0 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!;
    t = x2 ^ x3 ^ x0 ^ rk[r + 1]!;
    x1 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!;
    t = x3 ^ x0 ^ x1 ^ rk[r + 2]!;
    x2 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!;
    t = x0 ^ x1 ^ x2 ^ rk[r + 3]!;
    x3 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!;
  }
  io[0] = x3;
  io[1] = x2;
  io[2] = x1;
  io[3] = x0;
}

/** One 16-byte block, ECB (known-answer tests only: ECB leaks equal blocks). */
export function sm4EncryptBlockFast(block: Uint8Array, key: Uint8Array): Uint8Array {
  if (!(block instanceof Uint8Array) || block.length !== 16) throw new RangeError('SM4 block must be 16 bytes');
  const rk = sm4RoundKeys(key);
  const io = new Int32Array(4);
  for (let i = 0; i < 4; i += 1) {
    io[i] = (block[i * 4]! << 24) | (block[i * 4 + 1]! << 16) | (block[i * 4 + 2]! << 8) | block[i * 4 + 3]!;
  }
  sm4EncryptWords(rk, io);
  const out = new Uint8Array(16);
  for (let i = 0; i < 4; i += 1) {
    out[i * 4] = io[i]! >>> 24;
    out[i * 4 + 1] = io[i]! >>> 16;
    out[i * 4 + 2] = io[i]! >>> 8;
    out[i * 4 + 3] = io[i]!;
  }
  return out;
}

function checkCtrArguments(roundKeys: Int32Array, initialCounter: Uint8Array, input: Uint8Array, output: Uint8Array): void {
  if (roundKeys.length !== 32) throw new RangeError('SM4 needs 32 round keys');
  if (!(initialCounter instanceof Uint8Array) || initialCounter.length !== 16) throw new RangeError('SM4-CTR counter must be 16 bytes');
  if (output.length < input.length) throw new RangeError('SM4-CTR output is shorter than the input');
}

/**
 * SM4-CTR: `output = input ⊕ E(counter), E(counter+1), …` with a 128-bit big-endian counter that
 * starts at `initialCounter` (16 bytes). Encryption and decryption are the same operation.
 * `output` may be `input` (in place). The counter block is never reused within one call; across
 * calls the caller must start from a counter no earlier call under the same key has covered.
 * Runs as WebAssembly where available; `engine: 'js'` forces the TypeScript rounds (tests).
 */
export function sm4Ctr(
  roundKeys: Int32Array,
  initialCounter: Uint8Array,
  input: Uint8Array,
  output: Uint8Array = new Uint8Array(input.length),
  engine: 'auto' | 'js' = 'auto',
): Uint8Array {
  checkCtrArguments(roundKeys, initialCounter, input, output);
  const wasm = engine === 'auto' ? sharedWasm() : null;
  return wasm ? ctrWasm(wasm, roundKeys, initialCounter, input, output) : ctrJs(roundKeys, initialCounter, input, output);
}

let wasm: { instance: Sm4WasmInstance; bytes: Uint8Array; words: Int32Array } | null | undefined;

/** One instance per thread (tables written once); each call loads its own keys and counter. */
function sharedWasm(): typeof wasm {
  if (wasm === undefined) {
    const instance = instantiateSm4Wasm([T0, T1, T2, T3]);
    wasm = instance ? { instance, bytes: new Uint8Array(instance.memory.buffer), words: new Int32Array(instance.memory.buffer) } : null;
  }
  return wasm;
}

/** Which implementation bulk SM4-CTR uses here ('wasm' or 'js'), for the benchmark's report. */
export function sm4Engine(): 'wasm' | 'js' {
  return sharedWasm() ? 'wasm' : 'js';
}

function ctrWasm(shared: NonNullable<typeof wasm>, roundKeys: Int32Array, counter: Uint8Array, input: Uint8Array, output: Uint8Array): Uint8Array {
  const { instance, bytes, words } = shared;
  words.set(roundKeys, SM4_WASM_ROUND_KEYS / 4);
  for (let i = 0; i < 4; i += 1) {
    words[SM4_WASM_COUNTER / 4 + i] = (counter[i * 4]! << 24) | (counter[i * 4 + 1]! << 16) | (counter[i * 4 + 2]! << 8) | counter[i * 4 + 3]!;
  }
  for (let offset = 0; offset < input.length; offset += SM4_WASM_DATA_BYTES) {
    const length = Math.min(SM4_WASM_DATA_BYTES, input.length - offset);
    const blocks = Math.ceil(length / 16);
    // A partial last block is padded with zeros; only its own bytes are copied back.
    if (length % 16 !== 0) bytes.fill(0, SM4_WASM_DATA + length, SM4_WASM_DATA + blocks * 16);
    bytes.set(input.subarray(offset, offset + length), SM4_WASM_DATA);
    instance.ctr(SM4_WASM_DATA, blocks);
    output.set(bytes.subarray(SM4_WASM_DATA, SM4_WASM_DATA + length), offset);
  }
  return output;
}

function ctrJs(roundKeys: Int32Array, initialCounter: Uint8Array, input: Uint8Array, output: Uint8Array): Uint8Array {
  let c0 = (initialCounter[0]! << 24) | (initialCounter[1]! << 16) | (initialCounter[2]! << 8) | initialCounter[3]!;
  let c1 = (initialCounter[4]! << 24) | (initialCounter[5]! << 16) | (initialCounter[6]! << 8) | initialCounter[7]!;
  let c2 = (initialCounter[8]! << 24) | (initialCounter[9]! << 16) | (initialCounter[10]! << 8) | initialCounter[11]!;
  let c3 = (initialCounter[12]! << 24) | (initialCounter[13]! << 16) | (initialCounter[14]! << 8) | initialCounter[15]!;
  const io = new Int32Array(4);
  const length = input.length;
  for (let p = 0; p < length; p += 16) {
    io[0] = c0;
    io[1] = c1;
    io[2] = c2;
    io[3] = c3;
    sm4EncryptWords(roundKeys, io);
    const k0 = io[0]!, k1 = io[1]!, k2 = io[2]!, k3 = io[3]!;
    if (p + 16 <= length) {
      output[p] = input[p]! ^ (k0 >>> 24);
      output[p + 1] = input[p + 1]! ^ (k0 >>> 16);
      output[p + 2] = input[p + 2]! ^ (k0 >>> 8);
      output[p + 3] = input[p + 3]! ^ k0;
      output[p + 4] = input[p + 4]! ^ (k1 >>> 24);
      output[p + 5] = input[p + 5]! ^ (k1 >>> 16);
      output[p + 6] = input[p + 6]! ^ (k1 >>> 8);
      output[p + 7] = input[p + 7]! ^ k1;
      output[p + 8] = input[p + 8]! ^ (k2 >>> 24);
      output[p + 9] = input[p + 9]! ^ (k2 >>> 16);
      output[p + 10] = input[p + 10]! ^ (k2 >>> 8);
      output[p + 11] = input[p + 11]! ^ k2;
      output[p + 12] = input[p + 12]! ^ (k3 >>> 24);
      output[p + 13] = input[p + 13]! ^ (k3 >>> 16);
      output[p + 14] = input[p + 14]! ^ (k3 >>> 8);
      output[p + 15] = input[p + 15]! ^ k3;
    } else {
      const words = [k0, k1, k2, k3];
      for (let i = 0; p + i < length; i += 1) output[p + i] = input[p + i]! ^ (words[i >> 2]! >>> (24 - 8 * (i & 3)));
    }
    // 128-bit increment, carrying from the last word upwards.
    c3 = (c3 + 1) | 0;
    if (c3 === 0) {
      c2 = (c2 + 1) | 0;
      if (c2 === 0) {
        c1 = (c1 + 1) | 0;
        if (c1 === 0) c0 = (c0 + 1) | 0;
      }
    }
  }
  return output;
}

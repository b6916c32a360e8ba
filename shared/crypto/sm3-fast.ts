import { instantiateSm3Wasm, SM3_WASM_INPUT_BYTES, SM3_WASM_INPUT_OFFSET, type Sm3WasmInstance } from './sm3-wasm';

/**
 * Streaming SM3 (GB/T 32905-2016) and HMAC-SM3 for bulk data (backups of a whole database).
 *
 * The compression function runs as generated WebAssembly (sm3-wasm.ts) where available — about
 * three times the speed of any JavaScript version on the same machine, because WebAssembly has a
 * rotate instruction — and otherwise in the TypeScript below, which matches sm-crypto-v2's speed.
 * `update` never allocates. Both paths are checked against the standard's vectors and against
 * sm-crypto-v2 on random inputs and random split points (test/unit/shared/crypto/sm3-fast.test.ts).
 * `sm3.ts` stays the general-purpose entry point for short inputs.
 */

const IV = Int32Array.of(
  0x7380166f,
  0x4914b2b9,
  0x172442d7,
  0xda8a0600 | 0,
  0xa96f30bc | 0,
  0x163138aa,
  0xe38dee4d | 0,
  0xb0fb0e4e | 0,
);

/** T_j rotated left by j mod 32, precomputed once. */
const T_ROT = new Int32Array(64);
for (let j = 0; j < 64; j += 1) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const r = j % 32;
  T_ROT[j] = r === 0 ? t : (t << r) | (t >>> (32 - r));
}

const BLOCK = 64;

/**
 * One WebAssembly instance for the whole thread, shared by every hasher: each call loads the
 * hasher's own chaining value into it and reads it back, so hashers never see each other's state
 * (JavaScript runs one call at a time per thread; a worker thread has its own instance).
 */
let wasm: { instance: Sm3WasmInstance; state: Int32Array; input: Uint8Array } | null | undefined;

function sharedWasm(): typeof wasm {
  if (wasm === undefined) {
    const instance = instantiateSm3Wasm();
    wasm = instance
      ? {
          instance,
          state: new Int32Array(instance.memory.buffer, 0, 8),
          input: new Uint8Array(instance.memory.buffer, SM3_WASM_INPUT_OFFSET, SM3_WASM_INPUT_BYTES),
        }
      : null;
  }
  return wasm;
}

/** Which implementation bulk hashing uses here ('wasm' or 'js'); for the benchmark's report. */
export function sm3Engine(): 'wasm' | 'js' {
  return sharedWasm() ? 'wasm' : 'js';
}

export class Sm3Hasher {
  private readonly v = new Int32Array(8);
  private readonly w = new Int32Array(68);
  private readonly buffer = new Uint8Array(BLOCK);
  private buffered = 0;
  /** total message length in bytes; a double holds it exactly up to 2^53 */
  private length = 0;
  private finished = false;

  private readonly useWasm: boolean;
  /** SM3's initial value, for code that compresses blocks itself (see `resume`) */
  static readonly IV: Readonly<Int32Array> = IV;

  /** `engine` forces one implementation (tests compare both); by default WebAssembly if present. */
  constructor(engine: 'auto' | 'js' = 'auto') {
    this.v.set(IV);
    this.useWasm = engine === 'auto' && sharedWasm() !== null;
  }

  /**
   * Continues a hash whose first `length` bytes (a multiple of 64) were compressed elsewhere —
   * e.g. in a worker thread running the same WebAssembly — into the chaining value `state`.
   */
  static resume(state: Int32Array, length: number, engine: 'auto' | 'js' = 'auto'): Sm3Hasher {
    if (state.length !== 8 || length % BLOCK !== 0) throw new RangeError('resume needs 8 state words and a whole number of blocks');
    const hasher = new Sm3Hasher(engine);
    hasher.v.set(state);
    hasher.length = length;
    return hasher;
  }

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('Sm3Hasher.update after digest');
    let offset = 0;
    const total = data.length;
    this.length += total;
    if (this.buffered > 0) {
      const take = Math.min(BLOCK - this.buffered, total);
      this.buffer.set(data.subarray(0, take), this.buffered);
      this.buffered += take;
      offset = take;
      if (this.buffered < BLOCK) return this;
      this.compress(this.buffer, 0, 1);
      this.buffered = 0;
    }
    const blocks = Math.floor((total - offset) / BLOCK);
    if (blocks > 0) {
      this.compress(data, offset, blocks);
      offset += blocks * BLOCK;
    }
    if (offset < total) {
      this.buffer.set(data.subarray(offset), 0);
      this.buffered = total - offset;
    }
    return this;
  }

  digest(): Uint8Array {
    if (this.finished) throw new Error('Sm3Hasher.digest called twice');
    this.finished = true;
    const bitLength = this.length * 8;
    const pad = new Uint8Array(this.buffered + 9 <= BLOCK ? BLOCK : 2 * BLOCK);
    pad.set(this.buffer.subarray(0, this.buffered));
    pad[this.buffered] = 0x80;
    const end = pad.length;
    // 64-bit big-endian length in bits; split because JS bit operators are 32-bit.
    const high = Math.floor(bitLength / 0x1_0000_0000);
    const low = bitLength >>> 0;
    pad[end - 8] = high >>> 24;
    pad[end - 7] = high >>> 16;
    pad[end - 6] = high >>> 8;
    pad[end - 5] = high;
    pad[end - 4] = low >>> 24;
    pad[end - 3] = low >>> 16;
    pad[end - 2] = low >>> 8;
    pad[end - 1] = low;
    this.compress(pad, 0, end / BLOCK);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i += 1) {
      const x = this.v[i]!;
      out[i * 4] = x >>> 24;
      out[i * 4 + 1] = x >>> 16;
      out[i * 4 + 2] = x >>> 8;
      out[i * 4 + 3] = x;
    }
    return out;
  }

  private compress(data: Uint8Array, start: number, blocks: number): void {
    const shared = this.useWasm ? sharedWasm() : null;
    if (shared) this.compressWasm(shared, data, start, blocks);
    else this.compressJs(data, start, blocks);
  }

  private compressWasm(shared: NonNullable<typeof wasm>, data: Uint8Array, start: number, blocks: number): void {
    shared.state.set(this.v);
    const perCall = SM3_WASM_INPUT_BYTES / BLOCK;
    for (let done = 0; done < blocks; done += perCall) {
      const n = Math.min(perCall, blocks - done);
      const from = start + done * BLOCK;
      shared.input.set(data.subarray(from, from + n * BLOCK));
      shared.instance.compress(SM3_WASM_INPUT_OFFSET, n);
    }
    this.v.set(shared.state);
  }

  private compressJs(data: Uint8Array, start: number, blocks: number): void {
    const v = this.v;
    const w = this.w;
    let v0 = v[0]!, v1 = v[1]!, v2 = v[2]!, v3 = v[3]!, v4 = v[4]!, v5 = v[5]!, v6 = v[6]!, v7 = v[7]!;
    for (let block = 0; block < blocks; block += 1) {
      let p = start + block * BLOCK;
      for (let j = 0; j < 16; j += 1, p += 4) {
        w[j] = (data[p]! << 24) | (data[p + 1]! << 16) | (data[p + 2]! << 8) | data[p + 3]!;
      }
      for (let j = 16; j < 68; j += 1) {
        const x = w[j - 16]! ^ w[j - 9]! ^ ((w[j - 3]! << 15) | (w[j - 3]! >>> 17));
        const p1 = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9));
        const w13 = w[j - 13]!;
        w[j] = p1 ^ ((w13 << 7) | (w13 >>> 25)) ^ w[j - 6]!;
      }
      let a = v0, b = v1, c = v2, d = v3, e = v4, f = v5, g = v6, h = v7;
      for (let j = 0; j < 16; j += 1) {
        const a12 = (a << 12) | (a >>> 20);
        const s = (a12 + e + T_ROT[j]!) | 0;
        const ss1 = (s << 7) | (s >>> 25);
        const ss2 = ss1 ^ a12;
        const wj = w[j]!;
        const tt1 = ((a ^ b ^ c) + d + ss2 + (wj ^ w[j + 4]!)) | 0;
        const tt2 = ((e ^ f ^ g) + h + ss1 + wj) | 0;
        d = c;
        c = (b << 9) | (b >>> 23);
        b = a;
        a = tt1;
        h = g;
        g = (f << 19) | (f >>> 13);
        f = e;
        e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
      }
      for (let j = 16; j < 64; j += 1) {
        const a12 = (a << 12) | (a >>> 20);
        const s = (a12 + e + T_ROT[j]!) | 0;
        const ss1 = (s << 7) | (s >>> 25);
        const ss2 = ss1 ^ a12;
        const wj = w[j]!;
        const tt1 = (((a & b) | (a & c) | (b & c)) + d + ss2 + (wj ^ w[j + 4]!)) | 0;
        const tt2 = (((e & f) | (~e & g)) + h + ss1 + wj) | 0;
        d = c;
        c = (b << 9) | (b >>> 23);
        b = a;
        a = tt1;
        h = g;
        g = (f << 19) | (f >>> 13);
        f = e;
        e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
      }
      v0 ^= a; v1 ^= b; v2 ^= c; v3 ^= d; v4 ^= e; v5 ^= f; v6 ^= g; v7 ^= h;
    }
    v[0] = v0; v[1] = v1; v[2] = v2; v[3] = v3; v[4] = v4; v[5] = v5; v[6] = v6; v[7] = v7;
  }
}

/** SM3 of one byte string, through the fast streaming hasher. */
export function sm3Fast(data: Uint8Array, engine: 'auto' | 'js' = 'auto'): Uint8Array {
  return new Sm3Hasher(engine).update(data).digest();
}

/**
 * Streaming HMAC-SM3 (RFC 2104 with SM3's 64-byte block): `update` as often as needed, then
 * `digest`. Keys longer than a block are hashed first, as the RFC says.
 */
export class HmacSm3 {
  private readonly inner = new Sm3Hasher();
  private readonly outerPad: Uint8Array;

  constructor(key: Uint8Array) {
    const block = new Uint8Array(BLOCK);
    block.set(key.length > BLOCK ? sm3Fast(key) : key);
    const innerPad = new Uint8Array(BLOCK);
    this.outerPad = new Uint8Array(BLOCK);
    for (let i = 0; i < BLOCK; i += 1) {
      innerPad[i] = block[i]! ^ 0x36;
      this.outerPad[i] = block[i]! ^ 0x5c;
    }
    this.inner.update(innerPad);
  }

  update(data: Uint8Array): this {
    this.inner.update(data);
    return this;
  }

  digest(): Uint8Array {
    return new Sm3Hasher().update(this.outerPad).update(this.inner.digest()).digest();
  }
}

export function hmacSm3Fast(key: Uint8Array, ...parts: readonly Uint8Array[]): Uint8Array {
  const mac = new HmacSm3(key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

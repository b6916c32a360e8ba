import { CodeBuilder, emitModule, OP } from './wasm-emitter';

/**
 * The SM3 compression function (GB/T 32905-2016 §5.3) as generated WebAssembly: all 64 rounds
 * unrolled, the message expansion interleaved four words ahead of them in a ring of 16 locals (so
 * few values are live at once and the compiler keeps them in registers), the eight working
 * registers renamed round by round instead of shifted (zero moves), `i32.rotl` for rotations. `compress(ptr, blocks)` hashes
 * `blocks` 64-byte blocks at `ptr` into the state kept in memory words 0–7.
 *
 * Memory layout: bytes 0–31 the chaining value V (as native i32), input from INPUT_OFFSET.
 */

export const SM3_WASM_INPUT_OFFSET = 64;
/** one page of input per call, i.e. up to 1024 blocks */
export const SM3_WASM_INPUT_BYTES = 65_536;
const MEMORY_PAGES = 2;

// locals: 0 ptr, 1 blocks, 2–9 V, 10–17 working registers, 18–33 W as a 16-word ring, 34–35 scratch
const PTR = 0;
const BLOCKS = 1;
const V = 2;
const R = 10;
const W = 18;
const T = 34;
const U = 35;
const EXTRA_LOCALS = 34;

/** W[j] lives in ring slot j mod 16: round j needs W[j] and W[j+4], both within the last 16. */
const w = (j: number) => W + (j % 16);

function rotlConst(x: number, n: number): number {
  return n === 0 ? x | 0 : ((x << n) | (x >>> (32 - n))) | 0;
}

/** Leaves rotl(local, n) on the stack. */
function rotl(c: CodeBuilder, local: number, n: number): CodeBuilder {
  return c.get(local).const(n).op(OP.i32Rotl);
}

/** W[j] = P1(W[j-16] ^ W[j-9] ^ (W[j-3] <<< 15)) ^ (W[j-13] <<< 7) ^ W[j-6], into W[j-16]'s slot. */
function expand(c: CodeBuilder, j: number): void {
  c.get(w(j - 16)).get(w(j - 9)).op(OP.i32Xor);
  rotl(c, w(j - 3), 15).op(OP.i32Xor).set(T);
  c.get(T);
  rotl(c, T, 15).op(OP.i32Xor);
  rotl(c, T, 23).op(OP.i32Xor);
  rotl(c, w(j - 13), 7).op(OP.i32Xor);
  c.get(w(j - 6)).op(OP.i32Xor).set(w(j));
}

function buildCompress(): CodeBuilder {
  const c = new CodeBuilder();
  for (let i = 0; i < 8; i += 1) c.const(0).load(i * 4).set(V + i);
  c.block().loop();
  c.get(BLOCKS).op(OP.i32Eqz).brIf(1);

  // W[0..15]: big-endian words; wasm loads little-endian, so byte-swap with two rotations.
  for (let j = 0; j < 16; j += 1) {
    c.get(PTR).load(j * 4).tee(T).const(8).op(OP.i32Rotl).const(0x00ff00ff).op(OP.i32And);
    c.get(T).const(8).op(OP.i32Rotr).const(0xff00ff00 | 0).op(OP.i32And).op(OP.i32Or).set(w(j));
  }

  for (let i = 0; i < 8; i += 1) c.get(V + i).set(R + i);
  // names[k] = the local currently holding register A..H
  let [a, b, cc, d, e, f, g, h] = [R, R + 1, R + 2, R + 3, R + 4, R + 5, R + 6, R + 7];
  for (let j = 0; j < 64; j += 1) {
    // the expansion runs four words ahead of the rounds, W[16..67]
    if (j + 4 >= 16) expand(c, j + 4);
    const tj = rotlConst(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);
    // T = A <<< 12; U = SS1 = (T + E + Tj) <<< 7
    rotl(c, a, 12).set(T);
    c.get(T).get(e).op(OP.i32Add).const(tj).op(OP.i32Add).const(7).op(OP.i32Rotl).set(U);
    // D := TT1 = FF(A,B,C) + D + (SS1 ^ T) + (W[j] ^ W[j+4])
    if (j < 16) c.get(a).get(b).op(OP.i32Xor).get(cc).op(OP.i32Xor);
    else c.get(a).get(b).op(OP.i32And).get(a).get(b).op(OP.i32Or).get(cc).op(OP.i32And).op(OP.i32Or);
    c.get(d).op(OP.i32Add);
    c.get(U).get(T).op(OP.i32Xor).op(OP.i32Add);
    c.get(w(j)).get(w(j + 4)).op(OP.i32Xor).op(OP.i32Add).set(d);
    // H := P0(TT2), TT2 = GG(E,F,G) + H + SS1 + W[j]
    if (j < 16) c.get(e).get(f).op(OP.i32Xor).get(g).op(OP.i32Xor);
    else c.get(g).get(e).get(f).get(g).op(OP.i32Xor).op(OP.i32And).op(OP.i32Xor);
    c.get(h).op(OP.i32Add).get(U).op(OP.i32Add).get(w(j)).op(OP.i32Add).set(h);
    c.get(h);
    rotl(c, h, 9).op(OP.i32Xor);
    rotl(c, h, 17).op(OP.i32Xor).set(h);
    // C := B <<< 9, G := F <<< 19 (in place), then rename
    rotl(c, b, 9).set(b);
    rotl(c, f, 19).set(f);
    [a, b, cc, d, e, f, g, h] = [d, a, b, cc, h, e, f, g];
  }
  const names = [a, b, cc, d, e, f, g, h];
  for (let i = 0; i < 8; i += 1) c.get(V + i).get(names[i]!).op(OP.i32Xor).set(V + i);

  c.get(PTR).const(64).op(OP.i32Add).set(PTR);
  c.get(BLOCKS).const(1).op(OP.i32Sub).set(BLOCKS);
  c.br(0).end().end();
  for (let i = 0; i < 8; i += 1) c.const(0).get(V + i).store(i * 4);
  return c;
}

export interface Sm3WasmInstance {
  memory: WebAssembly.Memory;
  compress(ptr: number, blocks: number): void;
}

let cachedModule: WebAssembly.Module | null | undefined;

/**
 * The compiled module, or null where WebAssembly is unavailable (e.g. a renderer whose
 * Content-Security-Policy forbids compiling it); callers then use the TypeScript version.
 */
export function sm3WasmModule(): WebAssembly.Module | null {
  if (cachedModule !== undefined) return cachedModule;
  try {
    const bytes: Uint8Array<ArrayBuffer> = emitModule(MEMORY_PAGES, [{ exportName: 'compress', params: 2, locals: EXTRA_LOCALS, body: buildCompress() }]);
    cachedModule = new WebAssembly.Module(bytes);
  } catch {
    cachedModule = null;
  }
  return cachedModule;
}

/** A fresh instance (own memory, own state), or null without WebAssembly. */
export function instantiateSm3Wasm(): Sm3WasmInstance | null {
  const module = sm3WasmModule();
  if (!module) return null;
  const instance = new WebAssembly.Instance(module, {});
  const { memory, compress } = instance.exports as { memory: WebAssembly.Memory; compress: (ptr: number, blocks: number) => void };
  return { memory, compress };
}

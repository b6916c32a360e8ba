import { CodeBuilder, emitModule, OP } from './wasm-emitter';

/**
 * SM4-CTR (GB/T 32907-2016, NIST SP 800-38A counter mode) as generated WebAssembly, the same
 * table-driven rounds as sm4-fast.ts: `ctr(ptr, blocks)` encrypts the counter, XORs the keystream
 * into `blocks` 16-byte blocks at `ptr` in place, and advances the 128-bit big-endian counter.
 *
 * Memory layout (all i32 values native):
 *   0–4095      the four lookup tables T0..T3 (256 words each), written once by the caller
 *   4096–4223   the 32 round keys
 *   4224–4239   the counter as four words, most significant first
 *   65536–      data, up to SM4_WASM_DATA_BYTES per call
 */

export const SM4_WASM_TABLES = 0;
export const SM4_WASM_ROUND_KEYS = 4096;
export const SM4_WASM_COUNTER = 4224;
export const SM4_WASM_DATA = 65_536;
export const SM4_WASM_DATA_BYTES = 65_536;
const MEMORY_PAGES = 2;

// locals: 0 ptr, 1 blocks, 2–33 round keys, 34–37 counter, 38–41 state, 42 scratch
const PTR = 0;
const BLOCKS = 1;
const RK = 2;
const C = 34;
const X = 38;
const T = 42;
const EXTRA_LOCALS = 41;

/** x0..x3 in the order sm4EncryptWords uses: round r updates X[r mod 4] from the other three. */
function round(c: CodeBuilder, r: number): void {
  const target = X + (r % 4);
  const others = [1, 2, 3].map((k) => X + ((r + k) % 4));
  c.get(others[0]!).get(others[1]!).op(OP.i32Xor).get(others[2]!).op(OP.i32Xor).get(RK + r).op(OP.i32Xor).set(T);
  c.get(target);
  // T0[t >>> 24] … T3[t & 255]: byte × 4 is the offset inside each 1 KiB table
  c.get(T).const(22).op(OP.i32ShrU).const(0x3fc).op(OP.i32And).load(SM4_WASM_TABLES).op(OP.i32Xor);
  c.get(T).const(14).op(OP.i32ShrU).const(0x3fc).op(OP.i32And).load(SM4_WASM_TABLES + 1024).op(OP.i32Xor);
  c.get(T).const(6).op(OP.i32ShrU).const(0x3fc).op(OP.i32And).load(SM4_WASM_TABLES + 2048).op(OP.i32Xor);
  c.get(T).const(2).op(OP.i32Shl).const(0x3fc).op(OP.i32And).load(SM4_WASM_TABLES + 3072).op(OP.i32Xor);
  c.set(target);
}

/** Leaves byteswap(local) on the stack: the keystream word is big-endian, wasm memory little. */
function byteSwapped(c: CodeBuilder, local: number): void {
  c.get(local).const(8).op(OP.i32Rotl).const(0x00ff00ff).op(OP.i32And);
  c.get(local).const(8).op(OP.i32Rotr).const(0xff00ff00 | 0).op(OP.i32And).op(OP.i32Or);
}

function buildCtr(): CodeBuilder {
  const c = new CodeBuilder();
  for (let i = 0; i < 32; i += 1) c.const(0).load(SM4_WASM_ROUND_KEYS + i * 4).set(RK + i);
  for (let i = 0; i < 4; i += 1) c.const(0).load(SM4_WASM_COUNTER + i * 4).set(C + i);
  c.block().loop();
  c.get(BLOCKS).op(OP.i32Eqz).brIf(1);
  for (let i = 0; i < 4; i += 1) c.get(C + i).set(X + i);
  for (let r = 0; r < 32; r += 1) round(c, r);
  // output words are (X35, X34, X33, X32) = x3, x2, x1, x0
  for (let i = 0; i < 4; i += 1) {
    c.get(PTR);
    c.get(PTR).load(i * 4);
    byteSwapped(c, X + 3 - i);
    c.op(OP.i32Xor).store(i * 4);
  }
  // 128-bit increment with carry
  c.get(C + 3).const(1).op(OP.i32Add).tee(C + 3).op(OP.i32Eqz).if();
  c.get(C + 2).const(1).op(OP.i32Add).tee(C + 2).op(OP.i32Eqz).if();
  c.get(C + 1).const(1).op(OP.i32Add).tee(C + 1).op(OP.i32Eqz).if();
  c.get(C).const(1).op(OP.i32Add).set(C);
  c.end().end().end();
  c.get(PTR).const(16).op(OP.i32Add).set(PTR);
  c.get(BLOCKS).const(1).op(OP.i32Sub).set(BLOCKS);
  c.br(0).end().end();
  for (let i = 0; i < 4; i += 1) c.const(0).get(C + i).store(SM4_WASM_COUNTER + i * 4);
  return c;
}

export interface Sm4WasmInstance {
  memory: WebAssembly.Memory;
  ctr(ptr: number, blocks: number): void;
}

let cachedModule: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly is unavailable (callers use sm4-fast.ts). */
function sm4WasmModule(): WebAssembly.Module | null {
  if (cachedModule !== undefined) return cachedModule;
  try {
    const bytes: Uint8Array<ArrayBuffer> = emitModule(MEMORY_PAGES, [{ exportName: 'ctr', params: 2, locals: EXTRA_LOCALS, body: buildCtr() }]);
    cachedModule = new WebAssembly.Module(bytes);
  } catch {
    cachedModule = null;
  }
  return cachedModule;
}

/** A fresh instance with the lookup tables in place, or null without WebAssembly. */
export function instantiateSm4Wasm(tables: readonly Int32Array[]): Sm4WasmInstance | null {
  const module = sm4WasmModule();
  if (!module) return null;
  const instance = new WebAssembly.Instance(module, {});
  const { memory, ctr } = instance.exports as { memory: WebAssembly.Memory; ctr: (ptr: number, blocks: number) => void };
  tables.forEach((table, i) => new Int32Array(memory.buffer, SM4_WASM_TABLES + i * 1024, 256).set(table));
  return { memory, ctr };
}

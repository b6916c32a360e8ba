/**
 * Just enough of the WebAssembly binary format (core spec 1.0, §5) to emit a module with i32
 * arithmetic, loops and a memory — what the SM3 compression function and SM4-CTR need.
 *
 * Why generate WebAssembly from TypeScript at all: SM3 is rotation-heavy and JavaScript has no
 * rotate instruction (each rotation costs three operations), so even a careful TS version stays at
 * the speed of sm-crypto-v2. WebAssembly has `i32.rotl`, and table lookups without bounds checks
 * on every typed-array access. Emitting the module from readable TS here
 * — instead of shipping an opaque .wasm blob built by another toolchain — keeps the algorithm
 * reviewable next to its tests, and needs no build step.
 */

export const I32 = 0x7f;

/** Opcodes used by the emitted code (spec §5.4). */
export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i32Store: 0x36,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  i32Rotl: 0x77,
  i32Rotr: 0x78,
} as const;

const BLOCK_TYPE_EMPTY = 0x40;

function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function signedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function vector(items: readonly number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsignedLeb(bytes.length), ...bytes];
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

/** A function body under construction: one method per instruction, chainable. */
export class CodeBuilder {
  readonly bytes: number[] = [];

  get(local: number): this {
    this.bytes.push(OP.localGet, ...unsignedLeb(local));
    return this;
  }
  set(local: number): this {
    this.bytes.push(OP.localSet, ...unsignedLeb(local));
    return this;
  }
  tee(local: number): this {
    this.bytes.push(OP.localTee, ...unsignedLeb(local));
    return this;
  }
  const(value: number): this {
    this.bytes.push(OP.i32Const, ...signedLeb(value));
    return this;
  }
  /** i32.load with alignment 2^2 and a constant offset */
  load(offset: number): this {
    this.bytes.push(OP.i32Load, 2, ...unsignedLeb(offset));
    return this;
  }
  store(offset: number): this {
    this.bytes.push(OP.i32Store, 2, ...unsignedLeb(offset));
    return this;
  }
  op(opcode: number): this {
    this.bytes.push(opcode);
    return this;
  }
  block(): this {
    this.bytes.push(OP.block, BLOCK_TYPE_EMPTY);
    return this;
  }
  loop(): this {
    this.bytes.push(OP.loop, BLOCK_TYPE_EMPTY);
    return this;
  }
  /** `if` without an else branch, consuming the i32 condition on the stack */
  if(): this {
    this.bytes.push(OP.if, BLOCK_TYPE_EMPTY);
    return this;
  }
  br(depth: number): this {
    this.bytes.push(OP.br, ...unsignedLeb(depth));
    return this;
  }
  brIf(depth: number): this {
    this.bytes.push(OP.brIf, ...unsignedLeb(depth));
    return this;
  }
  end(): this {
    this.bytes.push(OP.end);
    return this;
  }
}

export interface EmittedFunction {
  exportName: string;
  params: number;
  /** extra i32 locals after the parameters */
  locals: number;
  body: CodeBuilder;
}

/**
 * A module with one exported memory (`memory`, `memoryPages` of 64 KiB) and functions that take
 * only i32 parameters and return nothing.
 */
export function emitModule(memoryPages: number, functions: readonly EmittedFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(Array.from({ length: f.params }, () => [I32])), 0x00]);
  const exports = [
    [...name('memory'), 0x02, 0x00],
    ...functions.map((f, index) => [...name(f.exportName), 0x00, ...unsignedLeb(index)]),
  ];
  const bodies = functions.map((f) => {
    const content = [...vector(f.locals > 0 ? [[...unsignedLeb(f.locals), I32]] : []), ...f.body.bytes, OP.end];
    return [...unsignedLeb(content.length), ...content];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, index) => unsignedLeb(index)))),
    ...section(5, vector([[0x00, ...unsignedLeb(memoryPages)]])),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}

import { Worker } from 'node:worker_threads';
import { Sm3Hasher } from '../../../shared/crypto/sm3-fast';
import { SM3_WASM_INPUT_BYTES, SM3_WASM_INPUT_OFFSET, sm3WasmModule } from '../../../shared/crypto/sm3-wasm';

/**
 * SM3 of a whole database file, computed beside the rest of the backup.
 *
 * The backup's work is SM3 over the plaintext (the largest single cost), compression (libuv's
 * thread pool) and SM4 + HMAC over the compressed chunks. The plaintext SM3 runs in a worker
 * thread so the three proceed on different cores, and the main thread — Electron's, which also
 * serves the UI — stays free.
 *
 * The worker is plain JavaScript evaluated from the string below, not a second TypeScript entry
 * point: it must load the same way under tsx, vitest and the esbuild bundle of the Electron app,
 * and it needs nothing but the already compiled WebAssembly module (shared/crypto/sm3-wasm.ts),
 * which is passed to it. It compresses whole 64-byte blocks and returns the chaining value; the
 * main thread finishes the last partial block with `Sm3Hasher.resume` — the same code path the
 * unit tests check against the standard.
 */

export interface FileHash {
  /** queues bytes; resolves once few enough are waiting (bounded memory) */
  update(chunk: Uint8Array): Promise<void>;
  digest(): Promise<Uint8Array>;
  /** stops the worker (idempotent; after digest or on failure) */
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const instance = new WebAssembly.Instance(workerData.module, {});
const memory = instance.exports.memory.buffer;
const state = new Int32Array(memory, 0, 8);
const input = new Uint8Array(memory, workerData.inputOffset, workerData.inputBytes);
state.set(workerData.iv);
let carry = new Uint8Array(0);
let compressed = 0;
function feed(bytes) {
  for (let offset = 0; offset < bytes.length; offset += input.length) {
    const part = bytes.subarray(offset, Math.min(bytes.length, offset + input.length));
    input.set(part);
    instance.exports.compress(workerData.inputOffset, part.length / 64);
  }
  compressed += bytes.length;
}
parentPort.on('message', (message) => {
  if (message.type === 'data') {
    let bytes = new Uint8Array(message.buffer);
    if (carry.length > 0) {
      const joined = new Uint8Array(carry.length + bytes.length);
      joined.set(carry);
      joined.set(bytes, carry.length);
      bytes = joined;
    }
    const whole = bytes.length - (bytes.length % 64);
    feed(bytes.subarray(0, whole));
    carry = bytes.slice(whole);
    // the buffer goes back to be filled again: no 4 MiB allocation per chunk on either side
    parentPort.postMessage({ type: 'ack', buffer: message.buffer }, [message.buffer]);
  } else {
    parentPort.postMessage({ type: 'done', state: Array.from(state), compressed, carry });
  }
});
`;

/** chunks (of 4 MiB) allowed in the worker's queue before `update` waits */
const MAX_IN_FLIGHT = 3;

class WorkerFileHash implements FileHash {
  private inFlight = 0;
  /** buffers the worker has handed back, reused for the next chunks */
  private readonly spare: ArrayBuffer[] = [];
  private waiters: Array<() => void> = [];
  private done: ((result: { state: number[]; compressed: number; carry: Uint8Array }) => void) | null = null;
  private failure: unknown = null;
  private closed = false;

  constructor(private readonly worker: Worker) {
    worker.on('message', (message: { type: 'ack'; buffer: ArrayBuffer } | { type: 'done'; state: number[]; compressed: number; carry: Uint8Array }) => {
      if (message.type === 'ack') {
        this.inFlight -= 1;
        this.spare.push(message.buffer);
        this.waiters.shift()?.();
      } else {
        this.done?.(message);
      }
    });
    worker.on('error', (error) => {
      this.failure = error;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  async update(chunk: Uint8Array): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT && this.failure === null) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure !== null) throw this.failure;
    // A copy, since the caller's buffer is still being compressed on the thread pool; it goes to
    // the worker without another copy (transferred) and comes back with the acknowledgement.
    const reuse = this.spare.pop();
    const copy = reuse !== undefined && reuse.byteLength === chunk.length ? new Uint8Array(reuse) : new Uint8Array(chunk.length);
    copy.set(chunk);
    this.inFlight += 1;
    this.worker.postMessage({ type: 'data', buffer: copy.buffer }, [copy.buffer]);
  }

  async digest(): Promise<Uint8Array> {
    if (this.failure !== null) throw this.failure;
    const result = await new Promise<{ state: number[]; compressed: number; carry: Uint8Array }>((resolve, reject) => {
      this.done = resolve;
      this.worker.once('error', reject);
      this.worker.postMessage({ type: 'digest' });
    });
    await this.close();
    return Sm3Hasher.resume(Int32Array.from(result.state), result.compressed).update(result.carry).digest();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }
}

class MainThreadFileHash implements FileHash {
  private readonly hasher = new Sm3Hasher();
  async update(chunk: Uint8Array): Promise<void> {
    this.hasher.update(chunk);
  }
  async digest(): Promise<Uint8Array> {
    return this.hasher.digest();
  }
  async close(): Promise<void> {}
}

/** A worker-thread SM3 where WebAssembly and workers are available, else this thread's. */
export function startFileHash(): FileHash {
  const module = sm3WasmModule();
  if (!module) return new MainThreadFileHash();
  try {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, iv: Array.from(Sm3Hasher.IV), inputOffset: SM3_WASM_INPUT_OFFSET, inputBytes: SM3_WASM_INPUT_BYTES },
    });
    worker.unref();
    return new WorkerFileHash(worker);
  } catch {
    return new MainThreadFileHash();
  }
}

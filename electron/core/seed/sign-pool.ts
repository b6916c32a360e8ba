import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Signer, SignJob } from './signer';

interface Pending {
  resolve(signatures: string[]): void;
  reject(error: unknown): void;
}

/**
 * SM2 signing on worker threads for large seeds. The worker is a TypeScript file loaded through
 * tsx (`--import tsx`), so this is for the CLI and benchmarks, which run under tsx anyway.
 * Jobs are spread over the workers round-robin; each answer is matched by id. One worker per
 * core, not one less: the main thread spends much of its time waiting for SQLite's fsyncs.
 */
export function createSignPool(size = Math.max(1, availableParallelism())): Signer {
  const entry = new URL('./sign-worker.ts', import.meta.url).href;
  // Node 20 does not apply `--import tsx` to a worker's entry file, so the worker starts as a
  // tiny script that asks tsx to import the TypeScript entry.
  const bootstrap = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  const workers = Array.from({ length: size }, () => new Worker(bootstrap, { eval: true }));
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let turn = 0;
  for (const worker of workers) {
    worker.on('message', (message: { id: number; signatures: string[] }) => {
      pending.get(message.id)?.resolve(message.signatures);
      pending.delete(message.id);
    });
    const failAll = (error: unknown) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (pending.size > 0) failAll(new Error(`signing worker exited (${code})`));
    });
  }
  return {
    signAll(jobs: readonly SignJob[]) {
      const worker = workers[turn % workers.length];
      turn += 1;
      if (!worker) return Promise.reject(new Error('sign pool has no workers'));
      const id = nextId;
      nextId += 1;
      return new Promise<string[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, jobs });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

import { parentPort } from 'node:worker_threads';
import { signNow, type SignJob } from './signer';

/** Worker side of sign-pool.ts: signs what it is sent, answers in the same order. */
parentPort?.on('message', (message: { id: number; jobs: SignJob[] }) => {
  parentPort?.postMessage({ id: message.id, signatures: message.jobs.map(signNow) });
});

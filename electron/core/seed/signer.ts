import { sm2Sign } from '../../../shared/crypto';

/** One SM2 signature to make: the approver's key over a decision's payload hash. */
export interface SignJob {
  message: string;
  privateKey: string;
  publicKey: string;
}

/**
 * Makes the signatures of generated approval decisions. SM2 signing costs about a millisecond,
 * so a county of 200k requests needs minutes of it: the CLI hands it to worker threads
 * (sign-pool.ts) while the main thread writes; the demo's few hundred are signed in place.
 */
export interface Signer {
  signAll(jobs: readonly SignJob[]): Promise<string[]>;
  close(): Promise<void>;
}

export function signNow(job: SignJob): string {
  return sm2Sign(job.message, job.privateKey, { publicKey: job.publicKey });
}

export const inProcessSigner: Signer = {
  signAll: (jobs) => Promise.resolve(jobs.map(signNow)),
  close: () => Promise.resolve(),
};

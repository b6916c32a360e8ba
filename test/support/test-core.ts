import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope, MethodName, MethodParams, MethodResult } from '../../shared/api';
import { ManualClock } from '../../electron/core/app/clock';
import { createCore, type Core } from '../../electron/core/app/create-core';
import type { CoreConnection } from '../../electron/core/api/core-connection';

export const START_TIME = Date.UTC(2026, 11, 1, 1, 0, 0);

export const VALID_USCC = '91350100M000100Y43';
export const ADMIN_PASSWORD = 'Gov#Pay2026';

export interface TestCore {
  core: Core;
  clock: ManualClock;
  dataDir: string;
  close(): Promise<void>;
}

/** A real core on a real SQLite file in a temp folder, with a clock the test moves. */
export async function startTestCore(): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govpay-core-'));
  const clock = new ManualClock(START_TIME);
  const errors: unknown[] = [];
  const core = await createCore({
    dataDir,
    runtime: 'browser',
    clock,
    devMode: true,
    logger: { error: (message, detail) => errors.push([message, detail]) },
  });
  return {
    core,
    clock,
    dataDir,
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Typed calls over any CoreConnection-shaped transport. */
export interface TypedCaller {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<Envelope<MethodResult<M>>>;
}

export function typed(connection: Pick<CoreConnection, 'call'>): TypedCaller {
  return {
    call: (method, params) => connection.call(method, params) as never,
  };
}

export function valueOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

export const SETUP_INPUT = {
  unit: { name: '示例县财政局', uscc: VALID_USCC, level: 'county' as const },
  admin: { login: 'admin', name: '王管理', password: ADMIN_PASSWORD, passwordConfirm: ADMIN_PASSWORD },
};

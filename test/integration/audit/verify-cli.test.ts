import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSm2KeyPair } from '../../../shared/crypto';
import { createWorld, seedChain, withRawFile, type AuditWorld } from './audit-world';

function runCli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', resolve('scripts/verify-audit.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** `npm run audit:verify`: same verifier, exit code 0/1/2, Chinese and English. */
describe('scripts/verify-audit.ts', { timeout: 90_000 }, () => {
  let world: AuditWorld;
  let length: number;

  beforeAll(async () => {
    world = await createWorld();
    await seedChain(world);
    length = withRawFile(world.dataDir, (file) => file.events().length);
  }, 60_000);
  afterAll(() => rmSync(world.dataDir, { recursive: true, force: true }));

  it('passes an intact chain with exit code 0', () => {
    const { code, out } = runCli('--data-dir', world.dataDir);
    expect(code).toBe(0);
    expect(out).toContain(`结果：通过。共 ${length} 条，哈希链与签名全部有效`);
    expect(out).toContain(`Result: PASSED. ${length} events`);
  });

  it('fails with exit code 1 against a key given from outside, naming the first broken link', () => {
    const { code, out } = runCli('--data-dir', world.dataDir, '--public-key', generateSm2KeyPair().publicKey);
    expect(code).toBe(1);
    expect(out).toContain('审计链在第 1 条处断开：第 1 条审计记录的签名无效');
    expect(out).toContain('First broken link: #1 (badSignature');
  });

  it('reports a deleted event as JSON, and wrote nothing into the chain', () => {
    withRawFile(world.dataDir, (file) => file.deleteEvents([3]));
    const { code, out } = runCli('--data-dir', world.dataDir, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, reason: 'gap' } });
    expect(withRawFile(world.dataDir, (file) => file.events().length)).toBe(length - 1);
  });

  it('refuses a folder without a database (exit code 2) instead of creating one', () => {
    const empty = mkdtempSync(join(tmpdir(), 'govpay-empty-'));
    try {
      const { code, err } = runCli('--data-dir', empty);
      expect(code).toBe(2);
      expect(err).toContain('未找到数据库');
      expect(runCli().code).toBe(2);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

/**
 * `npm run seed -- --scale N [--seed S] [--data-dir DIR] [--as-of YYYY-MM-DD] [--password P]
 *                  [--workers N] [--force] [--check]`
 *
 * Writes a generated county into a new database (default `.data/seed-<N>`): scale 1 is a small
 * county (10 projects, ~40 contracts, ~300 payment requests); size grows linearly with N. The
 * same seed, scale and as-of day give the same documents. Every account gets one password,
 * printed at the end (a fresh random one unless --password is given); the database is marked
 * as generated in its settings. Open it with `npm run web -- --data-dir DIR`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PASSWORD_POLICY, passwordProblems } from '../shared/auth/password-policy';
import { ROLE_LABELS } from '../shared/domain/roles';
import { openDatabase } from '../electron/core/db/database';
import { parseDay } from '../electron/core/seed/calendar';
import { checkSeedInvariants } from '../electron/core/seed/invariants/check-seed-invariants';
import { seedDatabase } from '../electron/core/seed/seed-database';
import { createSignPool } from '../electron/core/seed/sign-pool';
import { inProcessSigner } from '../electron/core/seed/signer';

const DEFAULT_AS_OF = '2026-11-30';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: 'govpay' },
    'data-dir': { type: 'string' },
    'as-of': { type: 'string', default: DEFAULT_AS_OF },
    password: { type: 'string' },
    workers: { type: 'string' },
    force: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`seed: ${message}`);
  process.exit(2);
}

const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 1) fail('--scale must be a whole number ≥ 1');
const dataDir = resolve(values['data-dir'] ?? `.data/seed-${scale}`);
let asOfDay: number;
try {
  asOfDay = parseDay(values['as-of']);
} catch {
  fail('--as-of must be a day, YYYY-MM-DD');
}
// A fresh random password unless one is given: a generated database never ships a known default.
const password = values.password ?? `Gp#${randomBytes(6).toString('base64url')}7a`;
const problems = passwordProblems(password, DEFAULT_PASSWORD_POLICY, 'admin');
if (problems.length > 0) fail(`password: ${problems.map((p) => p.message).join('；')}`);

const database = resolve(dataDir, 'govpay.sqlite');
if (existsSync(database)) {
  if (!values.force) fail(`${database} exists; pass --force to replace it`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });
}
mkdirSync(dataDir, { recursive: true });

const workers = values.workers === undefined ? undefined : Number(values.workers);
const signer = workers === 0 ? inProcessSigner : createSignPool(workers);
const started = performance.now();
let lastReport = 0;
try {
  const summary = await seedDatabase({
    directory: dataDir,
    scale,
    seed: values.seed,
    asOfDay,
    password,
    signer,
    onProgress: (done, total) => {
      const now = performance.now();
      if (done === total || now - lastReport > 2_000) {
        lastReport = now;
        process.stdout.write(`\r  districts ${done}/${total}  ${((now - started) / 1000).toFixed(1)} s   `);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
  console.log(`\n生成完成（done） in ${seconds.toFixed(1)} s: ${total} documents, ${Math.round(total / seconds)} docs/s`);
  console.log(`数据目录（data dir）: ${dataDir}`);
  console.log(`单位（office）: ${summary.unitName}  ${summary.uscc}`);
  for (const [docType, count] of Object.entries(summary.counts).sort()) console.log(`  ${docType.padEnd(20)} ${count}`);
  console.log('用时（timings）:');
  for (const [name, ms] of Object.entries(summary.timings)) console.log(`  ${name.padEnd(40)} ${(ms / 1000).toFixed(1)} s`);
  console.log('账号（accounts, all with the password below）:');
  for (const user of summary.users) console.log(`  ${user.login.padEnd(16)} ${user.name.padEnd(6, '　')} ${user.roles.map((r) => ROLE_LABELS[r]).join('、')}`);
  console.log(`密码（password）: ${password}`);
  console.log(`恢复码（recovery code）: ${summary.recoveryCode}`);
  console.log(`打开（open）: npm run web -- --data-dir ${dataDir}`);
  if (values.check) {
    const checkStarted = performance.now();
    const db = await openDatabase({ directory: dataDir });
    try {
      const report = await checkSeedInvariants(db);
      console.log(`不变量检查（invariants）: ${report.violations.length === 0 ? 'all hold' : `${report.violations.length} violations`} in ${((performance.now() - checkStarted) / 1000).toFixed(1)} s`);
      for (const v of report.violations.slice(0, 20)) console.log(`  ✗ ${v}`);
      if (report.violations.length > 0) process.exitCode = 1;
    } finally {
      await db.close();
    }
  }
} finally {
  await signer.close();
}

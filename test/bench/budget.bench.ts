/**
 * The R8 budget check with 100 000 payment requests in the database.
 *
 *   npx tsx test/bench/budget.bench.ts                  # about a minute, most of it loading the requests
 *   BENCH_SCALE=0.1 npx tsx test/bench/budget.bench.ts  # quick smoke run
 *
 * Measured in the same run, so the ratio holds on any machine:
 *   (i)  BudgetService.assertCanCommit through RxDB on our SQLite storage (reads the line, its
 *        committing requests by the [docType, budgetLineId, status] index, its allocations and
 *        the threshold setting), alone and inside runAtomically as its callers run it;
 *        and right after a write on the same line (RxDB's query cache must catch up);
 *   (ii) the same three reads as hand-written SQL on raw better-sqlite3 over the same rows, with
 *        the same index, summing in SQL — the floor any storage layer could reach.
 * Prints p50/p95 per call and the ratio of the p50s.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../../electron/core/app/clock';
import { runAtomically } from '../../electron/core/app/unit-of-work';
import { WriteLock } from '../../electron/core/app/write-lock';
import { AuditLog } from '../../electron/core/audit/audit-log';
import { BudgetService } from '../../electron/core/budget/budget-service';
import { openDatabase } from '../../electron/core/db/database';
import type { AllocationDoc, BudgetLineDoc, PaymentRequestDoc } from '../../electron/core/db/schemas';
import { loadOrCreateDeviceIdentity } from '../../electron/core/device/device-identity';
import { COMMITTING_STATUSES, REQUEST_STATUSES } from '../../shared/domain/payment-request-status';
import { newId } from '../../shared/ids/uuidv7';

const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
const REQUESTS = Math.round(100_000 * SCALE);
const LINES = 400;
const CALLS = 2_000;
const T0 = Date.UTC(2026, 0, 5, 1, 0, 0);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

async function timeCalls(calls: number, run: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return times;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'govpay-budget-bench-'));
  const db = await openDatabase({ directory: dir });
  try {
    const clock = new ManualClock(T0);
    const lock = new WriteLock();
    const device = await loadOrCreateDeviceIdentity(db, clock);
    const budget = new BudgetService(db, device, clock, new AuditLog(db, device, clock, lock, { dataDir: dir }));
    const unitId = newId();
    const header = (id: string) => ({ id, unitId, createdBy: 'bench', createdAt: T0, updatedAt: T0 });
    const lines: BudgetLineDoc[] = Array.from({ length: LINES }, (_, i) => ({
      ...header(newId()),
      docType: 'budgetLine',
      projectId: newId(),
      year: 2026,
      subjectCode: '2120303',
      fundSource: 'fiscal',
      // large enough that every check passes: the benchmark measures the check, not the refusal
      amount: 1_000_000_000_000 + i,
    }));
    const allocations: AllocationDoc[] = lines.map((l) => ({ ...header(newId()), docType: 'allocation', budgetLineId: l.id, holderDeviceId: device.deviceId, amount: l.amount }));
    await db.projects.bulkInsert([...lines, ...allocations]);
    const requests: PaymentRequestDoc[] = Array.from({ length: REQUESTS }, (_, i) => ({
      ...header(newId()),
      docType: 'paymentRequest',
      requestNo: `ZF-${i}`,
      contractId: newId(),
      budgetLineId: (lines[i % LINES] as BudgetLineDoc).id,
      milestoneId: null,
      kind: 'progress',
      amount: 10_000 + (i % 997) * 100,
      labourAmount: 0,
      description: '进度款',
      invoiceNos: [],
      attachmentIds: [],
      applicantId: 'bench',
      status: REQUEST_STATUSES[i % REQUEST_STATUSES.length] ?? 'draft',
      route: null,
      split: null,
      submittedAt: null,
    }));
    const loadStart = performance.now();
    for (let i = 0; i < requests.length; i += 5_000) await db.payments.bulkInsert(requests.slice(i, i + 5_000));
    console.log(`loaded ${REQUESTS} requests over ${LINES} lines in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

    // raw better-sqlite3: the same rows, the same index, the sums done by SQLite itself
    const raw = new Database(join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.exec(`CREATE TABLE lines (id TEXT PRIMARY KEY, amount INTEGER NOT NULL);
      CREATE TABLE allocations (id TEXT PRIMARY KEY, budgetLineId TEXT NOT NULL, holderDeviceId TEXT NOT NULL, amount INTEGER NOT NULL);
      CREATE INDEX allocations_line ON allocations (budgetLineId);
      CREATE TABLE requests (id TEXT PRIMARY KEY, budgetLineId TEXT NOT NULL, status TEXT NOT NULL, amount INTEGER NOT NULL);
      CREATE INDEX requests_line_status ON requests (budgetLineId, status);
      CREATE TABLE settings (id TEXT PRIMARY KEY, value TEXT NOT NULL);`);
    raw.transaction(() => {
      const l = raw.prepare('INSERT INTO lines VALUES (?, ?)');
      for (const line of lines) l.run(line.id, line.amount);
      const a = raw.prepare('INSERT INTO allocations VALUES (?, ?, ?, ?)');
      for (const x of allocations) a.run(x.id, x.budgetLineId, x.holderDeviceId, x.amount);
      const r = raw.prepare('INSERT INTO requests VALUES (?, ?, ?, ?)');
      for (const x of requests) r.run(x.id, x.budgetLineId, x.status, x.amount);
    })();
    const placeholders = COMMITTING_STATUSES.map(() => '?').join(',');
    const lineStmt = raw.prepare('SELECT amount FROM lines WHERE id = ?');
    const sumStmt = raw.prepare(`SELECT status = 'paid' AS paid, SUM(amount) AS total FROM requests WHERE budgetLineId = ? AND status IN (${placeholders}) GROUP BY status = 'paid'`);
    const heldStmt = raw.prepare('SELECT COALESCE(SUM(amount), 0) AS held FROM allocations WHERE budgetLineId = ? AND holderDeviceId = ?');
    const settingStmt = raw.prepare('SELECT value FROM settings WHERE id = ?');
    const rawCheck = (lineId: string, amount: number): boolean => {
      const line = lineStmt.get(lineId) as { amount: number };
      let used = 0;
      for (const row of sumStmt.all(lineId, ...COMMITTING_STATUSES) as { total: number }[]) used += row.total;
      const held = (heldStmt.get(lineId, device.deviceId) as { held: number }).held;
      settingStmt.get('budget');
      return amount <= line.amount - used && amount <= held - used;
    };

    const lineId = (i: number) => (lines[(i * 7) % LINES] as BudgetLineDoc).id;
    // warm-up: caches, JIT, SQLite pages
    await timeCalls(200, (i) => budget.assertCanCommit({ budgetLineId: lineId(i), amount: 100 }));
    await timeCalls(200, (i) => rawCheck(lineId(i), 100));

    const alone = await timeCalls(CALLS, (i) => budget.assertCanCommit({ budgetLineId: lineId(i), amount: 100 }));
    const atomic = await timeCalls(CALLS, (i) => runAtomically(lock, db, () => budget.assertCanCommit({ budgetLineId: lineId(i), amount: 100 })));
    // RxDB answers a repeated query from its query cache; a write on the line (as every commit
    // makes) forces the cached result to be brought up to date, so measure after one as well
    const submitted = new Map<string, string>();
    for (const r of requests) if (r.status === 'submitted' && !submitted.has(r.budgetLineId)) submitted.set(r.budgetLineId, r.id);
    const afterWrite: number[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      const doc = await db.payments.findOne(submitted.get(lineId(i)) ?? '').exec();
      const current = (doc?.toJSON() as PaymentRequestDoc | undefined)?.amount ?? 0;
      await doc?.incrementalPatch({ amount: current + (i % 2 === 0 ? 1 : -1) });
      const start = performance.now();
      await budget.assertCanCommit({ budgetLineId: lineId(i), amount: 100 });
      afterWrite.push(performance.now() - start);
    }
    const plain = await timeCalls(CALLS, (i) => {
      if (!rawCheck(lineId(i), 100)) throw new Error('raw check refused');
    });
    raw.close();

    const perLine = Math.round(REQUESTS / LINES);
    const rows = [
      ['assertCanCommit (RxDB, SQLite storage)', alone],
      ['assertCanCommit inside runAtomically', atomic],
      ['assertCanCommit right after a write on the line', afterWrite],
      ['plain SQL on better-sqlite3 (baseline)', plain],
    ] as const;
    console.log(`\n${REQUESTS} requests in the database, ${perLine} per line (${Math.round((perLine * COMMITTING_STATUSES.length) / REQUEST_STATUSES.length)} committing), ${CALLS} checks each\n`);
    console.log('| path | p50 ms | p95 ms |');
    console.log('|---|---:|---:|');
    for (const [name, times] of rows) console.log(`| ${name} | ${percentile(times, 0.5).toFixed(3)} | ${percentile(times, 0.95).toFixed(3)} |`);
    const ratio = percentile(alone, 0.5) / percentile(plain, 0.5);
    const ratioAfterWrite = percentile(afterWrite, 0.5) / percentile(plain, 0.5);
    console.log(`\nratio assertCanCommit p50 / plain SQL p50: ${ratio.toFixed(1)}× (after a write: ${ratioAfterWrite.toFixed(1)}×)`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

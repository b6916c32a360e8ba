/**
 * Storage benchmark: our better-sqlite3 RxStorage vs raw better-sqlite3.
 *
 *   npx tsx test/bench/storage.bench.ts
 *
 * (a) insert 100k payment-request documents through RxDB bulkInsert vs the
 *     same JSON into a plain table in one raw transaction. The primary figure
 *     is one bulkInsert() call with all documents (one storage bulkWrite, one
 *     SQLite transaction, like the raw side); batches of 1000 (100 commits,
 *     each an fsync) are measured too, on a fresh file;
 * (b) an indexed query (one project's pending requests, ~100 of 200k docs)
 *     through RxDB vs loading every document and filtering in JS.
 *
 * Both sides use the same PRAGMAs (WAL, synchronous=FULL). RxDB runs without
 * dev-mode and without schema validation, as in production builds. Insert
 * ratios are printed for wall-clock time (the target) and for the process's
 * CPU time, which other load on a shared machine distorts much less.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createRxDatabase,
  normalizeMangoQuery,
  prepareQuery,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
} from 'rxdb';
import { getRxStorageBetterSqlite } from '../../electron/core/db/sqlite-storage/index';

type PaymentRequest = {
  id: string;
  unitId: string;
  projectId: string;
  contractId: string;
  status: 'draft' | 'pending' | 'approved' | 'paid';
  amount: number;
  createdAt: string;
  updatedAt: string;
  note: string;
};

const STATUSES = ['draft', 'pending', 'approved', 'paid'] as const;
/** BENCH_SCALE=0.1 gives a quick smoke run, like the other benchmarks. */
const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
const TOTAL_DOCS = Math.round(200_000 * SCALE);
const TIMED_INSERTS = Math.round(100_000 * SCALE);
const BATCH = 1_000;
// PROJECTS x 4 statuses -> ~100 docs per (project, status), the size of one query result.
const PROJECTS = Math.max(25, Math.round(500 * SCALE));
const UNITS = 50;
const WARMUP_RUNS = 20;
const QUERY_RUNS = Math.min(200, Math.floor((PROJECTS - WARMUP_RUNS) / 2));
const FULL_SCAN_RUNS = 3;

/** Collect garbage between phases when run with --expose-gc (test/bench/run.ts does). */
function collectGarbage(): void {
  const gc: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof gc === 'function') {
    gc();
  }
}

const schema: RxJsonSchema<PaymentRequest> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    unitId: { type: 'string', maxLength: 40 },
    projectId: { type: 'string', maxLength: 40 },
    contractId: { type: 'string', maxLength: 40 },
    status: { type: 'string', enum: [...STATUSES], maxLength: 10 },
    amount: { type: 'integer', minimum: 0, maximum: 1_000_000_000_000, multipleOf: 1 },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
    note: { type: 'string', maxLength: 400 },
  },
  required: ['id', 'unitId', 'projectId', 'contractId', 'status', 'amount', 'createdAt', 'updatedAt', 'note'],
  indexes: [
    ['projectId', 'status'],
    ['unitId', 'createdAt'],
  ],
};

/** Deterministic pseudo-random numbers so every run measures the same data. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOTE_WORDS = ['工程款', '进度款', '结算', '审核', 'payment', 'contract', 'milestone', '监理', '验收', 'invoice'];

function makeDocs(count: number): PaymentRequest[] {
  const random = mulberry32(42);
  const start = Date.UTC(2023, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    let note = '';
    while (note.length < 200) {
      note += (NOTE_WORDS[Math.floor(random() * NOTE_WORDS.length)] ?? '') + ' ';
    }
    const created = start + Math.floor(random() * 730) * 86_400_000;
    return {
      id: 'pr-' + String(i).padStart(7, '0'),
      unitId: 'unit-' + String(Math.floor(random() * UNITS)).padStart(3, '0'),
      projectId: 'proj-' + String(Math.floor(random() * PROJECTS)).padStart(4, '0'),
      contractId: 'ct-' + String(Math.floor(random() * 5_000)).padStart(5, '0'),
      status: STATUSES[Math.floor(random() * STATUSES.length)] ?? 'draft',
      amount: Math.floor(random() * 100_000_000),
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(created + 3_600_000).toISOString(),
      note: note.slice(0, 200),
    };
  });
}

type Timing = { seconds: number; cpuSeconds: number };

/**
 * Wall-clock time (what the target is about) and the CPU time of this
 * process (user + system, all threads). On a shared machine the CPU ratio is
 * the steadier figure: other processes stretch a long phase more than a
 * short one, while fsync waits only show in wall-clock time.
 */
async function timed(run: () => unknown): Promise<Timing> {
  collectGarbage();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await run();
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'govpay-bench-'));
  const docs = makeDocs(TOTAL_DOCS);
  let db: RxDatabase<{ requests: RxCollection<PaymentRequest> }> | undefined;
  let raw: Database.Database | undefined;
  try {
    // ---------- (a) inserts ----------
    const storage = getRxStorageBetterSqlite({ directory: dir });
    const open = async (name: string): Promise<RxDatabase<{ requests: RxCollection<PaymentRequest> }>> => {
      const created = await createRxDatabase<{ requests: RxCollection<PaymentRequest> }>({
        name,
        storage,
        multiInstance: false,
      });
      await created.addCollections({ requests: { schema } });
      return created;
    };
    const insert = async (into: RxCollection<PaymentRequest>, from: number, to: number, batch: number): Promise<void> => {
      for (let i = from; i < to; i += batch) {
        const result = await into.bulkInsert(docs.slice(i, Math.min(i + batch, to)));
        if (result.error.length > 0) {
          throw new Error('bulkInsert failed: ' + JSON.stringify(result.error[0]));
        }
      }
    };

    // Raw first: the same page cache state (cold file) for both sides.
    raw = new Database(path.join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec('CREATE TABLE plain (id TEXT PRIMARY KEY, json TEXT NOT NULL)');
    const rawInsert = raw.prepare<[string, string]>('INSERT INTO plain (id, json) VALUES (?, ?)');
    const rawInsertAll = raw.transaction((rows: PaymentRequest[]) => {
      for (const row of rows) {
        rawInsert.run(row.id, JSON.stringify(row));
      }
    });
    const rawDocs = docs.slice(0, TIMED_INSERTS);
    const rawTime = await timed(() => rawInsertAll(rawDocs));

    const batched = await open('benchbatched');
    const batchedTime = await timed(() => insert(batched.requests, 0, TIMED_INSERTS, BATCH));
    await batched.close();

    db = await open('bench');
    const requests = db.requests;
    const rxTime = await timed(() => insert(requests, 0, TIMED_INSERTS, TIMED_INSERTS));
    const rate = (t: Timing): number => TIMED_INSERTS / t.seconds;
    const rawRate = rate(rawTime);
    const rxRate = rate(rxTime);
    const batchedRate = rate(batchedTime);

    // Fill both up to TOTAL_DOCS for the query part (not timed).
    await insert(requests, TIMED_INSERTS, TOTAL_DOCS, BATCH);
    rawInsertAll(docs.slice(TIMED_INSERTS));

    // ---------- (b) indexed query vs full scan ----------
    const projectIds = Array.from({ length: PROJECTS }, (_, i) => 'proj-' + String(i).padStart(4, '0'));
    // Each run asks for another project: RxDB caches identical queries, and
    // we want to measure the storage, not RxDB's query cache.
    const runQuery = async (projectId: string): Promise<number> => {
      const found = await requests.find({ selector: { projectId, status: 'pending' } }).exec();
      return found.length;
    };
    for (const projectId of projectIds.slice(PROJECTS - WARMUP_RUNS)) {
      await runQuery(projectId); // warm-up on projects that are not measured
    }
    collectGarbage();
    const querySamples: number[] = [];
    let matched = 0;
    for (const projectId of projectIds.slice(0, QUERY_RUNS)) {
      const t0 = performance.now();
      matched += await runQuery(projectId);
      querySamples.push(performance.now() - t0);
    }

    // For insight only: the same queries straight against the storage
    // instance, i.e. without RxDB's query/document layer on top.
    const storageSamples: number[] = [];
    const jsonSchema = requests.schema.jsonSchema;
    for (const projectId of projectIds.slice(QUERY_RUNS, QUERY_RUNS * 2)) {
      const filled = normalizeMangoQuery(jsonSchema, { selector: { projectId, status: 'pending' } });
      // RxQuery adds this before calling the storage, so do we.
      filled.selector = { ...filled.selector, _deleted: { $eq: false } };
      const prepared = prepareQuery(jsonSchema, filled);
      const t0 = performance.now();
      await requests.storageInstance.query(prepared);
      storageSamples.push(performance.now() - t0);
    }

    const selectAll = raw.prepare<[], string>('SELECT json FROM plain').pluck();
    const scanSamples: number[] = [];
    let scanMatched = 0;
    for (let run = 0; run < FULL_SCAN_RUNS; run++) {
      const projectId = projectIds[run] ?? 'proj-0000';
      const t0 = performance.now();
      const hits = selectAll
        .all()
        .map((json) => JSON.parse(json) as PaymentRequest)
        .filter((d) => d.projectId === projectId && d.status === 'pending');
      scanSamples.push(performance.now() - t0);
      scanMatched += hits.length;
    }

    const queryP50 = percentile(querySamples, 50);
    const queryP95 = percentile(querySamples, 95);
    const scanP50 = percentile(scanSamples, 50);
    const insertRatio = rxRate / rawRate;
    const batchedRatio = batchedRate / rawRate;
    const cpuRatio = (t: Timing): string => fmt(rawTime.cpuSeconds / t.cpuSeconds, 2);
    const speedup = scanP50 / queryP50;

    const describe = (t: Timing): string => `${fmt(rate(t), 0)} docs/s (${fmt(t.seconds, 2)} s, CPU ${fmt(t.cpuSeconds, 2)} s)`;
    console.log(`(a) RxDB bulkInsert on our storage, one call: ${describe(rxTime)}`);
    console.log(`    RxDB bulkInsert in batches of ${BATCH}: ${describe(batchedTime)}`);
    console.log(`    raw better-sqlite3, one transaction: ${describe(rawTime)}`);
    console.log(`    CPU-time ratios: one call ${cpuRatio(rxTime)}x, batches ${cpuRatio(batchedTime)}x`);
    console.log(`(b) indexed query p50 ${fmt(queryP50, 3)} ms, p95 ${fmt(queryP95, 3)} ms, avg ${fmt(matched / QUERY_RUNS)} docs/query`);
    console.log(`    (storage.query() alone p50 ${fmt(percentile(storageSamples, 50), 3)} ms)`);
    console.log(`    full scan p50 ${fmt(scanP50, 1)} ms (${fmt(scanMatched / FULL_SCAN_RUNS)} docs/scan)`);
    console.log('');
    console.log('| metric | our storage (RxDB) | baseline | ratio | target |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| insert ${fmt(TIMED_INSERTS / 1000, 0)}k, one bulkInsert (docs/s) | ${fmt(rxRate, 0)} | ${fmt(rawRate, 0)} (raw tx) | ${fmt(insertRatio, 2)}x | >= 0.4x ${insertRatio >= 0.4 ? 'OK' : 'MISSED'} |`,
    );
    console.log(
      `| insert ${fmt(TIMED_INSERTS / 1000, 0)}k, batches of ${BATCH} (docs/s) | ${fmt(batchedRate, 0)} | ${fmt(rawRate, 0)} (raw tx) | ${fmt(batchedRatio, 2)}x | (for reference) |`,
    );
    console.log(
      `| project+pending query, ${fmt(TOTAL_DOCS / 1000, 0)}k docs (p50 ms) | ${fmt(queryP50, 3)} | ${fmt(scanP50, 1)} (full scan) | ${fmt(speedup, 0)}x faster | < 5 ms ${queryP50 < 5 ? 'OK' : 'MISSED'}, >= 50x ${speedup >= 50 ? 'OK' : 'MISSED'} |`,
    );
  } finally {
    await db?.close();
    raw?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_NAME, openDatabase } from '../../../../electron/core/db/database';

/**
 * Crash safety of storage transactions: a child process (crash-writer.ts)
 * writes batches, each one transaction over two collections, and reports a
 * batch only after its COMMIT returned. We SIGKILL it at random moments and
 * reopen the file every time. It must hold every reported batch, possibly the
 * one in flight, never part of a batch; the settings and audit events of a
 * batch always come together, and SQLite's integrity check stays "ok".
 */
const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-writer.ts');
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const PER_BATCH = 40;
/**
 * Each kill costs ~4 s of process start-up (tsx, rxdb, every schema) on a
 * slow machine, so two writers on two files run side by side.
 */
const LANES = 2;
const MAX_ROUNDS_PER_LANE = 8;
const MIN_ROUNDS_PER_LANE = 5;
/** No new round starts after this. */
const BUDGET_MS = 55_000;

const root = mkdtempSync(path.join(tmpdir(), 'govpay-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Seeded, so a failure can be replayed with CRASH_SEED. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type RoundResult = { reported: number[]; signal: NodeJS.Signals | null; stderr: string };

/** Starts the writer, kills it `killAfterReadyMs` after it opened the database. */
function runRound(dir: string, firstBatch: number, killAfterReadyMs: number): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(firstBatch), String(PER_BATCH)], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: number[] = [];
    let stderr = '';
    let buffered = '';
    let timer: NodeJS.Timeout | undefined;
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line === 'ready') {
          timer = setTimeout(() => child.kill('SIGKILL'), killAfterReadyMs);
        } else if (line.startsWith('committed ')) {
          reported.push(Number(line.slice('committed '.length)));
        }
        newline = buffered.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      resolve({ reported, signal, stderr });
    });
  });
}

type FileState = { batches: number[]; integrity: string[] };

/** Reads the file like a recovering process would, with a plain SQLite connection. */
function inspect(dir: string): FileState {
  const raw = new Database(path.join(dir, DATABASE_NAME + '.sqlite'));
  try {
    const integrity = raw.prepare<[], string>('PRAGMA integrity_check').pluck().all();
    const settings = raw
      .prepare<[], { batch: number; n: number }>(
        `SELECT json_extract(json, '$.value.batch') AS batch, COUNT(*) AS n FROM col_settings_v0
         WHERE id LIKE 'crash-b%' AND _deleted = 0 GROUP BY batch ORDER BY batch`,
      )
      .all();
    const events = raw
      .prepare<[], number>(`SELECT json_extract(json, '$.seq') FROM col_auditevents_v0 WHERE _deleted = 0 ORDER BY 1`)
      .pluck()
      .all();
    const head = raw
      .prepare<[], number>(`SELECT json_extract(json, '$.value.batch') FROM col_settings_v0 WHERE id = 'crash-head'`)
      .pluck()
      .get();
    const batches = settings.map((s) => s.batch);
    // Never half a batch: all its settings, its audit event and the head move together.
    for (const s of settings) {
      expect(s.n, `settings of batch ${s.batch}`).toBe(PER_BATCH);
    }
    expect(events, 'audit events pair up with settings batches').toEqual(batches);
    expect(head ?? 0, 'head points at the last batch').toBe(batches.at(-1) ?? 0);
    return { batches, integrity };
  } finally {
    raw.close();
  }
}

type LaneResult = { dir: string; rounds: number; committed: number[]; inFlightKept: number };

async function runLane(lane: number, seed: number, started: number): Promise<LaneResult> {
  const dir = path.join(root, 'lane' + String(lane));
  const next = random(seed + lane);
  let committed: number[] = [];
  let rounds = 0;
  let inFlightKept = 0;
  while (rounds < MAX_ROUNDS_PER_LANE && (rounds < MIN_ROUNDS_PER_LANE || Date.now() - started < BUDGET_MS)) {
    rounds++;
    const firstBatch = (committed.at(-1) ?? 0) + 1;
    const killAfter = Math.floor(next() * 1_200);
    const round = await runRound(dir, firstBatch, killAfter);
    const context = `seed ${seed}, lane ${lane}, round ${rounds}, kill ${killAfter} ms after open; stderr: ${round.stderr.slice(0, 2_000)}`;
    expect(round.signal, context).toBe('SIGKILL');

    const state = inspect(dir);
    expect(state.integrity, context).toEqual(['ok']);
    const reported = [...committed, ...round.reported];
    const inFlight = (reported.at(-1) ?? 0) + 1;
    // Every reported batch is there; beyond them at most the one in flight, whole.
    expect(state.batches.slice(0, reported.length), context).toEqual(reported);
    expect(state.batches.slice(reported.length), context).toEqual(state.batches.length > reported.length ? [inFlight] : []);
    if (state.batches.length > reported.length) {
      inFlightKept++;
    }
    committed = state.batches;
  }
  return { dir, rounds, committed, inFlightKept };
}

describe('crash safety of storage transactions', () => {
  it(
    'keeps exactly the committed batches, whole, across random SIGKILLs',
    async () => {
      const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
      const started = Date.now();
      const lanes = await Promise.all(Array.from({ length: LANES }, (_, lane) => runLane(lane, seed, started)));
      const kills = lanes.reduce((sum, l) => sum + l.rounds, 0);
      // Let the numbers be seen in the test output (how hard this run was).
      console.info(
        `crash test: seed ${seed}, ${kills} kills, ` +
          `${lanes.map((l) => l.committed.length).join('+')} batches committed, ` +
          `${lanes.reduce((sum, l) => sum + l.inFlightKept, 0)} in-flight batches survived whole, ${Date.now() - started} ms`,
      );
      for (const lane of lanes) {
        expect(lane.committed.length).toBeGreaterThan(lane.rounds);
      }

      // Finally the application itself opens a file and agrees.
      const lane = lanes[0];
      if (!lane) throw new Error('no lane ran');
      const db = await openDatabase({ directory: lane.dir });
      try {
        const events = await db.auditevents.count({ selector: { deviceId: 'crash-device' } }).exec();
        expect(events).toBe(lane.committed.length);
        const head = await db.settings.findOne('crash-head').exec(true);
        expect(head.value).toEqual({ batch: lane.committed.at(-1) });
      } finally {
        await db.close();
      }
    },
    120_000,
  );
});

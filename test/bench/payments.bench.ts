/**
 * Submitting one payment request with 100 000 requests in the database (issue 4 item 9):
 * every rule, the route, the budget check and reservation, the status change and the audit event,
 * in one unit of work — PaymentRequestService.submit as the API calls it.
 *
 *   npx tsx test/bench/payments.bench.ts                  # a few minutes, most of it loading
 *   BENCH_SCALE=0.05 npx tsx test/bench/payments.bench.ts # quick smoke run
 *
 * Baseline measured in the same run: the same reads and writes as hand-written SQL on raw
 * better-sqlite3 with the same indexes, in one transaction (request, contract, project, line,
 * attachments, the contract's committing requests, latest certificate, milestones, invoice
 * holders, the line's committing sums and allocations, the decision table; update the request,
 * insert an SM3-hashed audit event). The audit event's device SM2 signature is part of the
 * core's append; its cost is measured on its own and subtracted in the "signature excluded" row.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Actor } from '../../electron/core/api/handler-types';
import { ManualClock } from '../../electron/core/app/clock';
import { createCore } from '../../electron/core/app/create-core';
import type { AttachmentDoc, BudgetLineDoc, ContractDoc, MilestoneDoc, PaymentRequestDoc, ProgressCertificateDoc, UnitDoc, UserDoc } from '../../electron/core/db/schemas';
import { PaymentRequestService } from '../../electron/core/payments/payment-request-service';
import { sm2Sign, sm3Hex } from '../../shared/crypto';
import { COMMITTING_STATUSES, REQUEST_STATUSES } from '../../shared/domain/payment-request-status';
import { newId } from '../../shared/ids/uuidv7';
import { SETUP_INPUT } from '../support/test-core';

const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
const REQUESTS = Math.round(100_000 * SCALE);
const CONTRACTS = 2_000;
const LINES = 400;
const CALLS = 500;
const T0 = Date.UTC(2026, 10, 5, 1, 0, 0);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function invoiceNo(i: number): string {
  return `26352${String(i).padStart(15, '0')}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'govpay-payments-bench-'));
  const clock = new ManualClock(T0);
  const core = await createCore({ dataDir: dir, runtime: 'browser', clock, logger: { error: () => undefined } });
  try {
    const s = core.services;
    const { unitId, adminUserId } = await s.setup.initialize(SETUP_INPUT);
    const header = (id = newId()) => ({ id, unitId, createdBy: adminUserId, createdAt: T0, updatedAt: T0 });
    const projectId = newId();
    await s.db.projects.insert({ ...header(projectId), docType: 'project', code: 'XM-B', name: '基准项目', type: 'municipalRoad', ownerUnitId: unitId, fundSources: ['fiscal'], leadUserId: adminUserId, status: 'active' });
    const lines: BudgetLineDoc[] = Array.from({ length: LINES }, (_, i) => ({ ...header(), docType: 'budgetLine', projectId, year: 2026, subjectCode: `21203${String(i).padStart(3, '0')}`, fundSource: 'fiscal', amount: 1_000_000_000_000 }));
    await s.db.projects.bulkInsert([...lines, ...lines.map((l) => ({ ...header(), docType: 'allocation' as const, budgetLineId: l.id, holderDeviceId: s.device.deviceId, amount: l.amount }))]);
    const payeeId = newId();
    const contracts: ContractDoc[] = Array.from({ length: CONTRACTS }, (_, i) => ({
      ...header(), docType: 'contract', code: `HT-B-${i}`, name: `基准合同${i}`, projectId, counterpartyId: payeeId, amount: 10_000_000_000, signedAt: '2026-01-01', paymentTermDays: 30, labourShare: 2_000, retentionRate: 300, status: 'active', version: 1, documentHash: null,
    }));
    const certificates: ProgressCertificateDoc[] = contracts.map((c) => ({ ...header(), docType: 'progressCertificate', contractId: c.id, period: '2026-10', certifiedValue: 8_000_000_000, cumulativeCertified: 8_000_000_000, certifiedAt: '2026-11-01', certifiedByName: '监理', attachmentIds: [], status: 'confirmed' }));
    const milestones: MilestoneDoc[] = contracts.map((c) => ({ ...header(), docType: 'milestone', contractId: c.id, seq: 2, name: '进度款', kind: 'progress', ratio: 8_500, dueRule: 'fixedDate', dueDays: null, acceptedAt: null, status: 'open' }));
    await s.db.contracts.bulkInsert([...contracts, ...certificates, ...milestones]);
    const evidence: AttachmentDoc[] = (['invoice', 'progressCertificate'] as const).map((purpose) => ({ ...header(), docType: 'attachment', sm3: sm3Hex(purpose), name: `${purpose}.pdf`, mimeType: 'application/pdf', size: 1000, purpose }));
    await s.db.records.bulkInsert(evidence);
    const request = (i: number, status: PaymentRequestDoc['status']): PaymentRequestDoc => ({
      ...header(), docType: 'paymentRequest', requestNo: `ZF-2026-${String(i).padStart(6, '0')}`, contractId: (contracts[i % CONTRACTS] as ContractDoc).id, budgetLineId: (lines[i % LINES] as BudgetLineDoc).id, milestoneId: null, kind: 'progress', amount: 10_000 + (i % 997), labourAmount: 0, description: '进度款', invoiceNos: [invoiceNo(i)], attachmentIds: evidence.map((e) => e.id), applicantId: adminUserId, status, route: null, split: null, submittedAt: null,
    });
    const loadStart = performance.now();
    const existing = Array.from({ length: REQUESTS }, (_, i) => request(i, REQUEST_STATUSES[i % REQUEST_STATUSES.length] ?? 'draft'));
    for (let i = 0; i < existing.length; i += 5_000) await s.db.payments.bulkInsert(existing.slice(i, i + 5_000));
    const drafts = Array.from({ length: CALLS + 50 }, (_, k) => request(REQUESTS + k, 'draft'));
    await s.db.payments.bulkInsert(drafts);
    console.log(`loaded ${REQUESTS} requests over ${CONTRACTS} contracts and ${LINES} lines in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

    const user = (await s.db.users.findOne(adminUserId).exec())?.toMutableJSON() as UserDoc;
    const unit = (await s.db.units.findOne(unitId).exec())?.toMutableJSON() as UnitDoc;
    // the applicant: a project lead's actor (roles are checked by the dispatcher, not the service)
    const actor: Actor = { user, unit, roles: ['projectLead'], sessionId: 'bench', dataKey: null, scopeUnitIds: [unitId] };
    const payments = new PaymentRequestService({ db: s.db, lock: s.lock, clock, audit: s.audit, budget: s.budget, approval: s.approval, attachments: s.attachments });

    // warm-up (JIT, caches, the invoice index's one-time load, the default decision tables)
    for (let k = 0; k < 50; k += 1) await payments.submit((drafts[CALLS + k] as PaymentRequestDoc).id, actor);
    const core_: number[] = [];
    for (let k = 0; k < CALLS; k += 1) {
      const start = performance.now();
      await payments.submit((drafts[k] as PaymentRequestDoc).id, actor);
      core_.push(performance.now() - start);
    }
    const signTimes: number[] = [];
    for (let k = 0; k < 300; k += 1) {
      const start = performance.now();
      sm2Sign(sm3Hex(`x${k}`), s.device.privateKey, { publicKey: s.device.publicKey });
      signTimes.push(performance.now() - start);
    }

    // raw better-sqlite3 with the same rows and indexes
    const raw = new Database(join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec(`CREATE TABLE requests (id TEXT PRIMARY KEY, contractId TEXT, budgetLineId TEXT, status TEXT, kind TEXT, amount INTEGER, json TEXT);
      CREATE INDEX r_line ON requests (budgetLineId, status); CREATE INDEX r_contract ON requests (contractId, status);
      CREATE TABLE invoices (no TEXT, requestId TEXT); CREATE INDEX i_no ON invoices (no);
      CREATE TABLE docs (id TEXT PRIMARY KEY, json TEXT);
      CREATE TABLE certs (contractId TEXT, status TEXT, period TEXT, cumulative INTEGER); CREATE INDEX c_idx ON certs (contractId, status, period);
      CREATE TABLE milestones (contractId TEXT, json TEXT); CREATE INDEX m_idx ON milestones (contractId);
      CREATE TABLE allocations (budgetLineId TEXT, holder TEXT, amount INTEGER); CREATE INDEX a_idx ON allocations (budgetLineId);
      CREATE TABLE audit (seq INTEGER PRIMARY KEY, prevHash TEXT, hash TEXT, json TEXT);`);
    raw.transaction(() => {
      const r = raw.prepare('INSERT INTO requests VALUES (?, ?, ?, ?, ?, ?, ?)');
      const inv = raw.prepare('INSERT INTO invoices VALUES (?, ?)');
      for (const x of [...existing, ...drafts]) {
        r.run(x.id, x.contractId, x.budgetLineId, x.status, x.kind, x.amount, JSON.stringify(x));
        for (const no of x.invoiceNos) inv.run(no, x.id);
      }
      const d = raw.prepare('INSERT INTO docs VALUES (?, ?)');
      for (const x of [...contracts, ...lines, ...evidence]) d.run(x.id, JSON.stringify(x));
      d.run(projectId, JSON.stringify({ type: 'municipalRoad' }));
      d.run('table', JSON.stringify({ steps: [] }));
      const c = raw.prepare('INSERT INTO certs VALUES (?, ?, ?, ?)');
      for (const x of certificates) c.run(x.contractId, x.status, x.period, x.cumulativeCertified);
      const m = raw.prepare('INSERT INTO milestones VALUES (?, ?)');
      for (const x of milestones) m.run(x.contractId, JSON.stringify(x));
      const a = raw.prepare('INSERT INTO allocations VALUES (?, ?, ?)');
      for (const l of lines) a.run(l.id, s.device.deviceId, l.amount);
    })();
    const q = {
      request: raw.prepare('SELECT json FROM requests WHERE id = ?'),
      doc: raw.prepare('SELECT json FROM docs WHERE id = ?'),
      committedByContract: raw.prepare(`SELECT kind, SUM(amount) AS total FROM requests WHERE contractId = ? AND status IN (${COMMITTING_STATUSES.map(() => '?').join(',')}) GROUP BY kind`),
      cert: raw.prepare('SELECT cumulative FROM certs WHERE contractId = ? AND status = ? ORDER BY period DESC LIMIT 1'),
      milestones: raw.prepare('SELECT json FROM milestones WHERE contractId = ?'),
      invoice: raw.prepare('SELECT r.status FROM invoices i JOIN requests r ON r.id = i.requestId WHERE i.no = ? AND r.id <> ?'),
      lineSum: raw.prepare(`SELECT SUM(amount) AS total FROM requests WHERE budgetLineId = ? AND status IN (${COMMITTING_STATUSES.map(() => '?').join(',')})`),
      held: raw.prepare('SELECT SUM(amount) AS held FROM allocations WHERE budgetLineId = ? AND holder = ?'),
      update: raw.prepare('UPDATE requests SET status = ?, json = ? WHERE id = ?'),
      last: raw.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1'),
      audit: raw.prepare('INSERT INTO audit VALUES (?, ?, ?, ?)'),
    };
    const rawSubmit = raw.transaction((id: string) => {
      const doc = JSON.parse((q.request.get(id) as { json: string }).json) as PaymentRequestDoc;
      const contract = JSON.parse((q.doc.get(doc.contractId) as { json: string }).json) as ContractDoc;
      q.doc.get(contract.projectId);
      q.doc.get(doc.budgetLineId);
      for (const a of doc.attachmentIds) q.doc.get(a);
      q.committedByContract.all(doc.contractId, ...COMMITTING_STATUSES);
      q.cert.get(doc.contractId, 'confirmed');
      q.milestones.all(doc.contractId);
      for (const no of doc.invoiceNos) q.invoice.all(no, id);
      q.doc.get(doc.budgetLineId);
      q.lineSum.get(doc.budgetLineId, ...COMMITTING_STATUSES);
      q.held.get(doc.budgetLineId, s.device.deviceId);
      q.doc.get('table');
      q.update.run('submitted', JSON.stringify({ ...doc, status: 'submitted' }), id);
      const last = q.last.get() as { seq: number; hash: string } | undefined;
      const body = JSON.stringify({ seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? '0', action: 'paymentRequest.submit', entityId: id });
      q.audit.run((last?.seq ?? 0) + 1, last?.hash ?? '0', sm3Hex(body), body);
    });
    const rawIds = Array.from({ length: CALLS }, (_, k) => request(REQUESTS + CALLS + 50 + k, 'draft'));
    raw.transaction(() => {
      const r = raw.prepare('INSERT INTO requests VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const x of rawIds) r.run(x.id, x.contractId, x.budgetLineId, x.status, x.kind, x.amount, JSON.stringify(x));
    })();
    for (let k = 0; k < 50; k += 1) rawSubmit((drafts[CALLS + k] as PaymentRequestDoc).id);
    const plain: number[] = [];
    for (const x of rawIds) {
      const start = performance.now();
      rawSubmit(x.id);
      plain.push(performance.now() - start);
    }
    raw.close();

    const p50 = percentile(core_, 0.5);
    const sign = percentile(signTimes, 0.5);
    console.log(`\n${REQUESTS} requests in the database, ${CALLS} submits measured\n`);
    console.log('| path | p50 ms | p95 ms |');
    console.log('|---|---:|---:|');
    console.log(`| PaymentRequestService.submit (rules + route + reserve + audit, one unit of work) | ${p50.toFixed(3)} | ${percentile(core_, 0.95).toFixed(3)} |`);
    console.log(`| of which the audit event's device SM2 signature | ${sign.toFixed(3)} | ${percentile(signTimes, 0.95).toFixed(3)} |`);
    // per call, the signature is taken at its own median: p95 − signature p50 (the spikes of p95
    // come from garbage collection and other periodic work, not from the signature)
    console.log(`| submit, signature excluded | ${(p50 - sign).toFixed(3)} | ${(percentile(core_, 0.95) - sign).toFixed(3)} |`);
    console.log(`| same reads/writes, plain SQL on better-sqlite3 (baseline) | ${percentile(plain, 0.5).toFixed(3)} | ${percentile(plain, 0.95).toFixed(3)} |`);
    console.log(`\nratio submit (signature excluded) p50 / plain SQL p50: ${((p50 - sign) / percentile(plain, 0.5)).toFixed(1)}×  (target: submit < 5 ms)`);
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

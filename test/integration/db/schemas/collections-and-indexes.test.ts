import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillWithDefaultSettings, type MangoQuery, type RxJsonSchema } from 'rxdb/plugins/core';
import { DATABASE_NAME, type GovPayDatabase } from '../../../../electron/core/db/database';
import { COLLECTION_NAMES, COLLECTION_SCHEMAS, DOC_TYPE_COLLECTIONS, isDocOfType, type DocType, type PaymentRequestDoc } from '../../../../electron/core/db/schemas';
import { getDatabaseFilePath } from '../../../../electron/core/db/sqlite-storage';
import { freshSample, sampleDocs, sampleIds, T0 } from '../../../fixtures/db/sample-docs';
import { openTestDatabase, tempDir, untyped } from '../../../fixtures/db/temp-database';

/** Queries here name fields of any entity; the schema, not TypeScript, is under test. */
type AnyDoc = Record<string, unknown>;

const tmp = tempDir();
let db: GovPayDatabase;
const ids = sampleIds();
const otherLine = '0195f000-0000-7000-8000-00000000bl02';

beforeAll(async () => {
  db = await openTestDatabase(tmp.dir);
  const all = sampleDocs(ids);
  // one of everything, then enough requests that a wrong plan would show in the results
  for (const docType of Object.keys(all) as DocType[]) await untyped(db, DOC_TYPE_COLLECTIONS[docType]).insert(all[docType]);
  const statuses = ['draft', 'submitted', 'approved', 'paid', 'rejected'] as const;
  const requests: PaymentRequestDoc[] = Array.from({ length: 40 }, (_, i) => ({
    ...freshSample('paymentRequest', ids),
    budgetLineId: i % 2 === 0 ? ids.budgetLine : otherLine,
    contractId: i % 4 === 0 ? ids.contract : '0195f000-0000-7000-8000-00000000ct02',
    status: statuses[i % statuses.length] ?? 'draft',
    createdAt: T0 + 1000 * (40 - i),
    updatedAt: T0 + 1000 * (40 - i),
  }));
  await db.payments.bulkInsert(requests);
  // 红字冲销: a reversing entry that swaps debit and credit of the original
  const original = all.ledgerEntry;
  await db.records.insert({
    ...freshSample('ledgerEntry', ids),
    voucherNo: '记-2026-04-0002',
    summary: '冲销记-2026-04-0001',
    lines: original.lines.map((l) => ({ subject: l.subject, debit: l.credit, credit: l.debit })),
    reversesId: original.id,
  });
});
afterAll(async () => {
  if (!db.closed) await db.close();
  tmp.cleanup();
});


/** The index RxDB's planner picks for a query (the storage then scans exactly that index). */
function planOf(name: (typeof COLLECTION_NAMES)[number], query: MangoQuery<AnyDoc>) {
  return untyped(db, name).find(query).getPreparedQuery().queryPlan;
}

describe('the app’s queries use an index of their own', () => {
  const DEFAULT = ['_deleted', 'id'];
  const cases: { what: string; collection: (typeof COLLECTION_NAMES)[number]; query: MangoQuery<AnyDoc>; index: string[] }[] = [
    {
      what: 'requests by budget line and status (budget check)',
      collection: 'payments',
      query: { selector: { docType: 'paymentRequest', budgetLineId: ids.budgetLine, status: { $in: ['submitted', 'approved', 'paid'] } } },
      index: ['docType', 'budgetLineId', 'status'],
    },
    {
      what: 'requests of a contract',
      collection: 'payments',
      query: { selector: { docType: 'paymentRequest', contractId: ids.contract } },
      index: ['docType', 'contractId', 'status'],
    },
    {
      what: 'requests by status, oldest first (approval inbox)',
      collection: 'payments',
      query: { selector: { docType: 'paymentRequest', status: 'submitted' }, sort: [{ createdAt: 'asc' }] },
      index: ['docType', 'status', 'createdAt'],
    },
    {
      what: 'instruction by idempotency key',
      collection: 'payments',
      query: { selector: { docType: 'paymentInstruction', idempotencyKey: 'instr-' + ids.instruction } },
      index: ['docType', 'idempotencyKey'],
    },
    { what: 'ledger by voucher number', collection: 'records', query: { selector: { docType: 'ledgerEntry', voucherNo: '记-2026-04-0001' } }, index: ['docType', 'voucherNo'] },
    { what: 'reversal of an entry', collection: 'records', query: { selector: { docType: 'ledgerEntry', reversesId: ids.ledgerEntry } }, index: ['docType', 'reversesId'] },
    {
      what: 'a period’s vouchers in order',
      collection: 'records',
      query: { selector: { docType: 'ledgerEntry', period: '2026-04' }, sort: [{ voucherNo: 'asc' }] },
      index: ['docType', 'period', 'voucherNo'],
    },
    {
      what: 'decisions of a request by step',
      collection: 'records',
      query: { selector: { docType: 'approvalDecision', requestId: ids.request }, sort: [{ step: 'asc' }] },
      index: ['docType', 'requestId', 'step'],
    },
    {
      what: 'decision table in force',
      collection: 'records',
      query: { selector: { docType: 'decisionTable', subject: 'paymentRequest', activeFrom: { $lte: T0 } }, sort: [{ activeFrom: 'desc' }], limit: 1 },
      index: ['docType', 'subject', 'activeFrom'],
    },
    { what: 'receipt by bank reference', collection: 'records', query: { selector: { docType: 'bankReceipt', bankRef: 'CCB20260401000123' } }, index: ['docType', 'bankRef'] },
    {
      what: 'milestones due by a day (reminders)',
      collection: 'contracts',
      query: { selector: { docType: 'milestone', status: 'open', dueDate: { $lte: '2026-04-10' } } },
      index: ['docType', 'status', 'dueDate'],
    },
    { what: 'budget lines of a project and year', collection: 'projects', query: { selector: { docType: 'budgetLine', projectId: ids.project, year: 2026 } }, index: ['docType', 'projectId', 'year'] },
    { what: 'allocations of a line', collection: 'projects', query: { selector: { docType: 'allocation', budgetLineId: ids.budgetLine } }, index: ['docType', 'budgetLineId'] },
    { what: 'risk inbox', collection: 'riskalerts', query: { selector: { docType: 'riskAlert', state: 'open' }, sort: [{ severity: 'desc' }] }, index: ['docType', 'state', 'severity', 'createdAt'] },
  ];

  it.each(cases)('$what', async ({ collection, query, index }) => {
    const plan = planOf(collection, query);
    expect(plan.index).toEqual(['_deleted', ...index, 'id']);
    expect(plan.index).not.toEqual(DEFAULT);
    expect(await untyped(db, collection).find(query).exec()).not.toHaveLength(0);
  });

  it('and they return exactly the matching documents', async () => {
    const reserved = await db.payments
      .find({ selector: { docType: 'paymentRequest', budgetLineId: ids.budgetLine, status: { $in: ['submitted', 'approved', 'paid'] } } })
      .exec();
    const all = (await db.payments.find().exec()).map((d) => d.toJSON()).filter((d) => isDocOfType(d, 'paymentRequest'));
    expect(all.length).toBe(41);
    const expected = all.filter((d) => d.budgetLineId === ids.budgetLine && ['submitted', 'approved', 'paid'].includes(d.status));
    expect(reserved.map((d) => d.id).sort()).toEqual(expected.map((d) => d.id).sort());

    const inbox = await db.payments.find({ selector: { docType: 'paymentRequest', status: 'submitted' }, sort: [{ createdAt: 'asc' }] }).exec();
    const times = inbox.map((d) => d.createdAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(inbox.every((d) => d.docType === 'paymentRequest' && d.status === 'submitted')).toBe(true);

    const ofContract = await db.payments.count({ selector: { docType: 'paymentRequest', contractId: ids.contract } }).exec();
    expect(ofContract).toBe(all.filter((d) => d.contractId === ids.contract).length);
  });
});

describe('every collection on a real SQLite file', () => {
  it('opens, has one table per collection and schema version, and one SQLite index per RxDB index', async () => {
    expect(Object.keys(db.collections).sort()).toEqual([...COLLECTION_NAMES].sort());
    await db.close();
    const file = new Database(getDatabaseFilePath(tmp.dir, DATABASE_NAME), { readonly: true });
    try {
      const tables = new Set(file.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((t) => t.name));
      for (const name of COLLECTION_NAMES) {
        const schema = COLLECTION_SCHEMAS[name] as RxJsonSchema<unknown>;
        const table = `col_${name}_v${schema.version}`;
        expect(tables, table).toContain(table);
        const indexed = new Set<string>();
        for (const index of file.prepare<[string], { name: string }>(`SELECT name FROM pragma_index_list(?)`).all(table)) {
          for (const column of file.prepare<[string], { name: string }>(`SELECT name FROM pragma_index_info(?)`).all(index.name)) indexed.add(column.name);
        }
        const filled = fillWithDefaultSettings(schema).indexes ?? [];
        expect(filled.length, name).toBeGreaterThan(0);
        for (const index of filled) {
          const fields = (typeof index === 'string' ? [index] : [...index]).join(',');
          expect([...indexed].some((c) => c.startsWith(`k:${fields}#`)), `${name}: ${fields}`).toBe(true);
        }
      }
    } finally {
      file.close();
    }
  });
});

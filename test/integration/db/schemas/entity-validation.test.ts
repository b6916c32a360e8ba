import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GovPayDatabase } from '../../../../electron/core/db/database';
import { DOC_TYPE_COLLECTIONS, ENTITY_SCHEMAS, MAX_STORED_FEN, type DocType } from '../../../../electron/core/db/schemas';
import { freshSample } from '../../../fixtures/db/sample-docs';
import { openTestDatabase, setPath, tempDir, untyped } from '../../../fixtures/db/temp-database';

/** Per entity: where its money is (paths into the sample) and one enum field to spoil. */
const CASES: Record<DocType, { money: string[]; enumPath: string | null }> = {
  project: { money: [], enumPath: 'type' },
  budgetLine: { money: ['amount', 'monthlyPlan.3'], enumPath: 'fundSource' },
  allocation: { money: ['amount'], enumPath: null },
  counterparty: { money: [], enumPath: null },
  contract: { money: ['amount'], enumPath: 'status' },
  contractChange: { money: ['before.amount', 'after.amount'], enumPath: 'kind' },
  milestone: { money: [], enumPath: 'kind' },
  progressCertificate: { money: ['certifiedValue', 'cumulativeCertified'], enumPath: 'status' },
  paymentRequest: { money: ['amount', 'labourAmount', 'split.undisputedAmount', 'split.disputedAmount'], enumPath: 'status' },
  paymentBatch: { money: ['totalAmount'], enumPath: 'adapter' },
  paymentInstruction: { money: ['amount'], enumPath: 'purpose' },
  riskAlert: { money: [], enumPath: 'severity' },
  approvalDecision: { money: [], enumPath: 'decision' },
  bankReceipt: { money: ['amount'], enumPath: 'direction' },
  ledgerEntry: { money: ['lines.0.debit', 'lines.1.credit'], enumPath: null },
  attachment: { money: [], enumPath: null },
  decisionTable: { money: [], enumPath: 'hitPolicy' },
};

const DOC_TYPES = Object.keys(CASES) as DocType[];

const tmp = tempDir();
let db: GovPayDatabase;
beforeAll(async () => {
  db = await openTestDatabase(tmp.dir);
});
afterAll(async () => {
  await db.close();
  tmp.cleanup();
});

function insert(docType: DocType, doc: unknown) {
  return untyped(db, DOC_TYPE_COLLECTIONS[docType]).insert(doc);
}

/** RxDB's "document does not match the schema" error (validate-ajv). */
async function expectRefused(docType: DocType, doc: unknown, what: string): Promise<void> {
  await expect(insert(docType, doc), what).rejects.toMatchObject({ code: 'VD2' });
}

function spoiled(docType: DocType, path: string, value: unknown): unknown {
  const doc = freshSample(docType);
  setPath(doc, path, value);
  return doc;
}

describe.each(DOC_TYPES)('%s schema (through RxDB with validate-ajv)', (docType) => {
  const { money, enumPath } = CASES[docType];

  it('accepts a valid document and reads it back unchanged', async () => {
    const doc = freshSample(docType);
    await insert(docType, doc);
    const stored = await untyped(db, DOC_TYPE_COLLECTIONS[docType]).findOne(doc.id).exec();
    expect(stored?.toJSON()).toEqual(doc);
  });

  it.runIf(money.length > 0)('refuses fractional, negative and oversized fen', async () => {
    for (const path of money) {
      await expectRefused(docType, spoiled(docType, path, 1.5), `${path} = 1.5`);
      await expectRefused(docType, spoiled(docType, path, -100), `${path} = -100`);
      await expectRefused(docType, spoiled(docType, path, MAX_STORED_FEN + 1), `${path} above max`);
      await expectRefused(docType, spoiled(docType, path, '100'), `${path} as a string`);
    }
    // the largest allowed amount itself is fine
    const [first] = money;
    if (first && !first.startsWith('before') && !first.startsWith('split') && !first.startsWith('monthly') && !first.startsWith('lines')) {
      await insert(docType, spoiled(docType, first, MAX_STORED_FEN));
    }
  });

  it('refuses an unknown property, and a property of another entity of its collection', async () => {
    await expectRefused(docType, { ...freshSample(docType), surprise: 1 }, 'unknown property');
    const own = new Set(Object.keys(ENTITY_SCHEMAS[docType].properties));
    const neighbour = DOC_TYPES.filter((t) => t !== docType && DOC_TYPE_COLLECTIONS[t] === DOC_TYPE_COLLECTIONS[docType])
      .flatMap((t) => Object.keys(ENTITY_SCHEMAS[t].properties))
      .find((name) => !own.has(name));
    if (neighbour) {
      const sample = freshSample(docType);
      await expectRefused(docType, { ...sample, [neighbour]: 'x' }, `foreign property ${neighbour}`);
    }
  });

  it('refuses a document missing any required field', async () => {
    const required = ENTITY_SCHEMAS[docType].required.filter((name) => name !== 'id');
    expect(required.length).toBeGreaterThan(5);
    for (const name of required) {
      const doc: Record<string, unknown> = { ...freshSample(docType) };
      delete doc[name];
      await expectRefused(docType, doc, `without ${name}`);
    }
  });

  it('refuses a value outside an enum, and a wrong or unknown docType', async () => {
    if (enumPath) await expectRefused(docType, spoiled(docType, enumPath, 'bogus'), `${enumPath} = bogus`);
    await expectRefused(docType, spoiled(docType, 'docType', 'bogus'), 'docType = bogus');
    const other = DOC_TYPES.find((t) => t !== docType && DOC_TYPE_COLLECTIONS[t] === DOC_TYPE_COLLECTIONS[docType]);
    if (other) await expectRefused(docType, spoiled(docType, 'docType', other), `docType = ${other}`);
  });
});

describe('rules that live in the schema', () => {
  it('keeps account numbers out unless encrypted, and shows only four digits', async () => {
    await expectRefused('counterparty', spoiled('counterparty', 'bankAccountEnc', '6222021234567890123'), 'plaintext account');
    await expectRefused('counterparty', spoiled('counterparty', 'bankAccountLast4', '12345'), 'five digits');
    await expectRefused('paymentInstruction', spoiled('paymentInstruction', 'payeeAccountEnc', '6222021234567890123'), 'plaintext');
  });

  it('never routes a step to the administrator (R10)', async () => {
    const doc = freshSample('paymentRequest');
    setPath(doc, 'route.steps.0.role', 'admin');
    await expectRefused('paymentRequest', doc, 'admin step');
  });

  it('takes only 20-digit e-invoice numbers, each once per request', async () => {
    await expectRefused('paymentRequest', spoiled('paymentRequest', 'invoiceNos', ['12345678']), 'short invoice');
    await expectRefused('paymentRequest', spoiled('paymentRequest', 'invoiceNos', ['25352000000012345678', '25352000000012345678']), 'twice');
  });

  it('holds calendar days as YYYY-MM-DD and ratios as basis points', async () => {
    await expectRefused('contract', spoiled('contract', 'signedAt', '2026-13-01'), 'month 13');
    await expectRefused('contract', spoiled('contract', 'signedAt', 1_772_323_200_000), 'a timestamp');
    await expectRefused('contract', spoiled('contract', 'retentionRate', 10_001), 'over 100 %');
    await expectRefused('contract', spoiled('contract', 'labourShare', 12.5), 'fractional bp');
  });

  it('a monthly plan has exactly twelve months, and a voucher at least two lines', async () => {
    await expectRefused('budgetLine', spoiled('budgetLine', 'monthlyPlan', [1, 2, 3]), 'three months');
    const doc = freshSample('budgetLine');
    delete doc.monthlyPlan;
    await insert('budgetLine', doc);
    await expectRefused('ledgerEntry', spoiled('ledgerEntry', 'lines', [{ subject: '5001', debit: 1, credit: 0 }]), 'one line');
  });
});

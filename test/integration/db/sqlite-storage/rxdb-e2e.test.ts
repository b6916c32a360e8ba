import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBQueryBuilderPlugin } from 'rxdb/plugins/query-builder';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { getRxStorageBetterSqlite } from '../../../../electron/core/db/sqlite-storage/index';
import { createTempDir } from './helpers';

type Payment = {
  id: string;
  projectId: string;
  status: 'draft' | 'pending' | 'approved' | 'paid';
  payee: string;
  amount: number;
  createdAt: string;
};

const paymentSchema: RxJsonSchema<Payment> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    projectId: { type: 'string', maxLength: 36 },
    status: { type: 'string', enum: ['draft', 'pending', 'approved', 'paid'], maxLength: 10 },
    payee: { type: 'string', maxLength: 60 },
    amount: { type: 'integer', minimum: 0, maximum: 1_000_000_000_000, multipleOf: 1 },
    createdAt: { type: 'string', maxLength: 30 },
  },
  required: ['id', 'projectId', 'status', 'payee', 'amount', 'createdAt'],
  indexes: [['projectId', 'status'], 'amount', 'payee'],
  attachments: {},
};

type Collections = { payments: RxCollection<Payment> };

const tmp = createTempDir();
const storage = wrappedValidateAjvStorage({ storage: getRxStorageBetterSqlite({ directory: tmp.dir }) });

beforeAll(() => {
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  addRxPlugin(RxDBQueryBuilderPlugin);
  addRxPlugin(RxDBAttachmentsPlugin);
});
afterAll(() => tmp.cleanup());

async function openDb(
  name: string,
  extra: { ignoreDuplicate?: boolean; closeDuplicates?: boolean } = {},
): Promise<RxDatabase<Collections>> {
  const db = await createRxDatabase<Collections>({ name, storage, multiInstance: false, ...extra });
  await db.addCollections({ payments: { schema: paymentSchema } });
  return db;
}

function payment(i: number, overrides: Partial<Payment> = {}): Payment {
  return {
    id: 'pay-' + String(i).padStart(4, '0'),
    projectId: 'proj-' + String(i % 3),
    status: (['draft', 'pending', 'approved', 'paid'] as const)[i % 4] ?? 'draft',
    payee: '供应商' + String(i),
    amount: i * 1000,
    createdAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
    ...overrides,
  };
}

describe('RxDB end to end on the better-sqlite3 storage', () => {
  it('creates a collection, inserts, queries, reacts, and survives a reopen', async () => {
    const db = await openDb('govpay');
    const payments = db.payments;

    await payments.insert(payment(0));
    const bulk = await payments.bulkInsert(Array.from({ length: 29 }, (_, i) => payment(i + 1)));
    expect(bulk.error).toEqual([]);
    expect(await payments.count().exec()).toBe(30);

    const big = await payments.find().where('amount').gt(20_000).sort({ amount: 'desc' }).exec();
    expect(big.map((d) => d.amount)).toEqual([29_000, 28_000, 27_000, 26_000, 25_000, 24_000, 23_000, 22_000, 21_000]);

    const pending = await payments
      .find({ selector: { projectId: 'proj-1', status: 'pending' } })
      .exec();
    expect(pending.map((d) => d.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => payment(i))
        .filter((p) => p.projectId === 'proj-1' && p.status === 'pending')
        .map((p) => p.id),
    );
    expect(await payments.count({ selector: { projectId: 'proj-1', status: 'pending' } }).exec()).toBe(pending.length);

    const page = await payments.find().sort({ amount: 'asc' }).skip(5).limit(3).exec();
    expect(page.map((d) => d.amount)).toEqual([5000, 6000, 7000]);
    const regex = await payments.find({ selector: { payee: { $regex: '^供应商2' } } }).exec();
    expect(regex.map((d) => d.payee).sort()).toEqual(['供应商2', ...Array.from({ length: 10 }, (_, i) => '供应商2' + String(i))].sort());

    // Reactive query: sees a later insert.
    const query = payments.find().where('status').eq('paid');
    const before = await firstValueFrom(query.$);
    const grown = firstValueFrom(query.$.pipe(filter((docs) => docs.length === before.length + 1)));
    await payments.insert(payment(100, { status: 'paid' }));
    expect((await grown).some((d) => d.id === 'pay-0100')).toBe(true);

    // Update and delete go through revision handling.
    const doc = await payments.findOne('pay-0001').exec();
    await doc?.incrementalPatch({ status: 'approved' });
    expect((await payments.findOne('pay-0001').exec())?.status).toBe('approved');
    await (await payments.findOne('pay-0002').exec())?.remove();
    expect(await payments.findOne('pay-0002').exec()).toBeNull();
    // Re-inserting a deleted id works through RxDB's conflict handling.
    await payments.insert(payment(2, { payee: 'reborn' }));
    expect((await payments.findOne('pay-0002').exec())?.payee).toBe('reborn');

    // Attachments through the RxDB API.
    const withFile = await payments.findOne('pay-0003').exec();
    await withFile?.putAttachment({ id: 'invoice.txt', data: new Blob(['发票 123'], { type: 'text/plain' }), type: 'text/plain' });
    const attachment = (await payments.findOne('pay-0003').exec())?.getAttachment('invoice.txt');
    expect(await (await attachment?.getData())?.text()).toBe('发票 123');

    await db.close();

    const reopened = await openDb('govpay');
    expect(await reopened.payments.count().exec()).toBe(31);
    expect((await reopened.payments.findOne('pay-0001').exec())?.status).toBe('approved');
    const file = (await reopened.payments.findOne('pay-0003').exec())?.getAttachment('invoice.txt');
    expect(await (await file?.getData())?.text()).toBe('发票 123');
    await reopened.close();
  });

  it('two RxDatabase objects on the same file work side by side', async () => {
    const a = await openDb('shared');
    const b = await openDb('shared', { ignoreDuplicate: true });
    await a.payments.insert(payment(1));
    expect((await b.payments.findOne('pay-0001').exec())?.payee).toBe('供应商1');

    // B's live query also sees A's writes: both share the table's change stream.
    const live = firstValueFrom(b.payments.find().$.pipe(filter((docs) => docs.length === 2)));
    await a.payments.insert(payment(2));
    expect((await live).map((d) => d.id)).toEqual(['pay-0001', 'pay-0002']);

    await b.payments.insert(payment(3));
    expect(await a.payments.count().exec()).toBe(3);
    await a.close();
    expect(await b.payments.count().exec()).toBe(3);
    await b.close();

    // closeDuplicates: a new open closes the previous one and still sees the data.
    const c = await openDb('shared');
    const d = await openDb('shared', { closeDuplicates: true });
    expect(c.closed).toBe(true);
    expect(await d.payments.count().exec()).toBe(3);
    await d.close();
  });

  it('db.remove() drops the collection tables', async () => {
    const db = await openDb('removable');
    await db.payments.insert(payment(1));
    await db.remove();
    const again = await openDb('removable');
    expect(await again.payments.count().exec()).toBe(0);
    await again.remove();
  });
});

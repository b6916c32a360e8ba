import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { REQUEST_STATUSES } from '../../../shared/domain/payment-request-status';
import { openDatabase, type GovPayDatabase } from '../../../electron/core/db/database';
import type { CollectionName } from '../../../electron/core/db/schemas';
import { parseDay } from '../../../electron/core/seed/calendar';
import { DocSink } from '../../../electron/core/seed/doc-sink';
import { checkSeedInvariants } from '../../../electron/core/seed/invariants/check-seed-invariants';
import { seedDatabase } from '../../../electron/core/seed/seed-database';
import { inProcessSigner } from '../../../electron/core/seed/signer';
import { tempDir } from '../../fixtures/db/temp-database';

const PASSWORD = 'Seed#2026a';
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

async function generate(seed: string, asOf = '2026-11-30'): Promise<string> {
  const { dir, cleanup } = tempDir('govpay-seed-');
  cleanups.push(cleanup);
  await seedDatabase({ directory: dir, scale: 1, seed, asOfDay: parseDay(asOf), password: PASSWORD, devMode: true });
  return dir;
}

async function withDb<T>(dir: string, work: (db: GovPayDatabase) => Promise<T>): Promise<T> {
  const db = await openDatabase({ directory: dir, devMode: true });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

type Json = Record<string, unknown>;

/**
 * Fields that are random by nature: password hashes and sealed keys (salted), SM2 keys and
 * signatures, SM4 ciphertexts (random IVs), and the audit chain's ids and hashes (its payloads
 * hold public keys). Everything else must be byte-identical between two runs.
 */
function comparable(name: CollectionName, doc: Json): Json | null {
  const out: Json = { ...doc };
  for (const meta of ['_meta', '_rev', '_deleted', '_attachments']) delete out[meta];
  switch (name) {
    case 'users':
      for (const field of ['passwordHash', 'wrappedPrivateKey', 'publicKey']) delete out[field];
      out.keyHistory = (doc.keyHistory as Json[]).map(({ validFrom, validTo }) => ({ validFrom, validTo }));
      return out;
    case 'settings':
      if (doc.id === 'device') return { id: 'device', deviceId: (doc.value as Json).deviceId };
      return doc.id === 'seed' ? out : null;
    case 'auditevents':
      for (const field of ['id', 'hash', 'prevHash', 'payloadHash', 'signature']) delete out[field];
      return out;
    default:
      for (const field of ['bankAccountEnc', 'wageAccountEnc', 'payeeAccountEnc', 'accountEnc', 'signature', 'signerPublicKey']) delete out[field];
      return out;
  }
}

async function snapshot(dir: string): Promise<Record<string, string[]>> {
  return withDb(dir, async (db) => {
    const out: Record<string, string[]> = {};
    for (const name of Object.keys(db.collections) as CollectionName[]) {
      const docs = await db.collections[name].find().exec();
      out[name] = docs
        .map((d) => comparable(name, d.toJSON() as Json))
        .filter((d): d is Json => d !== null)
        .map((d) => JSON.stringify(d))
        .sort();
    }
    return out;
  });
}

describe('the seed generator', () => {
  it('writes the same documents for the same seed, and others for another seed', async () => {
    // one after another: the app's database has one name, and RxDB closes a duplicate open
    const first = await snapshot(await generate('determinism'));
    const second = await snapshot(await generate('determinism'));
    const other = await snapshot(await generate('another'));
    expect(first.payments?.length).toBeGreaterThan(300);
    for (const name of Object.keys(first)) expect({ name, docs: second[name] }).toEqual({ name, docs: first[name] });
    expect(other.projects).not.toEqual(first.projects);
  }, 240_000);

  it('keeps every invariant and shows every request state, whatever the seed and day', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('2025-03-31', '2026-01-05', '2026-11-30'), async (seed, asOf) => {
        const dir = await generate(seed, asOf);
        const report = await withDb(dir, (db) => checkSeedInvariants(db, { signatureSampleEvery: 7 }));
        expect(report.violations).toEqual([]);
        for (const status of REQUEST_STATUSES) expect({ status, present: report.statuses[status] > 0 }).toEqual({ status, present: true });
      }),
      { numRuns: 3 },
    );
  }, 300_000);

  it('stops at the first document the schema refuses', async () => {
    const { dir, cleanup } = tempDir('govpay-seed-');
    cleanups.push(cleanup);
    await withDb(dir, async (db) => {
      const sink = new DocSink(db, inProcessSigner);
      const at = Date.UTC(2026, 0, 1);
      sink.add('projects', { id: '0190d3a0-0000-7000-8000-000000000001', unitId: 'u', createdBy: 'x', createdAt: at, updatedAt: at, docType: 'allocation', budgetLineId: 'b', holderDeviceId: 'd', amount: -5 });
      await expect(sink.flush()).rejects.toThrow(/refused|validation|VD2/i);
    });
  });
});

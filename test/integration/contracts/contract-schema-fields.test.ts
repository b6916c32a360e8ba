import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GovPayDatabase } from '../../../electron/core/db/database';
import { freshSample } from '../../fixtures/db/sample-docs';
import { openTestDatabase, tempDir, untyped } from '../../fixtures/db/temp-database';

/*
 * The fields contracts added to schema version 0 (all optional, so the seed's documents stay
 * valid): RxDB stores and returns them, and refuses them when malformed.
 */
const tmp = tempDir();
let db: GovPayDatabase;
beforeAll(async () => {
  db = await openTestDatabase(tmp.dir);
});
afterAll(async () => {
  await db.close();
  tmp.cleanup();
});

const HASH = 'a'.repeat(64);
const SIGNATURE = 'b'.repeat(128);
const PUBLIC_KEY = `04${'c'.repeat(128)}`;
const ID = '01900000-0000-7000-8000-000000000001';

function contract(extra: Record<string, unknown>): Record<string, unknown> {
  return { ...(freshSample('contract') as unknown as Record<string, unknown>), ...extra };
}

const seal = { attachmentId: ID, fileName: '合同.pdf', sm3: HASH, contractVersion: 1, signature: SIGNATURE, signerPublicKey: PUBLIC_KEY, signerDeviceId: ID, archivedAt: 1, archivedBy: ID };

describe('contract fields added after version 0', () => {
  it('stores category, budget line, end date, signer and the document seal', async () => {
    const doc = contract({ category: 'works', budgetLineId: ID, endDate: '2027-06-30', signedBy: ID, document: seal });
    await untyped(db, 'contracts').insert(doc);
    const back = (await untyped(db, 'contracts').findOne(doc['id'] as string).exec())?.toJSON() as Record<string, unknown>;
    expect(back).toMatchObject({ category: 'works', budgetLineId: ID, endDate: '2027-06-30', document: seal });
  });

  it.each([
    ['an unknown category', { category: 'consulting' }],
    ['an end date that is not a day', { endDate: '2027-13-01' }],
    ['a seal without its signature', { document: { ...seal, signature: undefined } }],
    ['a seal with a malformed SM3', { document: { ...seal, sm3: 'xyz' } }],
    ['a seal with an extra field', { document: { ...seal, note: 'x' } }],
  ])('refuses %s', async (_what, extra) => {
    const doc = JSON.parse(JSON.stringify(contract(extra))) as Record<string, unknown>;
    await expect(untyped(db, 'contracts').insert(doc)).rejects.toMatchObject({ code: 'VD2' });
  });

  it('stores a change with milestones, end date, version, decisions', async () => {
    const change = freshSample('contractChange') as unknown as Record<string, unknown>;
    const milestone = { name: '预付款', kind: 'advance', ratio: 2000, dueRule: 'fixedDate', dueDays: null, dueDate: null };
    const before = { ...(change['before'] as object), endDate: null, milestones: [milestone] };
    const after = { ...(change['after'] as object), endDate: '2027-06-30', milestones: [{ ...milestone, ratio: 3000 }] };
    await untyped(db, 'contracts').insert({ ...change, before, after, toVersion: 2, decisionIds: [ID], appliedAt: 5, attachmentId: ID });
    const bad = { ...change, id: '01900000-0000-7000-8000-000000000009', after: { ...after, milestones: [{ ...milestone, kind: 'other' }] } };
    await expect(untyped(db, 'contracts').insert(bad)).rejects.toMatchObject({ code: 'VD2' });
  });
});

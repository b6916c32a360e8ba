import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GovPayDatabase } from '../../../../electron/core/db/database';
import { AppError } from '../../../../shared/errors';
import { freshSample } from '../../../fixtures/db/sample-docs';
import { openTestDatabase, tempDir } from '../../../fixtures/db/temp-database';

const tmp = tempDir();
let db: GovPayDatabase;
beforeAll(async () => {
  db = await openTestDatabase(tmp.dir);
});
afterAll(async () => {
  await db.close();
  tmp.cleanup();
});

describe('append-only records (R9)', () => {
  it('refuse every change and removal of a ledger entry, decision or receipt, whatever the API', async () => {
    for (const docType of ['ledgerEntry', 'approvalDecision', 'bankReceipt', 'attachment', 'decisionTable'] as const) {
      const doc = freshSample(docType);
      const stored = await db.records.insert(doc);
      await expect(stored.incrementalPatch({ updatedAt: doc.updatedAt + 1 }), docType).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(stored.incrementalRemove(), docType).rejects.toBeInstanceOf(AppError);
      await expect(db.records.upsert({ ...doc, updatedAt: doc.updatedAt + 1 }), docType).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(db.records.bulkRemove([doc.id]), docType).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await db.records.findOne(doc.id).exec())?.toJSON(), docType).toEqual(doc);
    }
  });

  it('say why in Chinese, naming the correction that is allowed', async () => {
    const stored = await db.records.insert(freshSample('ledgerEntry'));
    await expect(stored.remove()).rejects.toThrow(/只能新增.*冲销/u);
  });

  it('leave the audit log append-only too, and mutable collections mutable', async () => {
    const request = await db.payments.insert(freshSample('paymentRequest'));
    const patched = await request.incrementalPatch({ status: 'approved' });
    expect(patched.status).toBe('approved');
    await db.auditevents.insert({
      id: '0195f000-0000-7000-8000-0000000000a1',
      unitId: 'u',
      deviceId: 'd',
      seq: 1,
      prevHash: '0'.repeat(64),
      time: 1,
      actorId: null,
      actorName: null,
      action: 'test',
      entity: 'test',
      entityId: null,
      summary: '测试',
      payloadHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
      signature: 'c',
      createdBy: 'system',
      createdAt: 1,
      updatedAt: 1,
    });
    const event = await db.auditevents.findOne('0195f000-0000-7000-8000-0000000000a1').exec();
    await expect(event?.incrementalPatch({ summary: '改过' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

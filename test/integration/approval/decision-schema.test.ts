import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GovPayDatabase } from '../../../electron/core/db/database';
import type { ApprovalDecisionDoc } from '../../../electron/core/db/schemas';
import { newId } from '../../../shared/ids/uuidv7';
import { openTestDatabase, tempDir, untyped } from '../../fixtures/db/temp-database';

/** approvalDecision gained one optional field, `onBehalfOf` (审批委托); older documents have none. */
describe('approvalDecision schema: the optional onBehalfOf', () => {
  let db: GovPayDatabase;
  let cleanup: () => void;
  beforeAll(async () => {
    const temp = tempDir('govpay-decision-schema-');
    cleanup = temp.cleanup;
    db = await openTestDatabase(temp.dir);
  });
  afterAll(async () => {
    await db?.close();
    cleanup?.();
  });

  const decision = (extra: Record<string, unknown> = {}): ApprovalDecisionDoc =>
    ({
      id: newId(),
      unitId: newId(),
      createdBy: newId(),
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      docType: 'approvalDecision',
      subject: 'paymentRequest',
      requestId: newId(),
      step: 0,
      stepRole: 'finance',
      userId: newId(),
      userName: '赵财务',
      decision: 'approve',
      comment: '同意',
      signedAt: 1_700_000_000_000,
      signedPayloadHash: 'a'.repeat(64),
      signerPublicKey: `04${'b'.repeat(128)}`,
      signature: 'c'.repeat(128),
      ...extra,
    }) as ApprovalDecisionDoc;

  it('accepts a decision without it (every seeded and older decision) and one with a user id', async () => {
    await db.records.insert(decision());
    const delegated = decision({ onBehalfOf: newId() });
    await db.records.insert(delegated);
    expect((await db.records.findOne(delegated.id).exec())?.toJSON()).toMatchObject({ onBehalfOf: delegated.onBehalfOf });
  });

  it('refuses anything longer than an id', async () => {
    await expect(untyped(db, 'records').insert(decision({ onBehalfOf: 'x'.repeat(37) }))).rejects.toThrow();
  });
});

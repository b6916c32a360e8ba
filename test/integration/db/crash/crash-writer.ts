/**
 * Child process of crash.test.ts (run as `node --import tsx crash-writer.ts <dir> <firstBatch> <docsPerBatch>`).
 *
 * Opens the real database (openDatabase: validate-ajv, SM3 revisions, every
 * collection) and writes batches forever, each one storage transaction:
 * `docsPerBatch` settings documents, the batch's head pointer (an update
 * after the first batch) and one audit event whose `seq` is the batch
 * number. A batch number is printed only after its transaction has
 * committed; the parent kills this process with SIGKILL at a random moment.
 */
import { openDatabase } from '../../../../electron/core/db/database';
import type { AuditEventDoc, SettingDoc } from '../../../../electron/core/db/schemas';
import { runInStorageTransaction } from '../../../../electron/core/db/transaction';

const [directory, firstArg, perBatchArg] = process.argv.slice(2);
if (!directory || !firstArg || !perBatchArg) {
  throw new Error('usage: crash-writer.ts <dir> <firstBatch> <docsPerBatch>');
}
const firstBatch = Number(firstArg);
const perBatch = Number(perBatchArg);
const UNIT = 'unit-crash';

function setting(id: string, value: Record<string, unknown>, at: number): SettingDoc {
  return { id, unitId: UNIT, value, createdBy: 'crash-writer', createdAt: at, updatedAt: at };
}

function auditEvent(batch: number, at: number): AuditEventDoc {
  const hex = batch.toString(16).padStart(64, '0');
  return {
    id: 'crash-ev-' + String(batch).padStart(8, '0'),
    unitId: UNIT,
    deviceId: 'crash-device',
    seq: batch,
    prevHash: hex,
    time: at,
    actorId: null,
    actorName: null,
    action: 'crash.batch',
    entity: 'settings',
    entityId: null,
    summary: `batch ${batch}: ${perBatch} settings`,
    payloadHash: hex,
    hash: hex,
    signature: hex + hex,
    createdBy: 'crash-writer',
    createdAt: at,
    updatedAt: at,
  };
}

const db = await openDatabase({ directory });
process.stdout.write('ready\n');
for (let batch = firstBatch; ; batch++) {
  const at = Date.now();
  await runInStorageTransaction(db, async () => {
    const docs = Array.from({ length: perBatch }, (_, i) =>
      setting(`crash-b${String(batch).padStart(8, '0')}-${String(i).padStart(4, '0')}`, { batch, i, note: '工程款'.repeat(8) }, at),
    );
    const inserted = await db.settings.bulkInsert(docs);
    if (inserted.error.length > 0) {
      throw new Error(`batch ${batch}: ${inserted.error.length} settings refused`);
    }
    await db.settings.upsert(setting('crash-head', { batch }, at));
    await db.auditevents.insert(auditEvent(batch, at));
  });
  // Pipes are written synchronously on Linux: once this returns, the parent gets the line even if we die next.
  process.stdout.write(`committed ${batch}\n`);
}

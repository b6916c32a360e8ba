import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../electron/core/api/handler-types';
import type { UnitDoc, UserDoc } from '../../../electron/core/db/schemas';
import { bytesToHex } from '../../../shared/crypto';
import { sm3Fast } from '../../../shared/crypto/sm3-fast';
import { ATTACHMENT_LIMIT_BYTES } from '../../../shared/payments/attachment-types';
import { valueOf } from '../../support/test-core';
import { jpegBytes, ofdBytes, pdfBytes, pngBytes, xlsxBytes } from '../../unit/attachments/evidence-files';
import { startPaymentsWorld, uploadBytes, type PaymentsWorld } from '../payments/payments-world';

let w: PaymentsWorld;
let actor: Actor;
beforeAll(async () => {
  w = await startPaymentsWorld();
  const user = (await w.services.db.users.findOne(w.leadId).exec())?.toMutableJSON() as UserDoc;
  const unit = (await w.services.db.units.findOne(user.unitId).exec())?.toMutableJSON() as UnitDoc;
  actor = { user, unit, roles: user.roles, sessionId: 'test', dataKey: null, scopeUnitIds: [unit.id] };
});
afterAll(async () => {
  await w.close();
});

const filesOnDisk = () => readdirSync(join(w.t.dataDir, 'attachments'), { recursive: true }).filter((n) => String(n).split('/').length === 2 && !String(n).includes('.incoming'));

describe('attachment store', () => {
  it('stores by SM3 under attachments/<first2>/<sm3> and reads the same bytes back', async () => {
    const bytes = pdfBytes('read back');
    const view = valueOf(await uploadBytes(w.lead, bytes, '发票.pdf', 'invoice'));
    const sm3 = bytesToHex(sm3Fast(bytes));
    expect(view).toMatchObject({ sm3, size: bytes.length, mimeType: 'application/pdf', purpose: 'invoice', hasFile: true, name: '发票.pdf' });
    expect(existsSync(join(w.t.dataDir, 'attachments', sm3.slice(0, 2), sm3))).toBe(true);
    const read = await w.services.attachments.read(view.id, actor);
    expect(Buffer.from(read.bytes).equals(Buffer.from(bytes))).toBe(true);
    const chunk = valueOf(await w.lead.call('attachments.readChunk', { id: view.id, offset: 0 }));
    expect(chunk.done).toBe(true);
    expect(Buffer.from(chunk.data, 'base64').equals(Buffer.from(bytes))).toBe(true);
  });

  it('dedupes: the same content is stored once; same name and purpose give the same record', async () => {
    const bytes = pdfBytes('dedupe');
    const filesBefore = filesOnDisk().length;
    const a = valueOf(await uploadBytes(w.lead, bytes, '计量确认单.pdf', 'progressCertificate'));
    const records = await w.services.db.records.count().exec();
    const b = valueOf(await uploadBytes(w.lead, bytes, '计量确认单.pdf', 'progressCertificate'));
    expect(b.id).toBe(a.id);
    expect(await w.services.db.records.count().exec()).toBe(records);
    const c = valueOf(await uploadBytes(w.lead, bytes, '另存为.pdf', 'invoice'));
    expect(c.id).not.toBe(a.id);
    expect(c.sm3).toBe(a.sm3);
    expect(filesOnDisk().length).toBe(filesBefore + 1);
  });

  it('accepts each allowed type and refuses content that disagrees with its extension', async () => {
    for (const [name, bytes] of [['a.png', pngBytes()], ['b.jpg', jpegBytes()], ['c.ofd', ofdBytes()], ['d.xlsx', await xlsxBytes()]] as const) {
      expect(valueOf(await uploadBytes(w.lead, bytes, name, 'other')).name).toBe(name);
    }
    const records = await w.services.db.records.count().exec();
    const fake = await uploadBytes(w.lead, new TextEncoder().encode('MZ this is an executable'), '发票.pdf', 'invoice');
    expect(fake.ok ? null : fake.error).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED', field: 'file' });
    expect(fake.ok ? '' : fake.error.message).toContain('发票.pdf');
    const renamed = await uploadBytes(w.lead, pngBytes(), '扫描件.pdf', 'invoice');
    expect(renamed.ok ? null : renamed.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const exe = await w.lead.call('attachments.beginUpload', { fileName: 'setup.exe', size: 10, purpose: 'other' });
    expect(exe.ok ? null : exe.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(await w.services.db.records.count().exec()).toBe(records);
  });

  it('50 MB is accepted; 50 MB + 1 byte is refused before upload and by the store itself', async () => {
    const over = await w.lead.call('attachments.beginUpload', { fileName: '竣工图.pdf', size: ATTACHMENT_LIMIT_BYTES + 1, purpose: 'other' });
    expect(over.ok ? null : over.error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', field: 'file' });
    expect(over.ok ? '' : over.error.message).toContain('竣工图.pdf');
    const records = await w.services.db.records.count().exec();
    await expect(
      w.services.attachments.save({ unitId: w.unitId, bytes: pdfBytes('big', ATTACHMENT_LIMIT_BYTES + 1), fileName: '竣工图.pdf', mediaType: 'application/pdf', purpose: 'other', actor }),
    ).rejects.toMatchObject({ code: 'ATTACHMENT_TOO_LARGE' });
    expect(await w.services.db.records.count().exec()).toBe(records);
    const exact = await w.services.attachments.save({ unitId: w.unitId, bytes: pdfBytes('big', ATTACHMENT_LIMIT_BYTES), fileName: '竣工图.pdf', mediaType: 'application/pdf', purpose: 'other', actor });
    expect(exact.size).toBe(ATTACHMENT_LIMIT_BYTES);
  });

  it('a chunked upload whose SM3 does not match is refused and nothing is saved', async () => {
    const bytes = pdfBytes('mismatch', 1_300_000);
    const records = await w.services.db.records.count().exec();
    const audit = await w.services.db.auditevents.count().exec();
    const wrong = bytesToHex(sm3Fast(pdfBytes('something else')));
    const result = await uploadBytes(w.lead, bytes, '发票.pdf', 'invoice', wrong);
    expect(result.ok ? null : result.error).toMatchObject({ code: 'ATTACHMENT_HASH_MISMATCH', field: 'file' });
    expect(result.ok ? '' : result.error.message).toContain('SM3');
    expect(await w.services.db.records.count().exec()).toBe(records);
    expect(await w.services.db.auditevents.count().exec()).toBe(audit);
    expect(existsSync(join(w.t.dataDir, 'attachments', wrong.slice(0, 2), wrong))).toBe(false);
    expect(w.services.attachmentUploads.count()).toBe(0);
  });

  it('serves a multi-chunk file piece by piece for preview, byte for byte', async () => {
    const bytes = pdfBytes('pieces', 1_300_000);
    const view = valueOf(await uploadBytes(w.lead, bytes, '竣工验收证书.pdf', 'acceptanceCertificate'));
    const parts: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const chunk = valueOf(await w.lead.call('attachments.readChunk', { id: view.id, offset }));
      const part = Buffer.from(chunk.data, 'base64');
      parts.push(part);
      offset += part.length;
      if (chunk.done) break;
    }
    expect(parts.length).toBe(3);
    expect(Buffer.concat(parts).equals(Buffer.from(bytes))).toBe(true);
    const auditorView = await w.finance.call('attachments.get', { id: view.id });
    expect(valueOf(auditorView).sm3).toBe(view.sm3);
  });

  it('refuses chunks out of order and finishing an incomplete upload', async () => {
    const bytes = pdfBytes('order', 700_000);
    const { uploadId, chunkBytes } = valueOf(await w.lead.call('attachments.beginUpload', { fileName: 'x.pdf', size: bytes.length, purpose: 'other' }));
    const skipped = await w.lead.call('attachments.uploadChunk', { uploadId, offset: chunkBytes, data: Buffer.from(bytes.subarray(chunkBytes)).toString('base64') });
    expect(skipped.ok ? null : skipped.error).toMatchObject({ code: 'CONFLICT', field: 'offset' });
    valueOf(await w.lead.call('attachments.uploadChunk', { uploadId, offset: 0, data: Buffer.from(bytes.subarray(0, chunkBytes)).toString('base64') }));
    const early = await w.lead.call('attachments.finishUpload', { uploadId, sm3: bytesToHex(sm3Fast(bytes)) });
    expect(early.ok ? null : early.error.code).toBe('ATTACHMENT_HASH_MISMATCH');
    const gone = await w.lead.call('attachments.uploadChunk', { uploadId, offset: chunkBytes, data: 'AAAA' });
    expect(gone.ok ? null : gone.error.code).toBe('UPLOAD_NOT_FOUND');
  });

  it('a damaged file is refused on read, never served', async () => {
    const bytes = pdfBytes('tamper');
    const view = valueOf(await uploadBytes(w.lead, bytes, '合同.pdf', 'contract'));
    writeFileSync(join(w.t.dataDir, 'attachments', view.sm3.slice(0, 2), view.sm3), pdfBytes('tampered'));
    await expect(w.services.attachments.read(view.id, actor)).rejects.toMatchObject({ code: 'INTEGRITY_CHECK_FAILED' });
  });
});

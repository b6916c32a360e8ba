import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentFiles } from '../../../electron/core/attachments/content-files';
import { CHUNK_BYTES, CHUNK_HEADER_BYTES, chunkCountFor, DIGEST_BYTES, readU32, TRAILER_BYTES } from '../../../electron/core/backup/backup-format';
import { backupKeys, newBackupSalts } from '../../../electron/core/backup/backup-keys';
import { inspectDatabaseFile, takeSnapshot } from '../../../electron/core/backup/snapshot';
import { bytesToHex, randomBytes, utf8ToBytes } from '../../../shared/crypto';
import { sm3Fast } from '../../../shared/crypto/sm3-fast';
import { valueOf } from '../../support/test-core';
import { addUsers, configure, dumpDocuments, listing, PASSPHRASE, startWorld, type BackupWorld } from './backup-world';
import { writeBackupV1 } from './format-v1-writer';

/** Every file under a folder, by path relative to it → its bytes (hex), for "the same files". */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const sub of readdirSync(dir).sort()) {
    const path = join(dir, sub);
    if (statSync(path).isDirectory()) for (const [name, hex] of Object.entries(tree(path))) out[`${sub}/${name}`] = hex;
    else out[sub] = readFileSync(path).toString('hex');
  }
  return out;
}

function store(w: BackupWorld, bytes: Uint8Array): string {
  const sm3 = bytesToHex(sm3Fast(bytes));
  new ContentFiles(w.dataDir).put(sm3, bytes);
  return sm3;
}

/** The attachment section of a backup: the chunks after the database's. */
function attachmentChunkStart(bytes: Buffer): number {
  let at = 14 + bytes.readUInt32BE(10) + 2 * DIGEST_BYTES;
  const header = JSON.parse(bytes.subarray(14, 14 + bytes.readUInt32BE(10)).toString('utf8')) as { manifest: { chunkCount: number } };
  for (let i = 0; i < header.manifest.chunkCount; i += 1) at += CHUNK_HEADER_BYTES + readU32(bytes, at + 9) + DIGEST_BYTES;
  return at;
}

describe('attachment files in the backup', () => {
  let w: BackupWorld;
  let attachments: string;
  beforeEach(async () => {
    w = await startWorld();
    attachments = join(w.dataDir, 'attachments');
    await addUsers(w.admin, ['zhang']);
    valueOf(await configure(w));
  });
  afterEach(async () => w.close());

  it('carries every file and restores them byte for byte with the database, keeping the replaced folder', async () => {
    const invoiceBytes = utf8ToBytes('%PDF-1.7 发票 No. 3501-2026-0001');
    const invoice = store(w, invoiceBytes);
    const contract = store(w, randomBytes(5 << 20)); // more than a chunk
    const before = tree(attachments);
    expect(Object.keys(before)).toHaveLength(2);
    const entry = valueOf(await w.admin.call('backup.run', {}));
    const events = valueOf(await w.admin.call('audit.events', { limit: 5 })).events;
    expect(events.find((e) => e.action === 'backup.run')?.summary).toMatch(/附件文件 2 个（5\.0 MB）/);

    // after the backup: a new file, and the running folder is what the kept copy must hold
    const later = store(w, utf8ToBytes('%PDF-1.7 after the backup'));
    const replaced = tree(attachments);
    valueOf(await w.admin.call('backup.restore', { file: entry.file!, passphrase: PASSPHRASE, confirm: true }));
    expect(tree(attachments)).toEqual(replaced);
    expect(readdirSync(w.dataDir)).toContain('attachments.restore-pending');

    await w.restart();
    expect(tree(attachments)).toEqual(before);
    const files = new ContentFiles(w.dataDir);
    expect(files.get(invoice)).toEqual(invoiceBytes);
    expect(bytesToHex(sm3Fast(files.get(contract)!))).toBe(contract);
    expect(files.get(later)).toBeNull();
    const copy = readdirSync(w.dataDir).find((f) => /^govpay\.sqlite\.before-restore-\d{8}-\d{6}$/.test(f))!;
    expect(tree(join(w.dataDir, `${copy}.attachments`))).toEqual(replaced);
    expect(readdirSync(w.dataDir)).not.toContain('attachments.restore-pending');
    const applied = valueOf(await w.admin.call('audit.events', { limit: 10 })).events.find((e) => e.action === 'backup.restoreApplied');
    expect(applied?.summary).toContain(`恢复附件文件 2 个（5.0 MB），恢复前的附件目录保存为 ${copy}.attachments`);
  });

  it('refuses a corrupted or cut attachment section and changes nothing', async () => {
    store(w, utf8ToBytes('%PDF-1.7 a'));
    store(w, randomBytes(10_000));
    const good = readFileSync(valueOf(await w.admin.call('backup.run', {})).file!);
    const start = attachmentChunkStart(good);
    expect(start).toBeLessThan(good.length - TRAILER_BYTES);
    const docs = await dumpDocuments(w.core, ['sessions', 'auditevents']);
    const folder = listing(w.dataDir).filter((n) => n !== 'backup-work');
    const files = tree(attachments);

    const flipped = Buffer.from(good);
    flipped[start + 100] = flipped[start + 100]! ^ 0x10;
    const cut = good.subarray(0, start + 50);
    for (const [name, bytes, code, message] of [
      ['flipped.gpbak', flipped, 'BACKUP_CORRUPTED', /块（附件部分）认证失败/],
      ['cut.gpbak', cut, 'BACKUP_TRUNCATED', /不完整/],
    ] as const) {
      const path = join(w.root, name);
      writeFileSync(path, bytes);
      for (const method of ['backup.verify', 'backup.restore'] as const) {
        const answer = await w.admin.call(method, { file: path, passphrase: PASSPHRASE, confirm: true });
        expect(answer.ok ? null : answer.error.code).toBe(code);
        expect(answer.ok ? '' : answer.error.message).toMatch(message);
      }
    }
    expect(await dumpDocuments(w.core, ['sessions', 'auditevents'])).toEqual(docs);
    expect(listing(w.dataDir).filter((n) => n !== 'backup-work')).toEqual(folder);
    expect(listing(join(w.dataDir, 'backup-work'))).toEqual([]);
    expect(tree(attachments)).toEqual(files);
    expect(valueOf(await w.admin.call('backup.status', {})).pendingRestore).toBeNull();
  });

  it('refuses to back up a file whose content does not match its name', async () => {
    const sm3 = store(w, utf8ToBytes('%PDF-1.7 original'));
    writeFileSync(new ContentFiles(w.dataDir).pathOf(sm3), '%PDF-1.7 altered!');
    const answer = await w.admin.call('backup.run', {});
    expect(answer.ok ? null : answer.error.code).toBe('BACKUP_FAILED');
    expect(answer.ok ? '' : answer.error.message).toContain(`${sm3} 的内容与其名称（SM3 校验值）不符`);
    expect(listing(w.backupDir)).toEqual([]);
    expect(valueOf(await w.admin.call('backup.history', {}))[0]).toMatchObject({ result: 'failed', error: { code: 'BACKUP_FAILED' } });
  });

  it('still restores a backup in the previous format (database only), leaving the attachments folder alone', async () => {
    const config = (await w.core.services.backup.backups.config())!;
    const snapshot = join(w.root, 'v1-snapshot.sqlite');
    await takeSnapshot(join(w.dataDir, 'govpay.sqlite'), snapshot, () => undefined);
    const contents = inspectDatabaseFile(snapshot);
    const databaseBytes = statSync(snapshot).size;
    const { backupSalt, nonce } = newBackupSalts();
    const keys = backupKeys(config.key.masterBytes, backupSalt);
    const file = join(w.root, 'old-format.gpbak');
    writeBackupV1({
      sqlitePath: snapshot,
      outPath: file,
      keys,
      nonce,
      header: {
        format: 1,
        product: 'govpay-desk',
        kdf: config.key.kdf,
        keyId: config.key.keyId,
        backupSalt: bytesToHex(backupSalt),
        nonce: bytesToHex(nonce),
        keyCheck: bytesToHex(keys.check),
        cipher: 'SM4-CTR',
        mac: 'HMAC-SM3',
        compression: 'brotli',
        chunkBytes: CHUNK_BYTES,
        manifest: {
          createdAt: w.clock.now(),
          appVersion: '0.1.0',
          deviceId: w.core.services.device.deviceId,
          unit: { id: 'u', name: '示例县财政局', uscc: '' },
          kind: 'manual',
          createdBy: null,
          schemaVersions: contents.schemaVersions,
          counts: contents.counts,
          databaseBytes,
          chunkCount: chunkCountFor(databaseBytes, CHUNK_BYTES),
        },
      },
    });
    rmSync(snapshot);
    const evidence = store(w, utf8ToBytes('%PDF-1.7 kept'));
    await addUsers(w.admin, ['after']);
    const manifest = valueOf(await w.admin.call('backup.verify', { file, passphrase: PASSPHRASE }));
    expect(manifest.counts['users']).toBe(2);
    valueOf(await w.admin.call('backup.restore', { file, passphrase: PASSPHRASE, confirm: true }));
    await w.restart();
    const logins = valueOf(await w.admin.call('users.list', {})).map((u) => u.login);
    expect(logins).toContain('zhang');
    expect(logins).not.toContain('after');
    expect(new ContentFiles(w.dataDir).get(evidence)).toEqual(utf8ToBytes('%PDF-1.7 kept'));
    expect(readdirSync(w.dataDir).some((f) => f.endsWith('.attachments'))).toBe(false);
    const applied = valueOf(await w.admin.call('audit.events', { limit: 10 })).events.find((e) => e.action === 'backup.restoreApplied');
    expect(applied?.summary).toContain('该备份为旧格式，不含附件文件，附件目录保持不变');
  });
});

import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../../../shared/crypto';
import { sm3Fast } from '../../../shared/crypto/sm3-fast';
import { valueOf } from '../../support/test-core';
import { addUsers, configure, craftBackup, dumpDocuments, listing, PASSPHRASE, startWorld, type BackupWorld } from './backup-world';

/**
 * Every kind of bad file is refused with its own code and a message that says what is wrong,
 * and nothing changes: not the database, not the data folder, no restore is staged.
 */
describe('a bad backup is refused and nothing is touched', () => {
  let w: BackupWorld;
  let otherDeviceId: string;
  let good: string;
  let foreign: string;
  let bytes: Buffer;

  beforeAll(async () => {
    // Another installation first: RxDB closes a second database of the same name in one process,
    // so the two cores never run at the same time.
    const other = await startWorld();
    otherDeviceId = other.core.services.device.deviceId;
    valueOf(await configure(other, { passphrase: 'Other#Office2026' }));
    const otherFile = valueOf(await other.admin.call('backup.run', {})).file!;
    const otherBytes = readFileSync(otherFile);
    await other.close();
    w = await startWorld();
    foreign = join(w.root, 'foreign.gpbak');
    writeFileSync(foreign, otherBytes);
    await addUsers(w.admin, ['zhang', 'lisi']);
    valueOf(await configure(w));
    good = valueOf(await w.admin.call('backup.run', {})).file!;
    bytes = readFileSync(good);
  }, 60_000);
  afterAll(async () => {
    expect(w.errors).toEqual([]);
    await w?.close();
  });

  function variant(name: string, content: Uint8Array): string {
    const path = join(w.root, name);
    writeFileSync(path, content);
    return path;
  }

  /** restore and verify both refuse it; the database and the data folder stay exactly as they were */
  async function expectRefused(file: string, passphrase: string, code: string, message: RegExp) {
    const docs = await dumpDocuments(w.core, ['sessions', 'auditevents']);
    // the scratch folder may appear (empty); nothing else may
    const files = () => listing(w.dataDir).filter((name) => name !== 'backup-work');
    const folder = files();
    for (const method of ['backup.verify', 'backup.restore'] as const) {
      const answer = await w.admin.call(method, { file, passphrase, confirm: true });
      expect(answer.ok, `${method} should refuse`).toBe(false);
      if (answer.ok) return;
      expect(answer.error.code).toBe(code);
      expect(answer.error.message).toMatch(message);
    }
    expect(await dumpDocuments(w.core, ['sessions', 'auditevents'])).toEqual(docs);
    expect(files()).toEqual(folder);
    expect(listing(join(w.dataDir, 'backup-work'))).toEqual([]);
    expect(valueOf(await w.admin.call('backup.status', {})).pendingRestore).toBeNull();
  }

  it('verifies the good backup (the control case)', async () => {
    const manifest = valueOf(await w.admin.call('backup.verify', { file: good, passphrase: PASSPHRASE }));
    expect(manifest).toMatchObject({ fromThisDevice: true, unitName: '示例县财政局', kind: 'manual', createdByName: '王管理' });
    expect(manifest.counts['users']).toBe(3);
    expect(manifest.databaseSm3).toMatch(/^[0-9a-f]{64}$/);
    expect(listing(join(w.dataDir, 'backup-work'))).toEqual([]);
  });

  it('a truncated file: cut in the body, in the trailer, in the header, inside the magic', async () => {
    await expectRefused(variant('half.gpbak', bytes.subarray(0, Math.floor(bytes.length / 2))), PASSPHRASE, 'BACKUP_TRUNCATED', /不完整.*被截断/);
    await expectRefused(variant('no-trailer.gpbak', bytes.subarray(0, bytes.length - 10)), PASSPHRASE, 'BACKUP_TRUNCATED', /文件末尾的校验信息缺失/);
    await expectRefused(variant('header.gpbak', bytes.subarray(0, 100)), PASSPHRASE, 'BACKUP_TRUNCATED', /文件头都不完整/);
    await expectRefused(variant('magic.gpbak', bytes.subarray(0, 5)), PASSPHRASE, 'BACKUP_TRUNCATED', /只有 5 字节/);
    const cut = variant('truncate-call.gpbak', bytes);
    truncateSync(cut, bytes.length - 200);
    await expectRefused(cut, PASSPHRASE, 'BACKUP_TRUNCATED', /不完整/);
  });

  it('a flipped byte in a chunk', async () => {
    const flipped = Buffer.from(bytes);
    const at = Math.floor(bytes.length * 0.6);
    flipped[at] = flipped[at]! ^ 0x01;
    await expectRefused(variant('flip-chunk.gpbak', flipped), PASSPHRASE, 'BACKUP_CORRUPTED', /第 1\/1 块认证失败/);
  });

  it('a flipped byte in the manifest, and a manifest rewritten with a matching SM3 (no key)', async () => {
    const headerLength = bytes.readUInt32BE(10);
    const at = bytes.indexOf('"users":3');
    expect(at).toBeGreaterThan(14);
    expect(at).toBeLessThan(14 + headerLength);
    const flipped = Buffer.from(bytes);
    flipped[at + 8] = '4'.charCodeAt(0);
    await expectRefused(variant('flip-manifest.gpbak', flipped), PASSPHRASE, 'BACKUP_CORRUPTED', /文件头（备份清单）校验值不符/);
    // a forger can recompute the SM3 but not the HMAC-SM3
    sm3Fast(flipped.subarray(0, 14 + headerLength)).forEach((b, i) => (flipped[14 + headerLength + i] = b));
    await expectRefused(variant('forged-manifest.gpbak', flipped), PASSPHRASE, 'BACKUP_CORRUPTED', /认证失败，内容被改动过/);
  });

  it('the wrong passphrase', async () => {
    await expectRefused(good, 'Wrong#Pass2026', 'BACKUP_WRONG_PASSPHRASE', /^备份口令不正确：请输入制作该备份时（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）设置的备份口令$/);
    const answer = await w.admin.call('backup.verify', { file: good, passphrase: 'Wrong#Pass2026' });
    expect(answer.ok ? null : answer.error.field).toBe('passphrase');
  });

  it('a backup of another installation, under its own passphrase', async () => {
    await expectRefused(foreign, PASSPHRASE, 'BACKUP_WRONG_PASSPHRASE', /该备份由另一台设备制作（单位：示例县财政局，设备 …[0-9a-f-]{8}，.*），请输入制作该备份时那台设备设置的备份口令/);
  });

  it('a random file, an empty file, a folder, a missing file', async () => {
    await expectRefused(variant('random.bin', randomBytes(300_000)), PASSPHRASE, 'BACKUP_NOT_A_BACKUP', /不是本系统的备份文件/);
    await expectRefused(variant('empty.gpbak', new Uint8Array(0)), PASSPHRASE, 'BACKUP_NOT_A_BACKUP', /不是本系统的备份文件/);
    await expectRefused(variant('sqlite.gpbak', readFileSync(join(w.dataDir, 'govpay.sqlite'))), PASSPHRASE, 'BACKUP_NOT_A_BACKUP', /文件开头不是备份标识/);
    await expectRefused(w.backupDir, PASSPHRASE, 'BACKUP_NOT_A_BACKUP', /不是文件/);
    await expectRefused(join(w.root, 'nothing-here.gpbak'), PASSPHRASE, 'NOT_FOUND', /找不到备份文件/);
  });

  it('a backup from a newer version of the software (a newer schema, an unknown collection)', async () => {
    for (const [versions, message] of [
      [{ users: 99 }, /备份中 users 的数据结构版本为 v99，高于本软件支持的 v\d+；请先升级本软件再恢复/],
      [{ ledger2030: 0 }, /备份中有本软件不认识的数据（ledger2030），它来自更新版本的软件/],
    ] as const) {
      const newer = await craftBackup(w, (manifest) => ({ ...manifest, schemaVersions: { ...manifest.schemaVersions, ...versions } }));
      await expectRefused(newer, PASSPHRASE, 'BACKUP_INCOMPATIBLE', message);
    }
  });

  it('restores the other installation\'s backup with its passphrase (a new machine after disk loss)', async () => {
    const manifest = valueOf(await w.admin.call('backup.verify', { file: foreign, passphrase: 'Other#Office2026' }));
    expect(manifest.fromThisDevice).toBe(false);
    expect(manifest.deviceId).toBe(otherDeviceId);
  });
});

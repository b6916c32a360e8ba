import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { typed, valueOf } from '../../support/test-core';
import { addUsers, configure, PASSPHRASE, startWorld, USER_PASSWORD, type BackupWorld } from './backup-world';

const DAY = 24 * 60 * 60 * 1000;

describe('backup settings', () => {
  let w: BackupWorld;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    expect(w.errors).toEqual([]);
    await w.close();
  });

  it('needs a passphrase the first time, under the password policy, confirmed', async () => {
    expect(await configure(w, { passphrase: '' })).toMatchObject({ ok: false, error: { field: 'passphrase', message: '首次设置备份时必须设置备份口令' } });
    expect(await configure(w, { passphrase: 'short1!' })).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD', field: 'passphrase', message: '备份口令至少 8 位' } });
    expect(await configure(w, { passphrase: 'alllowercase' })).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD', message: '备份口令须包含大写字母、小写字母、数字、符号中的至少 3 类' } });
    const mismatch = await w.admin.call('backup.configure', {
      folder: w.backupDir,
      passphrase: PASSPHRASE,
      passphraseConfirm: 'Other#2026pass',
      scheduleEnabled: true,
      timeOfDay: '02:00',
      keep: 30,
    });
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'PASSWORD_MISMATCH', field: 'passphraseConfirm' } });
    expect(valueOf(await w.admin.call('backup.status', {})).config).toBeNull();
    expect(await w.admin.call('backup.run', {})).toMatchObject({ ok: false, error: { code: 'BACKUP_NOT_CONFIGURED' } });
  });

  it('checks the folder: absolute, existing, a directory, not inside the data folder', async () => {
    expect(await configure(w, { folder: 'backups' })).toMatchObject({ ok: false, error: { code: 'BACKUP_FOLDER_INVALID', field: 'folder', message: expect.stringContaining('绝对路径') } });
    expect(await configure(w, { folder: join(w.root, 'missing') })).toMatchObject({ ok: false, error: { field: 'folder', message: `备份目录不存在：${join(w.root, 'missing')}` } });
    writeFileSync(join(w.root, 'a-file'), 'x');
    expect(await configure(w, { folder: join(w.root, 'a-file') })).toMatchObject({ ok: false, error: { field: 'folder', message: expect.stringContaining('不是目录') } });
    mkdirSync(join(w.dataDir, 'inside'));
    expect(await configure(w, { folder: join(w.dataDir, 'inside') })).toMatchObject({ ok: false, error: { field: 'folder', message: expect.stringContaining('不能位于本机数据目录之内') } });
    expect(await configure(w, { timeOfDay: '24:00' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'timeOfDay' } });
    expect(await configure(w, { keep: 0 })).toMatchObject({ ok: false, error: { field: 'keep', message: '至少保留 1 份备份' } });
    expect(readdirSync(w.backupDir)).toEqual([]); // the write probe is gone
  });

  it('keeps the passphrase when it is left empty, replaces it when given, and audits both', async () => {
    const first = valueOf(await configure(w));
    const kept = valueOf(await configure(w, { passphrase: '', keep: 7 }));
    expect(kept).toMatchObject({ keyId: first.keyId, keep: 7 });
    const changed = valueOf(await configure(w, { passphrase: 'Another#Pass2027' }));
    expect(changed.keyId).not.toBe(first.keyId);
    const summaries = valueOf(await w.admin.call('audit.events', { limit: 10 })).events.filter((e) => e.action === 'backup.configure').map((e) => e.summary);
    expect(summaries[0]).toContain('已更换备份口令（此前的备份仍需用原口令恢复）');
    expect(summaries[1]).toContain('备份口令未变');
    expect(summaries[2]).toContain('已设置备份口令');
    // the passphrase itself is stored nowhere
    const stored = JSON.stringify((await w.core.services.db.settings.findOne('backup').exec())?.toJSON());
    expect(stored).not.toContain('Another#Pass2027');
  });

  it('administrators only; auditors may read the history', async () => {
    valueOf(await configure(w));
    valueOf(await w.admin.call('backup.run', {}));
    valueOf(await w.admin.call('users.create', { login: 'shenji', name: '审计员', roles: ['auditor'], password: USER_PASSWORD, passwordConfirm: USER_PASSWORD }));
    await addUsers(w.admin, ['caiwu']);
    for (const [login, historyOk] of [['shenji', true], ['caiwu', false]] as const) {
      const user = typed(w.core.connect('direct'));
      valueOf(await user.call('auth.login', { login, password: USER_PASSWORD }));
      // first sign-in with an administrator-set password: change it first
      valueOf(await user.call('auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: 'Changed#2026x', newPasswordConfirm: 'Changed#2026x' }));
      const history = await user.call('backup.history', {});
      expect(history.ok).toBe(historyOk);
      if (history.ok) expect(history.value).toHaveLength(1);
      for (const method of ['backup.status', 'backup.run', 'backup.cancelRestore'] as const) {
        expect(await user.call(method, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
  });
});

describe('daily schedule and retention', () => {
  let w: BackupWorld;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    expect(w.errors).toEqual([]);
    await w.close();
  });

  it('runs a missed day once at start, then waits for the next slot', async () => {
    valueOf(await configure(w, { timeOfDay: '02:00' }));
    const { scheduler } = w.core.services.backup;
    expect((await scheduler.tick())?.due).toBe(false); // configured after today's 02:00 (or not yet due)
    w.clock.advance(2 * DAY); // the desktop was off for two nights
    await w.signInAgain();
    const decision = await scheduler.tick();
    expect(decision?.due).toBe(false); // it has run, so no longer due
    const history = valueOf(await w.admin.call('backup.history', {}));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'scheduled', result: 'ok', actorName: null });
    expect((await scheduler.tick())?.due).toBe(false);
    expect(valueOf(await w.admin.call('backup.history', {}))).toHaveLength(1);
    const status = valueOf(await w.admin.call('backup.status', {}));
    expect(status.nextScheduledAt).toBeGreaterThan(w.clock.now());
    // the next slot, or the one after when the catch-up ran less than 12 hours before it
    expect(status.nextScheduledAt! - w.clock.now()).toBeLessThanOrEqual(2 * DAY);
    const events = valueOf(await w.admin.call('audit.events', { limit: 5 })).events;
    expect(events.find((e) => e.action === 'backup.run')).toMatchObject({ actorName: null, summary: expect.stringContaining('每日自动备份完成') });
  });

  it('records a failed scheduled run and does not retry it until the next day', async () => {
    valueOf(await configure(w));
    const { rmSync } = await import('node:fs');
    rmSync(w.backupDir, { recursive: true }); // the USB disk was not plugged in
    w.clock.advance(2 * DAY);
    await w.signInAgain();
    await w.core.services.backup.scheduler.tick();
    await w.core.services.backup.scheduler.tick();
    const history = valueOf(await w.admin.call('backup.history', {}));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'scheduled', result: 'failed', error: { code: 'BACKUP_FOLDER_INVALID' } });
    expect(valueOf(await w.admin.call('backup.status', {})).lastBackup?.result).toBe('failed');
  });

  it('keeps the newest N of its own backups and never touches anything else in the folder', async () => {
    // another installation's backup and unrelated files share the folder
    const { readFileSync } = await import('node:fs');
    valueOf(await configure(w, { keep: 2 }));
    writeFileSync(join(w.backupDir, 'govpay-backup-20200101-000000-ffffff.gpbak'), 'not really a backup');
    writeFileSync(join(w.backupDir, 'notes.txt'), '备份说明');
    const made: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      w.clock.advance(60_000);
      made.push(valueOf(await w.admin.call('backup.run', {})).file!);
    }
    const names = readdirSync(w.backupDir).sort();
    expect(names).toContain('notes.txt');
    expect(names).toContain('govpay-backup-20200101-000000-ffffff.gpbak');
    const ours = names.filter((n) => n.endsWith('.gpbak') && !n.includes('-ffffff'));
    expect(ours.map((n) => join(w.backupDir, n)).sort()).toEqual(made.slice(2).sort());
    const history = valueOf(await w.admin.call('backup.history', {}));
    expect(history[0]?.pruned).toEqual([made[1]]);
    expect(readFileSync(join(w.backupDir, 'notes.txt'), 'utf8')).toBe('备份说明');
  });
});

import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { valueOf } from '../../support/test-core';
import { addUsers, configure, dumpDocuments, PASSPHRASE, startWorld, type BackupWorld } from './backup-world';

describe('backup → restore → reopen', () => {
  let w: BackupWorld;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(async () => w.close());

  it('restores exactly the documents of the backup, keeping the replaced database as a copy', async () => {
    await addUsers(w.admin, ['zhang', 'lisi']);
    valueOf(await configure(w));
    const before = await dumpDocuments(w.core);
    const phases: string[] = [];
    const watch = w.core.services.backup.jobs.progress$.subscribe((p) => {
      const label = p.running ? `${p.operation}:${p.phase}` : 'idle';
      if (phases.at(-1) !== label) phases.push(label);
    });
    const entry = valueOf(await w.admin.call('backup.run', {}));
    watch.unsubscribe();
    expect(phases).toEqual(['idle', 'backup:snapshot', 'backup:encrypt', 'backup:finishing', 'idle']);
    expect(entry).toMatchObject({ result: 'ok', kind: 'manual', actorName: '王管理' });
    expect(entry.file).toMatch(/govpay-backup-\d{8}-\d{6}-[0-9a-f]{6}\.gpbak$/);
    expect(entry.counts).toMatchObject({ users: 3, units: 1 });
    expect(existsSync(entry.file!)).toBe(true);

    // a change after the backup: it must not survive the restore, but stays in the kept copy
    await addUsers(w.admin, ['wang']);
    const staged = valueOf(await w.admin.call('backup.restore', { file: entry.file!, passphrase: PASSPHRASE, confirm: true }));
    expect(staged.manifest).toMatchObject({ fromThisDevice: true, unitName: '示例县财政局' });
    expect(staged.runtime).toBe('browser');
    const status = valueOf(await w.admin.call('backup.status', {}));
    expect(status.pendingRestore).toMatchObject({ sourceFile: entry.file, stagedByName: '王管理' });
    // staged, not applied: the running database is untouched
    expect(valueOf(await w.admin.call('users.list', {})).map((u) => u.login)).toContain('wang');

    await w.restart();
    const after = await dumpDocuments(w.core);
    for (const name of Object.keys(before).filter((n) => n !== 'auditevents' && n !== 'settings')) {
      expect({ name, docs: after[name] }).toEqual({ name, docs: before[name] });
    }
    const settingsWithoutBackup = (docs: unknown[] | undefined) => (docs ?? []).filter((d) => (d as { id: string }).id !== 'backup');
    expect(settingsWithoutBackup(after['settings'])).toEqual(settingsWithoutBackup(before['settings']));
    // every audit event up to the backup is there, then the restore itself is recorded
    const afterIds = new Set((after['auditevents'] ?? []).map((e) => (e as { id: string }).id));
    for (const event of before['auditevents'] ?? []) expect(afterIds.has((event as { id: string }).id)).toBe(true);
    const events = valueOf(await w.admin.call('audit.events', { limit: 10 })).events;
    const applied = events.find((e) => e.action === 'backup.restoreApplied');
    expect(applied?.summary).toContain('恢复前的数据库保存为 govpay.sqlite.before-restore-');
    expect(valueOf(await w.admin.call('backup.status', {})).pendingRestore).toBeNull();

    // the previous database is kept, with the user added after the backup
    const copies = readdirSync(w.dataDir).filter((f) => /^govpay\.sqlite\.before-restore-\d{8}-\d{6}$/.test(f));
    expect(copies).toHaveLength(1);
    const old = new Database(join(w.dataDir, copies[0]!), { readonly: true });
    const logins = old.prepare<[], string>(`SELECT json FROM col_users_v1 WHERE _deleted = 0`).pluck().all().map((j) => (JSON.parse(j) as { login: string }).login);
    old.close();
    expect(logins).toContain('wang');
    expect(readdirSync(w.dataDir)).toContain(`${copies[0]}.json`);
    // the history outlives the restore (it is beside the database, not in it)
    expect(valueOf(await w.admin.call('backup.history', {})).map((e) => e.id)).toContain(entry.id);
  });
});

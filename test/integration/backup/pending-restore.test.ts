import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPendingRestore, cancelPendingRestore, readPendingRestore, type RestoreMarker } from '../../../electron/core/backup/pending-restore';
import { fileStamp } from '../../../electron/core/backup/retention';

const NOW = new Date(2026, 11, 3, 8, 30, 15).getTime();
const STAMP = fileStamp(NOW);

const marker: RestoreMarker = {
  stagedAt: NOW - 60_000,
  stagedBy: { id: 'u1', name: '王管理' },
  sourceFile: '/media/usb/govpay-backup-20261201-020000-abcdef.gpbak',
  manifest: {
    createdAt: NOW - 86_400_000,
    appVersion: '0.1.0',
    deviceId: 'device',
    unit: { id: 'unit', name: '示例县财政局', uscc: '91350100M000100Y43' },
    kind: 'scheduled',
    createdBy: null,
    schemaVersions: { users: 1 },
    counts: { users: 3 },
    databaseBytes: 3,
    chunkCount: 1,
  },
  databaseSm3: 'ab'.repeat(32),
  previousAuditHead: { deviceId: 'device', seq: 42, hash: 'cd'.repeat(32) },
  carriedConfig: null,
  beforeRestoreFile: null,
  appliedAt: null,
  attachments: null,
  beforeRestoreAttachments: null,
};

/** The start-up swap on plain files: it must keep the old database and finish after a crash. */
describe('applying a staged restore at start', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  const read = (name: string) => readFileSync(file(name), 'utf8');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'govpay-pending-'));
    writeFileSync(file('govpay.sqlite'), 'OLD');
    writeFileSync(file('govpay.sqlite-wal'), 'OLD-WAL');
    writeFileSync(file('govpay.sqlite-shm'), 'OLD-SHM');
    writeFileSync(file('govpay.sqlite.restore-pending'), 'NEW');
    writeFileSync(file('govpay.sqlite.restore-pending.json'), JSON.stringify(marker));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('does nothing when no restore is staged', () => {
    rmSync(file('govpay.sqlite.restore-pending'));
    expect(applyPendingRestore(dir, NOW)).toBeNull();
    expect(read('govpay.sqlite')).toBe('OLD');
  });

  it('moves the database and its -wal/-shm aside, keeps them, and puts the staged file in place', () => {
    expect(readPendingRestore(dir)?.sourceFile).toBe(marker.sourceFile);
    const applied = applyPendingRestore(dir, NOW);
    expect(applied).toMatchObject({ beforeRestoreFile: `govpay.sqlite.before-restore-${STAMP}`, appliedAt: NOW, sourceFile: marker.sourceFile });
    expect(read('govpay.sqlite')).toBe('NEW');
    expect(read(`govpay.sqlite.before-restore-${STAMP}`)).toBe('OLD');
    expect(read(`govpay.sqlite.before-restore-${STAMP}-wal`)).toBe('OLD-WAL');
    expect(read(`govpay.sqlite.before-restore-${STAMP}-shm`)).toBe('OLD-SHM');
    // no -wal of the old database may stay next to the restored one: SQLite would replay it
    expect(existsSync(file('govpay.sqlite-wal'))).toBe(false);
    expect(existsSync(file('govpay.sqlite-shm'))).toBe(false);
    expect(readPendingRestore(dir)).toBeNull();
    expect(readdirSync(dir)).toContain('govpay.sqlite.restore-applied.json');
    // until the audit event is written, the next start reports the applied restore again
    expect(applyPendingRestore(dir, NOW + 1000)?.beforeRestoreFile).toBe(applied?.beforeRestoreFile);
    expect(read('govpay.sqlite')).toBe('NEW');
  });

  it('finishes a swap interrupted after the old database was moved, without touching the kept copy', () => {
    const copy = `govpay.sqlite.before-restore-${STAMP}`;
    writeFileSync(file('govpay.sqlite.restore-pending.json'), JSON.stringify({ ...marker, beforeRestoreFile: copy }));
    renameSync(file('govpay.sqlite'), file(copy));
    renameSync(file('govpay.sqlite-wal'), file(`${copy}-wal`));
    // crash here: no live database, the staged one still pending
    const applied = applyPendingRestore(dir, NOW + 5000);
    expect(applied?.beforeRestoreFile).toBe(copy);
    expect(read('govpay.sqlite')).toBe('NEW');
    expect(read(copy)).toBe('OLD');
    expect(read(`${copy}-wal`)).toBe('OLD-WAL');
    expect(read(`${copy}-shm`)).toBe('OLD-SHM');
  });

  it('never overwrites an earlier kept copy with the same time stamp', () => {
    writeFileSync(file(`govpay.sqlite.before-restore-${STAMP}`), 'EARLIER');
    const applied = applyPendingRestore(dir, NOW);
    expect(applied?.beforeRestoreFile).toBe(`govpay.sqlite.before-restore-${STAMP}-2`);
    expect(read(`govpay.sqlite.before-restore-${STAMP}`)).toBe('EARLIER');
    expect(read(`govpay.sqlite.before-restore-${STAMP}-2`)).toBe('OLD');
  });

  describe('with the attachment files of a format-2 backup', () => {
    const copy = `govpay.sqlite.before-restore-${STAMP}`;
    beforeEach(() => {
      mkdirSync(file('attachments/aa'), { recursive: true });
      writeFileSync(file('attachments/aa/old'), 'OLD-FILE');
      mkdirSync(file('attachments.restore-pending/bb'), { recursive: true });
      writeFileSync(file('attachments.restore-pending/bb/new'), 'NEW-FILE');
      writeFileSync(file('govpay.sqlite.restore-pending.json'), JSON.stringify({ ...marker, attachments: { count: 1, bytes: 8 } }));
    });
    const expectApplied = () => {
      expect(read('govpay.sqlite')).toBe('NEW');
      expect(read('attachments/bb/new')).toBe('NEW-FILE');
      expect(existsSync(file('attachments/aa'))).toBe(false);
      expect(read(`${copy}.attachments/aa/old`)).toBe('OLD-FILE');
      expect(existsSync(file('attachments.restore-pending'))).toBe(false);
    };

    it('swaps the attachments folder with the database, keeping the old one beside the kept database', () => {
      expect(applyPendingRestore(dir, NOW)).toMatchObject({ beforeRestoreFile: copy, beforeRestoreAttachments: `${copy}.attachments`, attachments: { count: 1, bytes: 8 } });
      expectApplied();
    });

    it('finishes after a crash between moving the old folder aside and moving the new one in', () => {
      writeFileSync(file('govpay.sqlite.restore-pending.json'), JSON.stringify({ ...marker, beforeRestoreFile: copy, beforeRestoreAttachments: `${copy}.attachments` }));
      renameSync(file('govpay.sqlite'), file(copy));
      renameSync(file('attachments'), file(`${copy}.attachments`));
      applyPendingRestore(dir, NOW + 5000);
      expectApplied();
    });

    it('never moves the restored folder aside after a crash once it was in place', () => {
      writeFileSync(file('govpay.sqlite.restore-pending.json'), JSON.stringify({ ...marker, beforeRestoreFile: copy, beforeRestoreAttachments: `${copy}.attachments` }));
      renameSync(file('govpay.sqlite'), file(copy));
      renameSync(file('attachments'), file(`${copy}.attachments`));
      renameSync(file('attachments.restore-pending'), file('attachments'));
      applyPendingRestore(dir, NOW + 5000);
      expectApplied();
    });

    it('stages no folder for a restore that is cancelled', async () => {
      expect((await cancelPendingRestore(dir)).removed).toBe(true);
      expect(existsSync(file('attachments.restore-pending'))).toBe(false);
      expect(read('attachments/aa/old')).toBe('OLD-FILE');
    });
  });
});

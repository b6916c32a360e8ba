import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupManifestView, PendingRestoreView } from '../../../shared/api/methods/backup-methods';
import { hexToBytes } from '../../../shared/crypto';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { loadBackupConfig, parseStoredConfig, saveBackupConfig, toStored } from './backup-config';
import { appSchemaVersions, ownUnit, type BackupActor, type BackupDeps } from './backup-deps';
import type { BackupManifest } from './backup-format';
import { backupKeys, checkMatches, deriveMasterKey } from './backup-keys';
import { checkHeaderMac, decryptBackup, openBackup } from './backup-reader';
import { formatBytes, formatLocal, toManifestView, toPendingView, totalOf, wrongPassphraseMessage } from './backup-views';
import { removeScratch, snapshotFolder, workFolder } from './files';
import {
  cancelPendingRestore,
  readPendingRestore,
  settleAppliedRestore,
  stagePendingRestore,
  type RestoreMarker,
} from './pending-restore';
import { inspectDatabaseFile, integrityCheck } from './snapshot';

type Report = (phase: 'decrypt' | 'integrity' | 'finishing', percent: number) => void;

interface Verified {
  manifest: BackupManifest;
  view: BackupManifestView;
  databaseSm3: string;
  /** the decrypted, verified SQLite file */
  outPath: string;
  /** the verified attachment files, or null when the backup (format 1) carries none */
  attachmentsDir: string | null;
}

/** Where to decrypt to, chosen once the manifest says how big the database is. */
type OutPathFor = (databaseBytes: number) => Promise<string>;

/**
 * Verifying and restoring backups. Nothing is replaced until everything is proved: the passphrase,
 * the header, every chunk, the file MAC, the SQLite file's SM3, SQLite's own integrity check of
 * the decrypted copy, its contents against the manifest, and schema versions this build can open.
 * A verified restore is only staged; it is applied at the next start (pending-restore.ts).
 */
export class RestoreService {
  constructor(private readonly deps: BackupDeps) {}

  /** Refuses what this build could not open: unknown collections or newer schema versions. */
  private checkCompatible(versions: Record<string, number>): void {
    const app = appSchemaVersions(this.deps.db);
    for (const [collection, version] of Object.entries(versions)) {
      const ours = app[collection];
      if (ours === undefined) {
        throw new AppError('BACKUP_INCOMPATIBLE', `备份中有本软件不认识的数据（${collection}），它来自更新版本的软件；请先升级本软件再恢复`, 'file');
      }
      if (version > ours) {
        throw new AppError('BACKUP_INCOMPATIBLE', `备份中 ${collection} 的数据结构版本为 v${version}，高于本软件支持的 v${ours}；请先升级本软件再恢复`, 'file');
      }
    }
  }

  /**
   * `attachmentsOut`: where the attachment files are written, or null to check them only. Every
   * file is proved against its SM3 before anything outside the scratch folders changes.
   */
  private async verifyInto(file: string, passphrase: string, outPathFor: OutPathFor, attachmentsOut: string | null, report: Report): Promise<Verified> {
    const opened = await openBackup(file);
    let databaseSm3: string;
    let outPath: string;
    const carriesAttachments = opened.header.manifest.attachments !== undefined;
    const attachmentsDir = carriesAttachments ? attachmentsOut : null;
    try {
      const { header } = opened;
      const master = await deriveMasterKey(passphrase, header.kdf);
      const keys = backupKeys(master, hexToBytes(header.backupSalt));
      if (!checkMatches(keys, header.keyCheck)) {
        const config = await loadBackupConfig(this.deps.db);
        const own = { deviceId: this.deps.device.deviceId, keyId: config?.key.keyId ?? null };
        throw new AppError('BACKUP_WRONG_PASSPHRASE', wrongPassphraseMessage(header.manifest, own, header.keyId), 'passphrase');
      }
      checkHeaderMac(opened, keys);
      this.checkCompatible(header.manifest.schemaVersions);
      outPath = await outPathFor(header.manifest.databaseBytes);
      if (attachmentsDir !== null) await mkdir(attachmentsDir, { recursive: true, mode: 0o700 });
      databaseSm3 = await decryptBackup(opened, keys, { outPath, attachmentsOutDir: attachmentsDir, onProgress: (f) => report('decrypt', f * 85) });
    } catch (error) {
      if (attachmentsDir !== null) await rm(attachmentsDir, { recursive: true, force: true });
      throw error;
    } finally {
      await opened.handle.close();
    }
    const { manifest } = opened.header;
    try {
      report('integrity', 88);
      let check: ReturnType<typeof integrityCheck>;
      try {
        check = integrityCheck(outPath);
      } catch (error) {
        check = { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
      }
      if (!check.ok) {
        throw new AppError('BACKUP_CORRUPTED', `备份中的数据库未通过 SQLite 完整性检查（${check.problems.join('；')}），不能使用`);
      }
      const contents = inspectDatabaseFile(outPath);
      const same = (a: Record<string, number>, b: Record<string, number>) =>
        Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
      if (!same(contents.counts, manifest.counts) || !same(contents.schemaVersions, manifest.schemaVersions)) {
        throw new AppError('BACKUP_CORRUPTED', '备份中的数据库内容与备份清单记载的记录数或数据结构版本不符，不能使用');
      }
      this.checkCompatible(contents.schemaVersions);
    } catch (error) {
      await rm(outPath, { force: true });
      if (attachmentsDir !== null) await rm(attachmentsDir, { recursive: true, force: true });
      throw error;
    }
    return {
      manifest,
      databaseSm3,
      outPath,
      attachmentsDir,
      view: toManifestView(manifest, { ownDeviceId: this.deps.device.deviceId, fileBytes: opened.fileBytes, databaseSm3 }),
    };
  }

  private async audited<T>(actor: BackupActor, action: string, describe: (ok: T | null, error: AppError | null) => string, work: () => Promise<T>): Promise<T> {
    const unit = await ownUnit(this.deps.db);
    try {
      const value = await work();
      await this.deps.audit.append({ unitId: unit.id, actor, action, entity: 'backup', entityId: null, summary: describe(value, null), payload: { ok: true, value } });
      return value;
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
      await this.deps.audit
        .append({ unitId: unit.id, actor, action: `${action}Failed`, entity: 'backup', entityId: null, summary: describe(null, appError), payload: { ok: false, code: appError.code, message: appError.message } })
        .catch((e: unknown) => this.deps.logger.error('audit append failed', e));
      throw error;
    }
  }

  /** Checks a backup completely without touching the database; the decrypted copy is removed. */
  async verify(actor: { id: string; name: string }, file: string, passphrase: string): Promise<BackupManifestView> {
    return this.audited(
      actor,
      'backup.verify',
      (ok, error) => (ok ? `校验备份文件 ${file}：通过（${formatLocal(ok.createdAt)} 制作，${ok.totalDocuments} 条记录）` : `校验备份文件 ${file}：未通过（${error?.message ?? ''}）`),
      () =>
        this.deps.jobs.run('verify', null, async (report) => {
          // only checked and thrown away: shared memory when it fits, like a backup's snapshot
          let scratch: string | null = null;
          const outPathFor = async (bytes: number) => (scratch = join(await snapshotFolder(this.deps.dataDir, bytes), `verify-${newId()}.sqlite`));
          try {
            return (await this.verifyInto(file, passphrase, outPathFor, null, report)).view;
          } finally {
            if (scratch !== null) await removeScratch(scratch);
          }
        }),
    );
  }

  /** Verifies, then stages the backup to replace the database at the next start. */
  async restore(actor: { id: string; name: string }, file: string, passphrase: string): Promise<{ manifest: BackupManifestView; pendingRestore: PendingRestoreView }> {
    return this.audited(
      actor,
      'backup.restoreStaged',
      (ok, error) =>
        ok
          ? `已校验备份 ${file}（${formatLocal(ok.manifest.createdAt)} 制作，${ok.manifest.totalDocuments} 条记录）并准备恢复：下次启动时替换当前数据库，当前数据库另存为副本`
          : `准备恢复备份 ${file} 未成功（${error?.message ?? ''}），当前数据库未作任何改动`,
      () =>
        this.deps.jobs.run('restore', null, async (report) => {
          // beside the database, so the verified file is renamed into place, never copied
          const work = await workFolder(this.deps.dataDir);
          const id = newId();
          const outPath = join(work, `restore-${id}.sqlite`);
          const attachmentsOut = join(work, `restore-${id}.attachments`);
          try {
            const verified = await this.verifyInto(file, passphrase, async () => outPath, attachmentsOut, report);
            report('finishing', 95);
            const config = await loadBackupConfig(this.deps.db);
            const marker: RestoreMarker = {
              stagedAt: this.deps.clock.now(),
              stagedBy: actor,
              sourceFile: file,
              manifest: verified.manifest,
              databaseSm3: verified.databaseSm3,
              previousAuditHead: await this.auditHead(),
              carriedConfig: config ? toStored(config) : null,
              beforeRestoreFile: null,
              appliedAt: null,
              attachments: verified.manifest.attachments ?? null,
              beforeRestoreAttachments: null,
            };
            await stagePendingRestore(this.deps.dataDir, outPath, verified.attachmentsDir, marker);
            return { manifest: verified.view, pendingRestore: toPendingView(marker) };
          } finally {
            await rm(outPath, { force: true });
            await rm(attachmentsOut, { recursive: true, force: true });
          }
        }),
    );
  }

  private async auditHead(): Promise<RestoreMarker['previousAuditHead']> {
    const { deviceId } = this.deps.device;
    const last = await this.deps.db.auditevents.findOne({ selector: { deviceId }, sort: [{ deviceId: 'desc' }, { seq: 'desc' }] }).exec();
    return last ? { deviceId, seq: last.seq, hash: last.hash } : null;
  }

  pending(): PendingRestoreView | null {
    const marker = readPendingRestore(this.deps.dataDir);
    return marker ? toPendingView(marker) : null;
  }

  async cancel(actor: { id: string; name: string }): Promise<{ cancelled: boolean }> {
    if (this.deps.jobs.busy()) throw new AppError('BACKUP_BUSY');
    const { removed, marker } = await cancelPendingRestore(this.deps.dataDir);
    if (removed) {
      const unit = await ownUnit(this.deps.db);
      const what = marker ? `${marker.sourceFile}（${formatLocal(marker.manifest.createdAt)} 制作）` : '';
      await this.deps.audit.append({
        unitId: unit.id,
        actor,
        action: 'backup.restoreCancelled',
        entity: 'backup',
        entityId: null,
        summary: `取消待恢复的备份${what}；当前数据库保持不变`,
        payload: { sourceFile: marker?.sourceFile ?? null, stagedAt: marker?.stagedAt ?? null },
      });
    }
    return { cancelled: removed };
  }

  /**
   * Called by createCore once the restored database is open: carries this installation's backup
   * settings over the restored ones (so a later backup is not made under a passphrase the
   * administrator has since replaced), and writes the restore into the restored audit chain —
   * including the previous chain's head, so the gap is on record.
   */
  async finishApplied(marker: RestoreMarker): Promise<void> {
    const { db, clock, audit, dataDir } = this.deps;
    const unit = await ownUnit(db);
    const carried = parseStoredConfig(marker.carriedConfig);
    if (carried) await saveBackupConfig(db, carried, { unitId: unit.id, actorId: marker.stagedBy?.id ?? 'system', now: clock.now() });
    const head = marker.previousAuditHead;
    await audit.append({
      unitId: unit.id,
      actor: null,
      action: 'backup.restoreApplied',
      entity: 'backup',
      entityId: null,
      summary:
        `已用备份 ${marker.sourceFile}（${formatLocal(marker.manifest.createdAt)} 制作，${totalOf(marker.manifest.counts)} 条记录）恢复数据库` +
        `（由 ${marker.stagedBy?.name ?? '未知'} 于 ${formatLocal(marker.stagedAt)} 发起）；恢复前的数据库保存为 ${marker.beforeRestoreFile ?? '（无）'}` +
        (marker.attachments
          ? `；恢复附件文件 ${marker.attachments.count} 个（${formatBytes(marker.attachments.bytes)}）` +
            (marker.beforeRestoreAttachments ? `，恢复前的附件目录保存为 ${marker.beforeRestoreAttachments}` : '')
          : '；该备份为旧格式，不含附件文件，附件目录保持不变') +
        (head ? `；恢复前本机审计链末尾为第 ${head.seq} 条（${head.hash.slice(0, 16)}…）` : ''),
      payload: { ...marker, carriedConfig: carried ? { folder: carried.folder, keyId: carried.key.keyId } : null },
    });
    await settleAppliedRestore(dataDir, marker);
  }
}

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { passphraseProblemText, type BackupConfigView, type BackupHistoryEntry } from '../../../shared/api/methods/backup-methods';
import { passwordProblems } from '../../../shared/auth/password-policy';
import { bytesToHex } from '../../../shared/crypto';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { getDatabaseFilePath } from '../db/sqlite-storage/connection-pool';
import { DATABASE_NAME } from '../db/database';
import { attachmentTotals, listAttachmentFiles } from './attachment-section';
import { loadBackupConfig, saveBackupConfig, toConfigView, type BackupConfig } from './backup-config';
import { ownUnit, type BackupActor, type BackupDeps } from './backup-deps';
import { CHUNK_BYTES, chunkCountFor, FORMAT_VERSION, type BackupHeader } from './backup-format';
import { backupKeys, deriveMasterKey, keyIdOf, newBackupSalts, newKdfParams } from './backup-keys';
import { formatBytes, totalOf } from './backup-views';
import { BackupCancelled, writeBackupFile } from './backup-writer';
import { checkBackupFolder, databaseFootprint, removeScratch, snapshotFolder } from './files';
import { newBackupPath, pruneBackups, removeStaleParts } from './retention';
import { scheduleDecision, type ScheduleDecision } from './backup-schedule';
import { inspectDatabaseFile, takeSnapshot } from './snapshot';

export interface ConfigureInput {
  folder: string;
  passphrase: string;
  passphraseConfirm: string;
  scheduleEnabled: boolean;
  timeOfDay: string;
  keep: number;
}

/** Share of the progress bar: the snapshot is mostly disk writes, the rest hashing and SM4. */
const SNAPSHOT_SHARE = 40;

/**
 * Configuring and making backups: an online snapshot of the SQLite file, then it and the
 * attachment files (evidence, signed contracts), compressed,
 * SM4-encrypted and HMAC-SM3-authenticated into the administrator's folder (backup-format.ts),
 * the oldest of this installation's backups beyond `keep` removed, every run recorded in the
 * history and the audit chain.
 */
export class BackupService {
  constructor(private readonly deps: BackupDeps) {}

  private databasePath(): string {
    return getDatabaseFilePath(this.deps.dataDir, DATABASE_NAME);
  }

  async config(): Promise<BackupConfig | null> {
    return loadBackupConfig(this.deps.db);
  }

  async configure(actor: { id: string; name: string }, input: ConfigureInput): Promise<BackupConfigView> {
    const { db, clock, audit } = this.deps;
    const existing = await this.config();
    const folder = await checkBackupFolder(input.folder, this.deps.dataDir);
    const changingPassphrase = input.passphrase !== '' || input.passphraseConfirm !== '';
    if (!existing && !changingPassphrase) {
      throw new AppError('VALIDATION_FAILED', '首次设置备份时必须设置备份口令', 'passphrase');
    }
    let key = existing?.key;
    if (changingPassphrase) {
      const policy = this.deps.policy();
      const problem = passwordProblems(input.passphrase, { minLength: policy.minLength, minClasses: policy.minClasses })[0];
      if (problem) throw new AppError('WEAK_PASSWORD', passphraseProblemText(problem), 'passphrase');
      if (input.passphrase !== input.passphraseConfirm) {
        throw new AppError('PASSWORD_MISMATCH', '两次输入的备份口令不一致', 'passphraseConfirm');
      }
      const kdf = newKdfParams();
      const master = await deriveMasterKey(input.passphrase, kdf);
      key = { kdf, master: bytesToHex(master), masterBytes: master, keyId: keyIdOf(master), setAt: clock.now(), setBy: actor.id };
    }
    if (!key) throw new Error('unreachable: a configuration always has a key');
    const now = clock.now();
    const unit = await ownUnit(db);
    const { masterBytes: _bytes, ...storedKey } = key;
    const stored = {
      folder,
      scheduleEnabled: input.scheduleEnabled,
      timeOfDay: input.timeOfDay,
      keep: input.keep,
      key: storedKey,
      configuredAt: now,
    };
    await saveBackupConfig(db, stored, { unitId: unit.id, actorId: actor.id, now });
    const schedule = input.scheduleEnabled ? `每日 ${input.timeOfDay} 自动备份` : '不自动备份';
    const passphraseNote = !existing ? '已设置备份口令' : changingPassphrase ? '已更换备份口令（此前的备份仍需用原口令恢复）' : '备份口令未变';
    await audit.append({
      unitId: unit.id,
      actor,
      action: 'backup.configure',
      entity: 'backup',
      entityId: null,
      summary: `设置备份：目录 ${folder}，${schedule}，保留最近 ${input.keep} 份；${passphraseNote}（口令指纹 ${key.keyId}）`,
      payload: { folder, scheduleEnabled: input.scheduleEnabled, timeOfDay: input.timeOfDay, keep: input.keep, keyId: key.keyId, passphraseChanged: changingPassphrase },
    });
    return toConfigView({ ...stored, key });
  }

  async scheduleDecision(): Promise<ScheduleDecision> {
    const config = await this.config();
    if (!config) return scheduleDecision({ now: this.deps.clock.now(), enabled: false, timeOfDay: '00:00', configuredAt: 0, lastScheduledAt: null });
    const lastScheduled = await this.deps.history.lastScheduled();
    return scheduleDecision({
      now: this.deps.clock.now(),
      enabled: config.scheduleEnabled,
      timeOfDay: config.timeOfDay,
      configuredAt: config.configuredAt,
      lastScheduledAt: lastScheduled?.startedAt ?? null,
    });
  }

  /** Makes one backup now. A failure is recorded (history, audit) and then thrown. */
  async run(actor: BackupActor, kind: 'manual' | 'scheduled'): Promise<BackupHistoryEntry> {
    const config = await this.config();
    if (!config) throw new AppError('BACKUP_NOT_CONFIGURED');
    return this.deps.jobs.run('backup', kind, async (report) => {
      const startedAt = this.deps.clock.now();
      const t0 = performance.now();
      const unit = await ownUnit(this.deps.db);
      const entryBase = { id: newId(), kind, startedAt, actorName: actor?.name ?? null };
      try {
        const { attachments, ...entry } = await this.makeBackup(config, actor, kind, startedAt, report);
        const done: BackupHistoryEntry = { ...entryBase, ...entry, finishedAt: this.deps.clock.now(), durationMs: Math.round(performance.now() - t0) };
        await this.deps.history.append(done);
        const who = kind === 'scheduled' ? '每日自动备份' : '手动备份';
        await this.deps.audit.append({
          unitId: unit.id,
          actor,
          action: 'backup.run',
          entity: 'backup',
          entityId: done.id,
          summary: `${who}完成：${done.file}（${formatBytes(done.bytes ?? 0)}，${done.totalDocuments ?? 0} 条记录，附件文件 ${attachments.count} 个（${formatBytes(attachments.bytes)}），用时 ${(done.durationMs / 1000).toFixed(1)} 秒）${done.pruned.length > 0 ? `；按保留份数删除旧备份 ${done.pruned.length} 份` : ''}`,
          payload: { ...done, attachments },
        });
        return done;
      } catch (error) {
        const appError =
          error instanceof AppError
            ? error
            : error instanceof BackupCancelled
              ? new AppError('BACKUP_FAILED', '备份已中止：系统正在关闭')
              : new AppError('BACKUP_FAILED', `备份失败：${error instanceof Error ? error.message : String(error)}`);
        const failed: BackupHistoryEntry = {
          ...entryBase,
          finishedAt: this.deps.clock.now(),
          durationMs: Math.round(performance.now() - t0),
          result: 'failed',
          file: null,
          bytes: null,
          databaseBytes: null,
          counts: null,
          totalDocuments: null,
          error: { code: appError.code, message: appError.message },
          pruned: [],
        };
        await this.deps.history.append(failed).catch((e: unknown) => this.deps.logger.error('backup history append failed', e));
        await this.deps.audit
          .append({
            unitId: unit.id,
            actor,
            action: 'backup.failed',
            entity: 'backup',
            entityId: failed.id,
            summary: `${kind === 'scheduled' ? '每日自动备份' : '手动备份'}失败：${appError.message}`,
            payload: { ...failed },
          })
          .catch((e: unknown) => this.deps.logger.error('backup audit append failed', e));
        throw appError;
      }
    });
  }

  private async makeBackup(
    config: BackupConfig,
    actor: BackupActor,
    kind: 'manual' | 'scheduled',
    startedAt: number,
    report: (phase: 'snapshot' | 'encrypt' | 'finishing', percent: number) => void,
  ): Promise<Pick<BackupHistoryEntry, 'result' | 'file' | 'bytes' | 'databaseBytes' | 'counts' | 'totalDocuments' | 'error' | 'pruned'> & { attachments: { count: number; bytes: number } }> {
    const { device, dataDir, jobs } = this.deps;
    const folder = await checkBackupFolder(config.folder, dataDir);
    const snapshotPath = join(await snapshotFolder(dataDir, databaseFootprint(this.databasePath())), `snapshot-${newId()}.sqlite`);
    try {
      await takeSnapshot(this.databasePath(), snapshotPath, (f) => report('snapshot', f * SNAPSHOT_SHARE));
      const contents = inspectDatabaseFile(snapshotPath);
      const databaseBytes = (await stat(snapshotPath)).size;
      // after the snapshot, so every file its metadata names is listed (attachment-section.ts)
      const attachments = listAttachmentFiles(dataDir);
      const { backupSalt, nonce } = newBackupSalts();
      const keys = backupKeys(config.key.masterBytes, backupSalt);
      const header: BackupHeader = {
        format: FORMAT_VERSION,
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
          createdAt: startedAt,
          appVersion: this.deps.version,
          deviceId: device.deviceId,
          unit: await ownUnit(this.deps.db),
          kind,
          createdBy: actor,
          schemaVersions: contents.schemaVersions,
          counts: contents.counts,
          databaseBytes,
          chunkCount: chunkCountFor(databaseBytes, CHUNK_BYTES),
          attachments: attachmentTotals(attachments),
        },
      };
      const outPath = newBackupPath(folder, startedAt, device.deviceId);
      const written = await writeBackupFile({
        snapshotPath,
        outPath,
        header,
        keys,
        nonce,
        attachments,
        onProgress: (f) => report('encrypt', SNAPSHOT_SHARE + f * (98 - SNAPSHOT_SHARE)),
        cancelled: () => jobs.cancelled(),
      });
      report('finishing', 99);
      const pruned = await pruneBackups(folder, device.deviceId, config.keep);
      // file times are the computer's, not the core's clock
      await removeStaleParts(folder, Date.now());
      return {
        result: 'ok',
        file: outPath,
        bytes: written.fileBytes,
        databaseBytes,
        counts: contents.counts,
        totalDocuments: totalOf(contents.counts),
        error: null,
        pruned,
        attachments: header.manifest.attachments ?? { count: 0, bytes: 0 },
      };
    } finally {
      // The plaintext copy never outlives the run.
      await removeScratch(snapshotPath);
    }
  }
}

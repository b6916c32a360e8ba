import { z } from 'zod';
import type { PasswordProblem } from '../../auth/password-policy';
import { method, rolesOnly, topic } from '../method-spec';
import { timestampSchema } from '../common-schemas';

/**
 * Backup and restore (R11: local and off-site backups). Administrators configure, run, verify and
 * restore; auditors may read the history. Folder paths are typed in (browser mode has no native
 * dialog); the core checks that the folder exists and is writable.
 */

export const BACKUP_KEEP_DEFAULT = 30;
export const BACKUP_KEEP_MAX = 365;
export const BACKUP_TIME_DEFAULT = '02:00';

export const backupFolderSchema = z
  .string({ error: '请输入备份目录' })
  .trim()
  .min(1, '请输入备份目录')
  .max(1024, '目录路径不能超过 1024 个字符');

export const backupFileSchema = z
  .string({ error: '请输入备份文件的完整路径' })
  .trim()
  .min(1, '请输入备份文件的完整路径')
  .max(2048, '文件路径不能超过 2048 个字符');

export const timeOfDaySchema = z
  .string({ error: '请输入每日备份时间' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/u, '每日备份时间格式为 时:分（00:00–23:59），例如 02:00');

export const backupKeepSchema = z
  .number({ error: '请输入保留份数' })
  .int('保留份数须为整数')
  .min(1, '至少保留 1 份备份')
  .max(BACKUP_KEEP_MAX, `最多保留 ${BACKUP_KEEP_MAX} 份备份`);

/**
 * The backup passphrase follows the password policy (R11) word for word, named as what it is:
 * "密码至少 8 位" becomes "备份口令至少 8 位". Core and page both use this, so they say the same.
 */
export function passphraseProblemText(problem: PasswordProblem): string {
  return problem.message.replace(/^密码/u, '备份口令');
}

const passphraseSchema = z.string({ error: '请输入备份口令' }).max(128, '备份口令不能超过 128 位');

export const backupConfigViewSchema = z.object({
  folder: z.string(),
  scheduleEnabled: z.boolean(),
  timeOfDay: z.string(),
  keep: z.number().int(),
  /** short fingerprint of the backup key, shown so an administrator can tell passphrases apart */
  keyId: z.string(),
  passphraseSetAt: timestampSchema,
  configuredAt: timestampSchema,
});
export type BackupConfigView = z.infer<typeof backupConfigViewSchema>;

const countsSchema = z.record(z.string(), z.number().int().nonnegative());

export const backupHistoryEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['manual', 'scheduled']),
  startedAt: timestampSchema,
  finishedAt: timestampSchema,
  durationMs: z.number().int().nonnegative(),
  result: z.enum(['ok', 'failed']),
  file: z.string().nullable(),
  bytes: z.number().int().nonnegative().nullable(),
  databaseBytes: z.number().int().nonnegative().nullable(),
  counts: countsSchema.nullable(),
  totalDocuments: z.number().int().nonnegative().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  actorName: z.string().nullable(),
  /** files of this installation removed because more than `keep` backups existed */
  pruned: z.array(z.string()),
});
export type BackupHistoryEntry = z.infer<typeof backupHistoryEntrySchema>;

export const backupManifestViewSchema = z.object({
  createdAt: timestampSchema,
  appVersion: z.string(),
  deviceId: z.string(),
  fromThisDevice: z.boolean(),
  unitName: z.string(),
  unitUscc: z.string(),
  kind: z.enum(['manual', 'scheduled']),
  createdByName: z.string().nullable(),
  schemaVersions: countsSchema,
  counts: countsSchema,
  totalDocuments: z.number().int().nonnegative(),
  databaseBytes: z.number().int().nonnegative(),
  fileBytes: z.number().int().nonnegative(),
  databaseSm3: z.string(),
});
export type BackupManifestView = z.infer<typeof backupManifestViewSchema>;

export const pendingRestoreViewSchema = z.object({
  stagedAt: timestampSchema,
  stagedByName: z.string().nullable(),
  sourceFile: z.string(),
  backupCreatedAt: timestampSchema,
  unitName: z.string(),
  totalDocuments: z.number().int().nonnegative(),
});
export type PendingRestoreView = z.infer<typeof pendingRestoreViewSchema>;

export const backupProgressSchema = z.object({
  running: z.boolean(),
  operation: z.enum(['backup', 'verify', 'restore']).nullable(),
  kind: z.enum(['manual', 'scheduled']).nullable(),
  phase: z.enum(['snapshot', 'encrypt', 'decrypt', 'integrity', 'finishing']).nullable(),
  /** 0–100 */
  percent: z.number().min(0).max(100),
  startedAt: timestampSchema.nullable(),
});
export type BackupProgress = z.infer<typeof backupProgressSchema>;

export const backupMethods = {
  'backup.status': method({
    summary: '备份设置、上次备份、下次自动备份时间、待恢复的备份',
    params: z.object({}).strict(),
    result: z.object({
      config: backupConfigViewSchema.nullable(),
      lastBackup: backupHistoryEntrySchema.nullable(),
      lastSuccessAt: timestampSchema.nullable(),
      nextScheduledAt: timestampSchema.nullable(),
      pendingRestore: pendingRestoreViewSchema.nullable(),
      progress: backupProgressSchema,
      runtime: z.enum(['electron', 'browser']),
      dataDir: z.string(),
    }),
    access: rolesOnly('admin'),
  }),
  'backup.configure': method({
    summary: '设置备份目录、备份口令、每日自动备份时间与保留份数',
    params: z.object({
      folder: backupFolderSchema,
      /** empty: keep the passphrase already set (required the first time) */
      passphrase: passphraseSchema.default(''),
      passphraseConfirm: passphraseSchema.default(''),
      scheduleEnabled: z.boolean(),
      timeOfDay: timeOfDaySchema,
      keep: backupKeepSchema,
    }),
    result: backupConfigViewSchema,
    access: rolesOnly('admin'),
  }),
  'backup.run': method({
    summary: '立即备份（进度见 backup.progress）',
    params: z.object({}).strict(),
    result: backupHistoryEntrySchema,
    access: rolesOnly('admin'),
  }),
  'backup.history': method({
    summary: '备份记录（时间、文件、大小、文档数、结果、耗时），新的在前',
    params: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    result: z.array(backupHistoryEntrySchema),
    access: rolesOnly('admin', 'auditor'),
  }),
  'backup.verify': method({
    summary: '校验备份文件（口令、完整性、数据库检查），不做任何恢复',
    params: z.object({ file: backupFileSchema, passphrase: passphraseSchema.min(1, '请输入备份口令') }),
    result: backupManifestViewSchema,
    access: rolesOnly('admin'),
  }),
  'backup.restore': method({
    summary: '校验后准备恢复：下次启动时用备份替换当前数据库（当前数据库另存副本）',
    params: z.object({
      file: backupFileSchema,
      passphrase: passphraseSchema.min(1, '请输入备份口令'),
      confirm: z.literal(true, { error: '请确认恢复操作' }),
    }),
    result: z.object({
      manifest: backupManifestViewSchema,
      pendingRestore: pendingRestoreViewSchema,
      runtime: z.enum(['electron', 'browser']),
    }),
    access: rolesOnly('admin'),
  }),
  'backup.cancelRestore': method({
    summary: '取消尚未生效的恢复',
    params: z.object({}).strict(),
    result: z.object({ cancelled: z.boolean() }),
    access: rolesOnly('admin'),
  }),
};

export const backupTopics = {
  'backup.progress': topic({
    summary: '备份 / 校验 / 恢复的进度（订阅时立即推送当前状态）',
    params: z.object({}).strict(),
    data: backupProgressSchema,
    access: rolesOnly('admin'),
  }),
};

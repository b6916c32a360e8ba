import { z } from 'zod';
import type { BackupConfigView } from '../../../shared/api/methods/backup-methods';
import { hexToBytes } from '../../../shared/crypto';
import type { GovPayDatabase } from '../db/database';
import { kdfParamsSchema, type KdfParams } from './backup-format';

/**
 * The backup configuration, one document in `settings` (id 'backup'). It holds the derived master
 * key so the daily backup can run unattended — see the trade-off in backup-keys.ts.
 */
export const BACKUP_SETTING_ID = 'backup';

const storedSchema = z.object({
  folder: z.string(),
  scheduleEnabled: z.boolean(),
  timeOfDay: z.string(),
  keep: z.number().int().positive(),
  key: z.object({
    kdf: kdfParamsSchema,
    master: z.string().regex(/^[0-9a-f]{64}$/u),
    keyId: z.string(),
    setAt: z.number().int(),
    setBy: z.string(),
  }),
  configuredAt: z.number().int(),
});
export type StoredBackupConfig = z.infer<typeof storedSchema>;

export interface BackupConfig extends Omit<StoredBackupConfig, 'key'> {
  key: StoredBackupConfig['key'] & { masterBytes: Uint8Array; kdf: KdfParams };
}

export async function loadBackupConfig(db: GovPayDatabase): Promise<BackupConfig | null> {
  const doc = await db.settings.findOne(BACKUP_SETTING_ID).exec();
  if (!doc) return null;
  const parsed = storedSchema.safeParse(doc.value);
  // A damaged setting means "not configured": the administrator sets it again, nothing guesses.
  if (!parsed.success) return null;
  return { ...parsed.data, key: { ...parsed.data.key, masterBytes: hexToBytes(parsed.data.key.master) } };
}

export async function saveBackupConfig(
  db: GovPayDatabase,
  value: StoredBackupConfig,
  meta: { unitId: string; actorId: string; now: number },
): Promise<void> {
  const existing = await db.settings.findOne(BACKUP_SETTING_ID).exec();
  const plain = storedSchema.parse(value) as Record<string, unknown>;
  if (existing) {
    await existing.incrementalPatch({ value: plain, updatedAt: meta.now });
  } else {
    await db.settings.insert({
      id: BACKUP_SETTING_ID,
      unitId: meta.unitId,
      value: plain,
      createdBy: meta.actorId,
      createdAt: meta.now,
      updatedAt: meta.now,
    });
  }
}

export function toConfigView(config: BackupConfig): BackupConfigView {
  return {
    folder: config.folder,
    scheduleEnabled: config.scheduleEnabled,
    timeOfDay: config.timeOfDay,
    keep: config.keep,
    keyId: config.key.keyId,
    passphraseSetAt: config.key.setAt,
    configuredAt: config.configuredAt,
  };
}

/** The stored form again (without the decoded key bytes), e.g. to carry it across a restore. */
export function toStored(config: BackupConfig): StoredBackupConfig {
  const { masterBytes: _bytes, ...key } = config.key;
  return { ...config, key };
}

export function parseStoredConfig(value: unknown): StoredBackupConfig | null {
  const parsed = storedSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

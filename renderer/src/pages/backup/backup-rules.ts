import { backupKeepSchema, timeOfDaySchema } from '../../../../shared/api/methods/backup-methods';
import { passwordProblems, type PasswordPolicy } from '../../../../shared/auth/password-policy';

/**
 * Live checks of the backup forms, with the core's own schemas and password policy, so the page
 * never accepts what the core refuses. Each failure is an i18n key under `backup.rules`;
 * test/unit/backup/backup-rules.test.ts checks the Chinese texts against the core's messages.
 */
export type BackupRuleKey =
  | 'backup.rules.length'
  | 'backup.rules.tooLong'
  | 'backup.rules.whitespace'
  | 'backup.rules.classes'
  | 'backup.rules.mismatch'
  | 'backup.rules.folderRequired'
  | 'backup.rules.timeFormat'
  | 'backup.rules.keepRange'
  | 'backup.rules.fileRequired'
  | 'backup.rules.passphraseRequired';

export interface BackupRule {
  key: BackupRuleKey;
  params?: Record<string, string | number>;
}

/** Every unmet rule of the passphrase at once (empty passphrase: none — "keep the current one"). */
export function checkPassphrase(value: string, policy: PasswordPolicy): BackupRule[] {
  if (value === '') return [];
  const rules: BackupRule[] = [];
  for (const problem of passwordProblems(value, policy)) {
    switch (problem.rule) {
      case 'length':
        rules.push({ key: 'backup.rules.length', params: { min: policy.minLength } });
        break;
      case 'tooLong':
        rules.push({ key: 'backup.rules.tooLong', params: { max: 128 } });
        break;
      case 'whitespace':
        rules.push({ key: 'backup.rules.whitespace' });
        break;
      case 'classes':
        rules.push({ key: 'backup.rules.classes', params: { classes: policy.minClasses } });
        break;
      case 'containsLogin':
        break; // a passphrase belongs to no login
    }
  }
  return rules;
}

export function checkPassphraseConfirm(passphrase: string, confirm: string): BackupRule[] {
  return passphrase === confirm ? [] : [{ key: 'backup.rules.mismatch' }];
}

export function checkFolder(value: string): BackupRule[] {
  return value.trim() === '' ? [{ key: 'backup.rules.folderRequired' }] : [];
}

export function checkTimeOfDay(value: string): BackupRule[] {
  return timeOfDaySchema.safeParse(value).success ? [] : [{ key: 'backup.rules.timeFormat' }];
}

/** The keep field as typed: a whole number 1–365, or null when it is not one. */
export function parseKeep(value: string): number | null {
  if (!/^\d{1,3}$/u.test(value.trim())) return null;
  const n = Number(value.trim());
  return backupKeepSchema.safeParse(n).success ? n : null;
}

export function checkKeep(value: string): BackupRule[] {
  return parseKeep(value) === null ? [{ key: 'backup.rules.keepRange' }] : [];
}

export function checkRequired(value: string, key: 'backup.rules.fileRequired' | 'backup.rules.passphraseRequired'): BackupRule[] {
  return value.trim() === '' ? [{ key }] : [];
}

/** Sizes as an administrator reads them (binary units, one decimal). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** The file name of a path typed on Linux or Windows. */
export function baseName(path: string): string {
  return path.split(/[\\/]/u).filter(Boolean).at(-1) ?? path;
}

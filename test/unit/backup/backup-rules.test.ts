import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../../shared/api/contract';
import { backupFileSchema, backupFolderSchema, passphraseProblemText, timeOfDaySchema } from '../../../shared/api/methods/backup-methods';
import { DEFAULT_PASSWORD_POLICY, passwordProblems } from '../../../shared/auth/password-policy';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';
import {
  baseName,
  checkFolder,
  checkKeep,
  checkPassphrase,
  checkPassphraseConfirm,
  checkRequired,
  checkTimeOfDay,
  formatBytes,
  parseKeep,
  type BackupRule,
} from '../../../renderer/src/pages/backup/backup-rules';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
});
const texts = (rules: readonly BackupRule[]) => rules.map((r) => i18n.t(r.key, r.params ?? {}));
const firstIssue = (schema: { safeParse(v: unknown): { error?: { issues: { message: string }[] } } }, value: unknown) =>
  schema.safeParse(value).error?.issues[0]?.message;

/** The backup page's live texts are the core's texts, word for word. */
describe('backup page rules', () => {
  it('passphrase rules say what the core says (the password policy, named 备份口令)', () => {
    for (const policy of [DEFAULT_PASSWORD_POLICY, { minLength: 12, minClasses: 4 }]) {
      for (const value of ['short', 'alllowercase', 'has space A1!', 'Goodpass1!', 'x'.repeat(129)]) {
        expect(texts(checkPassphrase(value, policy))).toEqual(passwordProblems(value, policy).map(passphraseProblemText));
      }
    }
    expect(checkPassphrase('', DEFAULT_PASSWORD_POLICY)).toEqual([]); // empty: keep the current one
    expect(texts(checkPassphraseConfirm('a', 'b'))).toEqual(['两次输入的备份口令不一致']);
  });

  it('folder, file, time of day and keep', () => {
    expect(texts(checkFolder('  '))).toEqual([firstIssue(backupFolderSchema, '')]);
    expect(texts(checkRequired('', 'backup.rules.fileRequired'))).toEqual([firstIssue(backupFileSchema, '')]);
    expect(texts(checkRequired('', 'backup.rules.passphraseRequired'))).toEqual([firstIssue(API['backup.verify'].params.shape.passphrase, '')]);
    for (const bad of ['2:00', '24:00', '12:60', '']) expect(texts(checkTimeOfDay(bad))).toEqual([firstIssue(timeOfDaySchema, bad)]);
    expect(checkTimeOfDay('02:00')).toEqual([]);
    expect([parseKeep('30'), parseKeep('0'), parseKeep('366'), parseKeep('2.5'), parseKeep('')]).toEqual([30, null, null, null, null]);
    expect(checkKeep('365')).toEqual([]);
  });

  it('formats sizes and file names', () => {
    expect([formatBytes(512), formatBytes(2048), formatBytes(83 * 1024 * 1024), formatBytes(3 * 1024 ** 3)]).toEqual(['512 B', '2.0 KB', '83.0 MB', '3.00 GB']);
    expect(baseName('/media/usb/备份/govpay-backup-20261201-020000-1a2b3c.gpbak')).toBe('govpay-backup-20261201-020000-1a2b3c.gpbak');
    expect(baseName('D:\\备份\\a.gpbak')).toBe('a.gpbak');
  });
});

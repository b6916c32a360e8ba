import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { openWithPassword, sealWithPassword } from '../auth/password-seal';
import type { Clock } from '../app/clock';
import type { GovPayDatabase } from '../db/database';
import { newRecoveryCode, normalizeRecoveryCode } from './recovery-code';

/**
 * The installation's data key: one random SM4 key that encrypts sensitive fields (bank
 * accounts, ID numbers, phones). It is never stored in clear: one copy is sealed under each
 * user's password, one under a recovery code the administrator writes down at first run.
 * A signed-in session holds the opened key in memory only.
 */
export interface KeyringValue {
  version: 1;
  /** userId → sealed data key */
  wraps: Record<string, string>;
  /** sealed under the recovery code */
  recovery: string;
}

const KEYRING_SETTING = 'keyring';
const PURPOSE = 'govpay:data-key';
export const DATA_KEY_BYTES = 16;

export class DataKeyring {
  constructor(
    private readonly db: GovPayDatabase,
    private readonly clock: Clock,
  ) {}

  private async load(): Promise<KeyringValue | null> {
    const doc = await this.db.settings.findOne(KEYRING_SETTING).exec();
    return doc ? (doc.value as unknown as KeyringValue) : null;
  }

  private async save(value: KeyringValue, unitId: string, actorId: string): Promise<void> {
    const now = this.clock.now();
    const existing = await this.db.settings.findOne(KEYRING_SETTING).exec();
    if (existing) await existing.incrementalPatch({ value: { ...value }, updatedAt: now });
    else await this.db.settings.insert({ id: KEYRING_SETTING, unitId, value: { ...value }, createdBy: actorId, createdAt: now, updatedAt: now });
  }

  async exists(): Promise<boolean> {
    return (await this.load()) !== null;
  }

  /**
   * The data key an administrator's session must hold to hand it to another user; null when this
   * installation has no keyring at all (nothing to hand over).
   */
  async requireFromSession(sessionKey: Uint8Array | null): Promise<Uint8Array | null> {
    if (sessionKey) return sessionKey;
    if (await this.exists()) throw new AppError('DATA_KEY_LOCKED');
    return null;
  }

  /** First run: makes the data key, seals it for the administrator and under a new recovery code. */
  async initialize(unitId: string, adminUserId: string, adminPassword: string): Promise<{ dataKey: Uint8Array; recoveryCode: string }> {
    if (await this.load()) throw new AppError('ALREADY_SET_UP', '数据密钥已经存在');
    const dataKey = new Uint8Array(randomBytes(DATA_KEY_BYTES));
    const recoveryCode = newRecoveryCode();
    await this.save(
      {
        version: 1,
        wraps: { [adminUserId]: await sealWithPassword(dataKey, adminPassword, `${PURPOSE}:${adminUserId}`) },
        recovery: await sealWithPassword(dataKey, normalizeRecoveryCode(recoveryCode), `${PURPOSE}:recovery`),
      },
      unitId,
      adminUserId,
    );
    return { dataKey, recoveryCode };
  }

  /** Opens the data key with a user's password; null when this user holds no copy. */
  async unlockForUser(userId: string, password: string): Promise<Uint8Array | null> {
    const wrapped = (await this.load())?.wraps[userId];
    if (!wrapped) return null;
    return openWithPassword(wrapped, password, `${PURPOSE}:${userId}`);
  }

  /** Seals the data key (held by the acting session) for a user under their (new) password. */
  async grantToUser(unitId: string, userId: string, password: string, dataKey: Uint8Array, actorId: string): Promise<void> {
    const current = await this.load();
    if (!current) throw new AppError('NOT_SET_UP');
    const sealed = await sealWithPassword(dataKey, password, `${PURPOSE}:${userId}`);
    await this.save({ ...current, wraps: { ...current.wraps, [userId]: sealed } }, unitId, actorId);
  }

  /** Opens the data key with the recovery code, when no user can. */
  async unlockWithRecoveryCode(code: string): Promise<Uint8Array> {
    const current = await this.load();
    if (!current) throw new AppError('NOT_SET_UP');
    try {
      return await openWithPassword(current.recovery, normalizeRecoveryCode(code), `${PURPOSE}:recovery`);
    } catch {
      throw new AppError('INVALID_CREDENTIALS', '恢复码不正确', 'recoveryCode');
    }
  }
}

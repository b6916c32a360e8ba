import { AppError } from '../../../shared/errors';
import type { SecurityPolicy } from '../../../shared/api';
import { rotateKey } from '../../../shared/domain/key-history';
import type { Clock } from '../app/clock';
import type { WriteLock } from '../app/write-lock';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import type { DataKeyring } from '../keyring/data-keyring';
import { assertPassword } from '../users/user-service';
import { hashPassword } from './password-hashing';
import type { SessionService } from './session-service';
import { createUserKeys } from './user-keys';
import { runAtomically } from '../app/unit-of-work';

export interface AdminRecoveryInput {
  recoveryCode: string;
  login: string;
  newPassword: string;
  newPasswordConfirm: string;
}

/**
 * When every administrator has lost their password, the recovery code written down at first
 * run proves the right to set a new one: it opens the data key, which is then sealed for the new
 * password. Only an active administrator can be recovered this way, and it is audited.
 */
export async function recoverAdministrator(
  deps: { db: GovPayDatabase; keyring: DataKeyring; sessions: SessionService; audit: AuditLog; lock: WriteLock; clock: Clock; policy: () => SecurityPolicy },
  input: AdminRecoveryInput,
): Promise<void> {
  const dataKey = await deps.keyring.unlockWithRecoveryCode(input.recoveryCode);
  await runAtomically(deps.lock, deps.db, async () => {
    const user = await deps.db.users.findOne({ selector: { loginKey: input.login.trim().toLowerCase() } }).exec();
    if (!user || !user.roles.includes('admin')) {
      throw new AppError('NOT_FOUND', '恢复码只能用于重置在用的系统管理员账户', 'login');
    }
    if (user.disabled) throw new AppError('ACCOUNT_DISABLED', undefined, 'login');
    assertPassword(input.newPassword, input.newPasswordConfirm, user.login, deps.policy(), 'newPassword', 'newPasswordConfirm');
    const keys = await createUserKeys(input.newPassword);
    const now = deps.clock.now();
    await deps.keyring.grantToUser(user.unitId, user.id, input.newPassword, dataKey, user.id);
    await user.incrementalPatch({
      passwordHash: await hashPassword(input.newPassword),
      passwordChangedAt: now,
      mustChangePassword: false,
      failedLoginCount: 0,
      lockedUntil: null,
      publicKey: keys.publicKey,
      wrappedPrivateKey: keys.wrappedPrivateKey,
      keyHistory: rotateKey(user.keyHistory, keys.publicKey, now),
      updatedAt: now,
    });
    await deps.audit.appendLocked({
      unitId: user.unitId,
      actor: { id: user.id, name: user.name },
      action: 'auth.recoverAdmin',
      entity: 'user',
      entityId: user.id,
      summary: `使用恢复码重置系统管理员 ${user.name}（${user.login}）的密码`,
      payload: { previousPublicKey: user.publicKey, publicKey: keys.publicKey },
    });
  });
  dataKey.fill(0);
  const user = await deps.db.users.findOne({ selector: { loginKey: input.login.trim().toLowerCase() } }).exec();
  if (user) await deps.sessions.endAllOf(user.id, 'passwordReset');
}

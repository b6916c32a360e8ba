import { AppError } from '../../../shared/errors';
import type { SecurityPolicy } from '../../../shared/api';
import type { Clock } from '../app/clock';
import type { WriteLock } from '../app/write-lock';
import type { Actor } from '../api/handler-types';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import { assertPassword } from '../users/user-service';
import { hashPassword, verifyPassword } from './password-hashing';
import { rewrapPrivateKey } from './user-keys';
import type { DataKeyring } from '../keyring/data-keyring';
import { runAtomically } from '../app/unit-of-work';

/** A user changes their own password; their signing key is re-sealed under the new one. */
export async function changeOwnPassword(
  deps: { db: GovPayDatabase; keyring: DataKeyring; audit: AuditLog; lock: WriteLock; clock: Clock; policy: () => SecurityPolicy },
  actor: Actor,
  input: { currentPassword: string; newPassword: string; newPasswordConfirm: string },
): Promise<void> {
  await runAtomically(deps.lock, deps.db, async () => {
    const user = await deps.db.users.findOne(actor.user.id).exec();
    if (!user) throw new AppError('NOT_FOUND');
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw new AppError('INVALID_CREDENTIALS', '当前密码不正确', 'currentPassword');
    }
    assertPassword(input.newPassword, input.newPasswordConfirm, user.login, deps.policy(), 'newPassword', 'newPasswordConfirm');
    if (input.newPassword === input.currentPassword) {
      throw new AppError('WEAK_PASSWORD', '新密码不能与当前密码相同', 'newPassword');
    }
    // The user's copy of the data key follows the new password.
    const dataKey = await deps.keyring.unlockForUser(user.id, input.currentPassword);
    if (dataKey) await deps.keyring.grantToUser(user.unitId, user.id, input.newPassword, dataKey, user.id);
    const now = deps.clock.now();
    await user.incrementalPatch({
      passwordHash: await hashPassword(input.newPassword),
      wrappedPrivateKey: await rewrapPrivateKey(user.wrappedPrivateKey, input.currentPassword, input.newPassword),
      passwordChangedAt: now,
      mustChangePassword: false,
      updatedAt: now,
    });
    await deps.audit.appendLocked({
      unitId: user.unitId,
      actor: { id: user.id, name: user.name },
      action: 'auth.changePassword',
      entity: 'user',
      entityId: user.id,
      summary: `${user.name}（${user.login}）修改了本人密码`,
      payload: { passwordChangedAt: now },
    });
  });
}

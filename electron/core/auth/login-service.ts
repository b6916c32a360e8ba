import { AppError } from '../../../shared/errors';
import type { SecurityPolicy } from '../../../shared/api';
import type { Clock } from '../app/clock';
import type { WriteLock } from '../app/write-lock';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import type { UserDoc } from '../db/schemas';
import { decoyHash, verifyPassword } from './password-hashing';
import type { SessionService } from './session-service';
import type { DataKeyring } from '../keyring/data-keyring';
import { runAtomically } from '../app/unit-of-work';

export interface LoginResult {
  token: string;
  user: UserDoc;
}

function minutesLeft(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 60_000));
}

/**
 * Sign-in with the lockout of R11: after `lockoutThreshold` consecutive failures the account is
 * locked for `lockoutMinutes`; every success, failure and lock is in the audit chain.
 */
export class LoginService {
  constructor(
    private readonly db: GovPayDatabase,
    private readonly sessions: SessionService,
    private readonly keyring: DataKeyring,
    private readonly audit: AuditLog,
    private readonly lock: WriteLock,
    private readonly clock: Clock,
    private readonly policy: () => SecurityPolicy,
  ) {}

  async login(login: string, password: string, transport: string): Promise<LoginResult> {
    const loginKey = login.trim().toLowerCase();
    const found = await this.db.users.findOne({ selector: { loginKey } }).exec();
    if (!found) {
      await verifyPassword(password, await decoyHash());
      await this.audit.append({
        unitId: '',
        actor: null,
        action: 'auth.loginFailed',
        entity: 'user',
        entityId: null,
        summary: `未知登录名尝试登录：${loginKey.slice(0, 32)}`,
        payload: { login: loginKey.slice(0, 32), reason: 'unknownLogin' },
      });
      throw new AppError('INVALID_CREDENTIALS');
    }
    const now = this.clock.now();
    if (found.lockedUntil !== null && found.lockedUntil > now) {
      throw new AppError(
        'ACCOUNT_LOCKED',
        `密码连续错误次数过多，账户已锁定，请 ${minutesLeft(found.lockedUntil, now)} 分钟后再试或联系系统管理员`,
      );
    }
    const passwordOk = await verifyPassword(password, found.passwordHash);
    // A refused sign-in still commits what it records (the failure count, the lock, the audit
    // event), so the refusal is returned from the unit of work and thrown only after the commit.
    const outcome = await runAtomically(this.lock, this.db, async (): Promise<LoginResult | { refused: AppError }> => {
      const user = await this.db.users.findOne(found.id).exec();
      if (!user) throw new AppError('INVALID_CREDENTIALS');
      const at = this.clock.now();
      const actor = { id: user.id, name: user.name };
      if (!passwordOk) {
        const policy = this.policy();
        const failures = user.failedLoginCount + 1;
        if (failures >= policy.lockoutThreshold) {
          const lockedUntil = at + policy.lockoutMinutes * 60_000;
          await user.incrementalPatch({ failedLoginCount: 0, lockedUntil, updatedAt: at });
          await this.audit.appendLocked({
            unitId: user.unitId,
            actor,
            action: 'auth.locked',
            entity: 'user',
            entityId: user.id,
            summary: `${user.name}（${user.login}）连续 ${failures} 次密码错误，账户锁定 ${policy.lockoutMinutes} 分钟`,
            payload: { failures, lockedUntil },
          });
          return {
            refused: new AppError(
              'ACCOUNT_LOCKED',
              `密码连续错误 ${failures} 次，账户已锁定，请 ${policy.lockoutMinutes} 分钟后再试或联系系统管理员`,
            ),
          };
        }
        await user.incrementalPatch({ failedLoginCount: failures, updatedAt: at });
        await this.audit.appendLocked({
          unitId: user.unitId,
          actor,
          action: 'auth.loginFailed',
          entity: 'user',
          entityId: user.id,
          summary: `${user.name}（${user.login}）密码错误（第 ${failures} 次）`,
          payload: { failures },
        });
        return { refused: new AppError('INVALID_CREDENTIALS', `用户名或密码错误，再错 ${policy.lockoutThreshold - failures} 次将锁定账户`) };
      }
      if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
      await user.incrementalPatch({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at, updatedAt: at });
      const dataKey = await this.keyring.unlockForUser(user.id, password);
      const token = await this.sessions.create(user.toMutableJSON() as UserDoc, transport, dataKey);
      await this.audit.appendLocked({
        unitId: user.unitId,
        actor,
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        summary: `${user.name}（${user.login}）登录`,
        payload: { transport },
      });
      return { token, user: user.toMutableJSON() as UserDoc };
    });
    if ('refused' in outcome) throw outcome.refused;
    return outcome;
  }
}

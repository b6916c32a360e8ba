import type { UserView } from '../../../shared/api';
import { passwordProblems } from '../../../shared/auth/password-policy';
import { startKeyHistory, rotateKey } from '../../../shared/domain/key-history';
import { ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import type { Clock } from '../app/clock';
import type { WriteLock } from '../app/write-lock';
import type { Actor } from '../api/handler-types';
import type { AuditLog } from '../audit/audit-log';
import { hashPassword } from '../auth/password-hashing';
import type { SessionService } from '../auth/session-service';
import type { DataKeyring } from '../keyring/data-keyring';
import { createUserKeys } from '../auth/user-keys';
import { toUserView } from '../auth/user-views';
import type { GovPayDatabase } from '../db/database';
import type { UserDoc } from '../db/schemas';
import type { SecurityPolicy } from '../../../shared/api';
import { roleConflict } from '../../../shared/domain/role-rules';
import { runAtomically } from '../app/unit-of-work';

export interface NewUser {
  unitId?: string | undefined;
  login: string;
  name: string;
  roles: Role[];
  password: string;
  passwordConfirm: string;
}

function rolesText(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_LABELS[r]).join('、');
}

/** Checks a new password against the policy; the messages are the ones the UI shows live. */
export function assertPassword(password: string, confirm: string, login: string, policy: SecurityPolicy, field: string, confirmField: string): void {
  const problems = passwordProblems(password, { minLength: policy.minLength, minClasses: policy.minClasses }, login);
  const first = problems[0];
  if (first) throw new AppError('WEAK_PASSWORD', first.message, field);
  if (password !== confirm) throw new AppError('PASSWORD_MISMATCH', undefined, confirmField);
}

/**
 * Administration of accounts (R11, R10): unique logins, separated duties, and a disabled account
 * is kept forever — nothing here deletes. Every change is in the audit chain.
 */
export class UserService {
  constructor(
    private readonly db: GovPayDatabase,
    private readonly sessions: SessionService,
    private readonly keyring: DataKeyring,
    private readonly audit: AuditLog,
    private readonly lock: WriteLock,
    private readonly clock: Clock,
    private readonly policy: () => SecurityPolicy,
  ) {}

  private inScope(actor: Actor, unitId: string): void {
    if (!actor.scopeUnitIds.includes(unitId)) throw new AppError('OUT_OF_SCOPE');
  }

  async list(actor: Actor, includeDisabled: boolean): Promise<UserView[]> {
    const docs = await this.db.users.find({ selector: { unitId: { $in: [...actor.scopeUnitIds] } }, sort: [{ loginKey: 'asc' }] }).exec();
    const now = this.clock.now();
    return docs.filter((d) => includeDisabled || !d.disabled).map((d) => toUserView(d.toMutableJSON() as UserDoc, now));
  }

  /** Every check of a new account, before anything is written. */
  async checkNewUser(input: NewUser & { unitId: string }): Promise<void> {
    const conflict = roleConflict(input.roles);
    if (conflict) throw new AppError('ROLE_CONFLICT', conflict, 'roles');
    assertPassword(input.password, input.passwordConfirm, input.login, this.policy(), 'password', 'passwordConfirm');
    const taken = await this.db.users.findOne({ selector: { loginKey: input.login.toLowerCase() } }).exec();
    if (taken) throw new AppError('LOGIN_TAKEN', `登录名“${input.login}”已被使用`, 'login');
  }

  /** Creates a user; used by setup (no actor yet) and by administrators. */
  async createLocked(input: NewUser & { unitId: string }, createdBy: { id: string; name: string } | null, mustChangePassword: boolean): Promise<UserDoc> {
    await this.checkNewUser(input);
    const loginKey = input.login.toLowerCase();
    const now = this.clock.now();
    const id = newId();
    const keys = await createUserKeys(input.password);
    const user: UserDoc = {
      id,
      unitId: input.unitId,
      login: input.login,
      loginKey,
      name: input.name,
      roles: input.roles,
      disabled: false,
      disabledReason: null,
      passwordHash: await hashPassword(input.password),
      passwordChangedAt: now,
      mustChangePassword,
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: null,
      publicKey: keys.publicKey,
      wrappedPrivateKey: keys.wrappedPrivateKey,
      keyHistory: startKeyHistory(keys.publicKey, now),
      createdBy: createdBy?.id ?? id,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.users.insert(user);
    await this.audit.appendLocked({
      unitId: user.unitId,
      actor: createdBy ?? { id, name: user.name },
      action: 'user.create',
      entity: 'user',
      entityId: id,
      summary: `新建用户 ${user.name}（${user.login}），角色：${rolesText(user.roles)}`,
      payload: { login: user.login, name: user.name, roles: user.roles, unitId: user.unitId, publicKey: user.publicKey },
    });
    return user;
  }

  async create(actor: Actor, input: NewUser): Promise<UserView> {
    const unitId = input.unitId ?? actor.unit.id;
    this.inScope(actor, unitId);
    const user = await runAtomically(this.lock, this.db, async () => {
      const dataKey = await this.keyring.requireFromSession(actor.dataKey);
      const created = await this.createLocked({ ...input, unitId }, { id: actor.user.id, name: actor.user.name }, true);
      if (dataKey) await this.keyring.grantToUser(unitId, created.id, input.password, dataKey, actor.user.id);
      return created;
    });
    return toUserView(user, this.clock.now());
  }

  private async loadInScope(actor: Actor, userId: string) {
    const user = await this.db.users.findOne(userId).exec();
    if (!user) throw new AppError('NOT_FOUND', '用户不存在', 'userId');
    this.inScope(actor, user.unitId);
    return user;
  }

  private async activeAdminCount(unitId: string): Promise<number> {
    const admins = await this.db.users.find({ selector: { unitId, disabled: false } }).exec();
    return admins.filter((u) => u.roles.includes('admin')).length;
  }

  async setRoles(actor: Actor, userId: string, roles: Role[]): Promise<UserView> {
    return runAtomically(this.lock, this.db, async () => {
      const user = await this.loadInScope(actor, userId);
      const conflict = roleConflict(roles);
      if (conflict) throw new AppError('ROLE_CONFLICT', conflict, 'roles');
      if (user.roles.includes('admin') && !roles.includes('admin') && !user.disabled && (await this.activeAdminCount(user.unitId)) <= 1) {
        throw new AppError('LAST_ADMIN', undefined, 'roles');
      }
      const before = [...user.roles];
      const now = this.clock.now();
      const updated = await user.incrementalPatch({ roles, updatedAt: now });
      await this.audit.appendLocked({
        unitId: user.unitId,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'user.setRoles',
        entity: 'user',
        entityId: user.id,
        summary: `调整 ${user.name}（${user.login}）的角色：${rolesText(before)} → ${rolesText(roles)}`,
        payload: { before, after: roles },
      });
      return toUserView(updated.toMutableJSON() as UserDoc, now);
    });
  }

  async setDisabled(actor: Actor, userId: string, disabled: boolean, reason: string): Promise<UserView> {
    const result = await runAtomically(this.lock, this.db, async () => {
      const user = await this.loadInScope(actor, userId);
      if (disabled && user.id === actor.user.id) throw new AppError('SELF_DISABLE', undefined, 'userId');
      if (disabled && user.roles.includes('admin') && !user.disabled && (await this.activeAdminCount(user.unitId)) <= 1) {
        throw new AppError('LAST_ADMIN', undefined, 'userId');
      }
      const now = this.clock.now();
      const updated = await user.incrementalPatch({
        disabled,
        disabledReason: disabled ? reason : null,
        updatedAt: now,
      });
      await this.audit.appendLocked({
        unitId: user.unitId,
        actor: { id: actor.user.id, name: actor.user.name },
        action: disabled ? 'user.disable' : 'user.enable',
        entity: 'user',
        entityId: user.id,
        summary: `${disabled ? '停用' : '启用'}用户 ${user.name}（${user.login}），原因：${reason}`,
        payload: { disabled, reason },
      });
      return toUserView(updated.toMutableJSON() as UserDoc, now);
    });
    if (disabled) await this.sessions.endAllOf(userId, 'disabled');
    return result;
  }

  async resetPassword(actor: Actor, userId: string, password: string, passwordConfirm: string): Promise<UserView> {
    const result = await runAtomically(this.lock, this.db, async () => {
      const user = await this.loadInScope(actor, userId);
      assertPassword(password, passwordConfirm, user.login, this.policy(), 'password', 'passwordConfirm');
      const dataKey = await this.keyring.requireFromSession(actor.dataKey);
      if (dataKey) await this.keyring.grantToUser(user.unitId, user.id, password, dataKey, actor.user.id);
      // The old private key is sealed under a password nobody here knows: a new key pair is made,
      // and the audit event records the new public key so older signatures stay verifiable.
      const keys = await createUserKeys(password);
      const now = this.clock.now();
      const updated = await user.incrementalPatch({
        passwordHash: await hashPassword(password),
        passwordChangedAt: now,
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        publicKey: keys.publicKey,
        wrappedPrivateKey: keys.wrappedPrivateKey,
        // the replaced key stays in the history, closed now, so its signatures still verify
        keyHistory: rotateKey(user.keyHistory, keys.publicKey, now),
        updatedAt: now,
      });
      await this.audit.appendLocked({
        unitId: user.unitId,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'user.resetPassword',
        entity: 'user',
        entityId: user.id,
        summary: `重置 ${user.name}（${user.login}）的密码并解除锁定`,
        payload: { previousPublicKey: user.publicKey, publicKey: keys.publicKey },
      });
      return toUserView(updated.toMutableJSON() as UserDoc, now);
    });
    await this.sessions.endAllOf(userId, 'passwordReset');
    return result;
  }
}

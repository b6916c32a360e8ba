import { generateSm2KeyPair, utf8ToBytes } from '../../../shared/crypto';
import { startKeyHistory } from '../../../shared/domain/key-history';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import type { AuditLog } from '../audit/audit-log';
import { hashPassword } from '../auth/password-hashing';
import { sealWithPassword } from '../auth/password-seal';
import type { UserDoc } from '../db/schemas';
import type { DataKeyring } from '../keyring/data-keyring';
import type { SeedUser, UserPlan } from './model';

/**
 * The purpose user-keys.ts seals signing keys under. The generator makes the key pair itself
 * because it must keep the private half to sign the decisions it generates; the unit test
 * `seed/users.test.ts` opens a generated key with auth/user-keys.ts, so a change there fails it.
 */
const SIGNING_KEY_PURPOSE = 'govpay:user-signing-key';

export interface UserCredentials {
  password: string;
  /** who must choose their own password at first sign-in */
  mustChangePassword(user: UserPlan): boolean;
}

/** Each account's SM2 key pair, made first: districts sign with the private halves. */
export function withKeys(plans: readonly UserPlan[]): SeedUser[] {
  return plans.map((plan) => ({ ...plan, ...generateSm2KeyPair() }));
}

/**
 * Accounts as UserService would create them (scrypt hash, SM2 key sealed by the password, a key
 * history from creation). Password hashes, salts and keys are random by nature: they are the
 * fields the determinism check leaves out.
 */
export async function accountDocs(users: readonly SeedUser[], credentials: UserCredentials, createdAt: number, adminId: string): Promise<UserDoc[]> {
  const docs: UserDoc[] = [];
  // scrypt is memory-hard (~0.2 s each); running several at once gains nothing on two cores
  for (const user of users) {
    docs.push({
      id: user.id,
      unitId: user.unitId,
      login: user.login,
      loginKey: user.login.toLowerCase(),
      name: user.name,
      roles: [...user.roles],
      disabled: false,
      disabledReason: null,
      passwordHash: await hashPassword(credentials.password),
      passwordChangedAt: createdAt,
      mustChangePassword: credentials.mustChangePassword(user),
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: null,
      publicKey: user.publicKey,
      wrappedPrivateKey: await sealWithPassword(utf8ToBytes(user.privateKey), credentials.password, SIGNING_KEY_PURPOSE),
      keyHistory: startKeyHistory(user.publicKey, createdAt),
      createdBy: user.id === adminId ? user.id : adminId,
      createdAt,
      updatedAt: createdAt,
    });
  }
  return docs;
}

/** The data key sealed for every generated user, so each one's sign-in opens encrypted fields. */
export async function grantDataKey(
  keyring: DataKeyring,
  dataKey: Uint8Array,
  users: readonly SeedUser[],
  password: string,
  adminId: string,
): Promise<void> {
  // the keyring document is read and rewritten per grant, so grants run one after another
  for (const user of users) {
    if (user.id === adminId) continue;
    await keyring.grantToUser(user.unitId, user.id, password, dataKey, adminId);
  }
}

/** One audit event per account, worded as UserService words its own. */
export async function auditUserCreation(audit: AuditLog, docs: readonly UserDoc[], admin: { id: string; name: string }, note: string): Promise<void> {
  for (const user of docs) {
    await audit.appendLocked({
      unitId: user.unitId,
      actor: admin,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      summary: `新建用户 ${user.name}（${user.login}），角色：${user.roles.map((r) => ROLE_LABELS[r]).join('、')}（${note}）`,
      payload: { login: user.login, name: user.name, roles: user.roles, unitId: user.unitId, publicKey: user.publicKey },
    });
  }
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrapPrivateKey } from '../../../electron/core/auth/user-keys';
import { sm2PublicKeyFromPrivate } from '../../../shared/crypto';
import { ADMIN_PASSWORD, SETUP_INPUT, startTestCore, typed, valueOf, type TestCore, type TypedCaller } from '../../support/test-core';

const PW = 'Init#2026a';

describe('user administration', () => {
  let t: TestCore;
  let admin: TypedCaller;
  beforeEach(async () => {
    t = await startTestCore();
    admin = typed(t.core.connect('direct'));
    valueOf(await admin.call('setup.initialize', SETUP_INPUT));
    valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
  });
  afterEach(async () => t.close());

  it('refuses a taken login (any case), a role set that breaks separation of duties, and a mismatched confirmation', async () => {
    expect(await admin.call('users.create', { login: 'Admin', name: '重复', roles: ['auditor'], password: PW, passwordConfirm: PW })).toMatchObject({
      ok: false,
      error: { code: 'LOGIN_TAKEN', field: 'login' },
    });
    expect(
      await admin.call('users.create', { login: 'boss', name: '兼任', roles: ['admin', 'finance'], password: PW, passwordConfirm: PW }),
    ).toMatchObject({ ok: false, error: { code: 'ROLE_CONFLICT', field: 'roles' } });
    expect(await admin.call('users.create', { login: 'x1x', name: '某', roles: ['finance'], password: PW, passwordConfirm: 'Other#2026' })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_MISMATCH', field: 'passwordConfirm' },
    });
    expect(await admin.call('users.create', { login: '1bad', name: '某', roles: ['finance'], password: PW, passwordConfirm: PW })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'login' },
    });
    expect(valueOf(await admin.call('users.list', {}))).toHaveLength(1);
  });

  it('disables without deleting: the user cannot sign in, their open session ends, and the audit chain says why', async () => {
    const created = valueOf(await admin.call('users.create', { login: 'liu', name: '刘会计', roles: ['finance'], password: PW, passwordConfirm: PW }));
    const liu = typed(t.core.connect('direct'));
    valueOf(await liu.call('auth.login', { login: 'liu', password: PW }));
    expect(await admin.call('users.disable', { userId: created.id, reason: '' })).toMatchObject({ ok: false, error: { field: 'reason' } });
    const disabled = valueOf(await admin.call('users.disable', { userId: created.id, reason: '调离本单位' }));
    expect(disabled).toMatchObject({ disabled: true, disabledReason: '调离本单位' });
    expect((await liu.call('auth.me', {})).ok).toBe(false);
    expect(await liu.call('auth.login', { login: 'liu', password: PW })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
    expect(valueOf(await admin.call('users.list', {})).map((u) => u.login)).toContain('liu');
    const events = valueOf(await admin.call('audit.events', { limit: 20 })).events;
    expect(events.find((e) => e.action === 'user.disable')?.summary).toContain('调离本单位');
    valueOf(await admin.call('users.enable', { userId: created.id, reason: '返岗' }));
    expect((await liu.call('auth.login', { login: 'liu', password: PW })).ok).toBe(true);
  });

  it('never lets the last administrator be disabled, demoted or disable themself', async () => {
    const me = valueOf(await admin.call('auth.me', {})).user;
    expect(await admin.call('users.disable', { userId: me.id, reason: '测试停用' })).toMatchObject({ ok: false, error: { code: 'SELF_DISABLE' } });
    expect(await admin.call('users.setRoles', { userId: me.id, roles: ['auditor'] })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
  });

  it('re-roles a user with the change in the audit chain', async () => {
    const created = valueOf(await admin.call('users.create', { login: 'zhao', name: '赵', roles: ['projectLead'], password: PW, passwordConfirm: PW }));
    const updated = valueOf(await admin.call('users.setRoles', { userId: created.id, roles: ['projectLead', 'leader'] }));
    expect(updated.roles).toEqual(['projectLead', 'leader']);
    const event = valueOf(await admin.call('audit.events', { limit: 5 })).events[0];
    expect(event?.action).toBe('user.setRoles');
    expect(event?.summary).toContain('项目负责人 → 项目负责人、分管领导');
  });

  it("seals each user's SM2 private key under their password, and re-seals it when they change it", async () => {
    const created = valueOf(await admin.call('users.create', { login: 'sun', name: '孙', roles: ['leader'], password: PW, passwordConfirm: PW }));
    const before = await t.core.services.db.users.findOne(created.id).exec();
    const privateKey = await unwrapPrivateKey(before?.wrappedPrivateKey ?? '', PW);
    expect(sm2PublicKeyFromPrivate(privateKey)).toBe(before?.publicKey);
    await expect(unwrapPrivateKey(before?.wrappedPrivateKey ?? '', 'Wrong#2026')).rejects.toThrow();
    const sun = typed(t.core.connect('direct'));
    valueOf(await sun.call('auth.login', { login: 'sun', password: PW }));
    valueOf(await sun.call('auth.changePassword', { currentPassword: PW, newPassword: 'Next#2026b', newPasswordConfirm: 'Next#2026b' }));
    const after = await t.core.services.db.users.findOne(created.id).exec();
    expect(await unwrapPrivateKey(after?.wrappedPrivateKey ?? '', 'Next#2026b')).toBe(privateKey);
  });
});

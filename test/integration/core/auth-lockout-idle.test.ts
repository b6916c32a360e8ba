import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, SETUP_INPUT, startTestCore, typed, valueOf, type TestCore } from '../../support/test-core';

describe('sign-in security (R11)', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
    valueOf(await typed(t.core.connect('direct')).call('setup.initialize', SETUP_INPUT));
  });
  afterEach(async () => t.close());

  it('locks the account on the fifth wrong password for 15 minutes, then lets the right one in', async () => {
    const api = typed(t.core.connect('direct'));
    for (let i = 1; i <= 4; i += 1) {
      const answer = await api.call('auth.login', { login: 'admin', password: `Wrong#${i}pass` });
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
      if (!answer.ok) expect(answer.error.message).toContain(`再错 ${5 - i} 次`);
    }
    const fifth = await api.call('auth.login', { login: 'admin', password: 'Wrong#5pass' });
    expect(fifth).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    if (!fifth.ok) expect(fifth.error.message).toContain('15 分钟');
    // while locked even the right password is refused
    expect(await api.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    t.clock.advance(14 * 60_000);
    expect(await api.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD })).toMatchObject({ ok: false });
    t.clock.advance(61_000);
    expect((await api.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD })).ok).toBe(true);
    const audit = valueOf(await api.call('audit.events', { limit: 50 }));
    const actions = audit.events.map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.loginFailed')).toHaveLength(4);
    expect(actions).toContain('auth.locked');
    expect(actions[0]).toBe('auth.login');
  });

  it('ends a session idle for more than 15 minutes, and keeps an active one alive', async () => {
    const api = typed(t.core.connect('direct'));
    valueOf(await api.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    t.clock.advance(14 * 60_000);
    expect((await api.call('auth.me', {})).ok).toBe(true);
    t.clock.advance(14 * 60_000);
    expect((await api.call('auth.me', {})).ok).toBe(true);
    t.clock.advance(15 * 60_000 + 1);
    expect(await api.call('auth.me', {})).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } });
    expect(await api.call('auth.me', {})).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
  });

  it('stores no password and no private key in clear', async () => {
    const doc = await t.core.services.db.users.findOne({ selector: { loginKey: 'admin' } }).exec();
    expect(doc?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(doc?.passwordHash).not.toContain(ADMIN_PASSWORD);
    expect(doc?.wrappedPrivateKey.startsWith('sm4seal-v1$')).toBe(true);
  });

  it('makes a user whose password was set by an administrator change it before anything else', async () => {
    const admin = typed(t.core.connect('direct'));
    valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    valueOf(
      await admin.call('users.create', { login: 'zhang', name: '张工', roles: ['projectLead'], password: 'Init#2026a', passwordConfirm: 'Init#2026a' }),
    );
    const user = typed(t.core.connect('direct'));
    const session = valueOf(await user.call('auth.login', { login: 'zhang', password: 'Init#2026a' }));
    expect(session.user.mustChangePassword).toBe(true);
    expect(await user.call('system.info', {})).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    expect(
      await user.call('auth.changePassword', { currentPassword: 'Init#2026a', newPassword: 'short', newPasswordConfirm: 'short' }),
    ).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD', field: 'newPassword' } });
    expect(
      await user.call('auth.changePassword', { currentPassword: 'Bad#2026aa', newPassword: 'Next#2026b', newPasswordConfirm: 'Next#2026b' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS', field: 'currentPassword' } });
    valueOf(await user.call('auth.changePassword', { currentPassword: 'Init#2026a', newPassword: 'Next#2026b', newPasswordConfirm: 'Next#2026b' }));
    expect((await user.call('system.info', {})).ok).toBe(true);
  });
});

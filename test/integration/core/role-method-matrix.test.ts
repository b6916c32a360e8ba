import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, TOPICS, type Access } from '../../../shared/api';
import { ROLES, type Role } from '../../../shared/domain/roles';
import type { ErrorBody } from '../../../shared/errors';
import { ADMIN_PASSWORD, SETUP_INPUT, startTestCore, typed, valueOf, type TestCore } from '../../support/test-core';

function allowed(access: Access, role: Role): boolean {
  return access.kind !== 'roles' || access.roles.includes(role);
}

/** Every method and topic, called by every role: FORBIDDEN exactly where the contract says so. */
describe('role × method authorization matrix', () => {
  let t: TestCore;
  const sessions = new Map<Role, ReturnType<typeof typed> & { raw: ReturnType<TestCore['core']['connect']> }>();

  beforeAll(async () => {
    t = await startTestCore();
    const admin = typed(t.core.connect('direct'));
    valueOf(await admin.call('setup.initialize', SETUP_INPUT));
    valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    for (const role of ROLES) {
      const login = `m_${role}`.toLowerCase();
      valueOf(await admin.call('users.create', { login, name: role, roles: [role], password: 'Init#2026a', passwordConfirm: 'Init#2026a' }));
      const raw = t.core.connect('direct');
      const api = typed(raw);
      valueOf(await api.call('auth.login', { login, password: 'Init#2026a' }));
      valueOf(await api.call('auth.changePassword', { currentPassword: 'Init#2026a', newPassword: 'Next#2026b', newPasswordConfirm: 'Next#2026b' }));
      sessions.set(role, Object.assign(api, { raw }));
    }
  }, 120_000);
  afterAll(async () => t.close());

  const methods = Object.entries(API).filter(([name]) => name !== 'auth.logout');

  it.each(ROLES)('role %s gets FORBIDDEN exactly for the methods not granted to it', async (role) => {
    const session = sessions.get(role);
    if (!session) throw new Error('no session');
    for (const [name, spec] of methods) {
      const answer = await session.raw.call(name, {});
      const forbidden = !answer.ok && answer.error.code === 'FORBIDDEN';
      expect({ name, role, forbidden }).toEqual({ name, role, forbidden: !allowed(spec.access, role) });
    }
  });

  it('refuses every non-public method and topic to a connection that has not signed in', async () => {
    const anonymous = t.core.connect('direct');
    for (const [name, spec] of Object.entries(API)) {
      if (spec.access.kind === 'public') continue;
      const answer = await anonymous.call(name, {});
      expect({ name, code: answer.ok ? 'ok' : answer.error.code }).toEqual({ name, code: 'NOT_AUTHENTICATED' });
    }
    for (const name of Object.keys(TOPICS)) {
      const error = await new Promise<ErrorBody>((resolve) => anonymous.subscribe(name, {}, () => undefined, resolve));
      expect({ name, code: error.code }).toEqual({ name, code: 'NOT_AUTHENTICATED' });
    }
  });

  it.each(ROLES)('role %s may subscribe exactly to the topics granted to it', async (role) => {
    const session = sessions.get(role);
    if (!session) throw new Error('no session');
    for (const [name, spec] of Object.entries(TOPICS)) {
      const outcome = await new Promise<string>((resolve) => {
        const stop = session.raw.subscribe(
          name,
          {},
          () => {
            stop();
            resolve('data');
          },
          (e) => resolve(e.code),
        );
      });
      expect({ name, role, outcome }).toEqual({ name, role, outcome: allowed(spec.access, role) ? 'data' : 'FORBIDDEN' });
    }
  });

  it('every role can sign out', async () => {
    for (const role of ROLES) {
      const session = sessions.get(role);
      expect((await session?.call('auth.logout', {}))?.ok).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import type { ErrorBody } from '../../../shared/errors';
import { ADMIN_PASSWORD, SETUP_INPUT, startTestCore, type TestCore } from '../../support/test-core';

/** What every transport offers a client: the RawBridge of shared/api plus a way to hang up. */
export interface ClientTransport {
  call(method: string, params: unknown): Promise<unknown>;
  subscribe(topic: string, params: unknown, onData: (data: unknown) => void, onError: (error: unknown) => void): () => void;
  close(): Promise<void> | void;
}

export interface TransportFixture {
  core: TestCore;
  /** a new client connection (a new window, a new tab) */
  connect(): Promise<ClientTransport>;
  stop(): Promise<void>;
}

export type MakeFixture = (core: TestCore) => Promise<TransportFixture>;

function envelope(value: unknown): Envelope<Record<string, unknown>> {
  return value as Envelope<Record<string, unknown>>;
}

function errorOf(value: unknown): ErrorBody {
  const e = envelope(value);
  if (e.ok) throw new Error(`expected an error, got ${JSON.stringify(e.value).slice(0, 200)}`);
  return e.error;
}

function waitFor<T>(predicate: (items: T[]) => boolean, items: T[], timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (predicate(items)) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out; saw ${JSON.stringify(items).slice(0, 300)}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

/** The same API behaviour, asserted over every transport (DESIGN.md: a contract test). */
export function apiSuite(name: string, makeFixture: MakeFixture): void {
  describe(`API contract over ${name}`, () => {
    async function withFixture(body: (fixture: TransportFixture, client: ClientTransport) => Promise<void>): Promise<void> {
      const core = await startTestCore();
      const fixture = await makeFixture(core);
      const client = await fixture.connect();
      try {
        await body(fixture, client);
      } finally {
        await client.close();
        await fixture.stop();
        await core.close();
      }
    }

    it('answers unknown methods and bad params with the envelope, and stays usable', async () => {
      await withFixture(async (_f, client) => {
        expect(errorOf(await client.call('no.such.method', {})).code).toBe('UNKNOWN_METHOD');
        const bad = errorOf(await client.call('auth.login', { login: 42 }));
        expect(bad.code).toBe('VALIDATION_FAILED');
        expect(bad.field).toBe('login');
        const status = envelope(await client.call('setup.status', {}));
        expect(status).toEqual({ ok: true, value: { initialized: false, unitName: null, demoDataPresent: false, demoRemovalPending: false } });
      });
    });

    it('sets up once, with precise errors for bad input and nothing half-written', async () => {
      await withFixture(async (_f, client) => {
        const badUscc = errorOf(await client.call('setup.initialize', { ...SETUP_INPUT, unit: { ...SETUP_INPUT.unit, uscc: '91350100M000100Y44' } }));
        expect(badUscc.code).toBe('INVALID_USCC');
        expect(badUscc.field).toBe('unit.uscc');
        const weak = errorOf(
          await client.call('setup.initialize', { ...SETUP_INPUT, admin: { ...SETUP_INPUT.admin, password: 'short', passwordConfirm: 'short' } }),
        );
        expect(weak).toMatchObject({ code: 'WEAK_PASSWORD', field: 'admin.password' });
        expect(envelope(await client.call('setup.status', {}))).toMatchObject({ ok: true, value: { initialized: false } });
        expect(envelope(await client.call('setup.initialize', SETUP_INPUT)).ok).toBe(true);
        expect(errorOf(await client.call('setup.initialize', SETUP_INPUT)).code).toBe('ALREADY_SET_UP');
        expect(envelope(await client.call('setup.status', {}))).toMatchObject({ ok: true, value: { initialized: true, unitName: '示例县财政局' } });
      });
    });

    it('refuses signed-in methods without a session, then serves them after login and not after logout', async () => {
      await withFixture(async (_f, client) => {
        await client.call('setup.initialize', SETUP_INPUT);
        expect(errorOf(await client.call('users.list', {})).code).toBe('NOT_AUTHENTICATED');
        expect(errorOf(await client.call('auth.login', { login: 'admin', password: 'Wrong#Pass1' })).code).toBe('INVALID_CREDENTIALS');
        const login = envelope(await client.call('auth.login', { login: 'ADMIN', password: ADMIN_PASSWORD }));
        expect(login.ok).toBe(true);
        const users = envelope(await client.call('users.list', {}));
        expect(users.ok && Array.isArray(users.value) && users.value.length).toBe(1);
        expect(envelope(await client.call('auth.logout', {})).ok).toBe(true);
        expect(errorOf(await client.call('users.list', {})).code).toBe('NOT_AUTHENTICATED');
      });
    });

    it('keeps sessions per connection: a second client is not signed in by the first', async () => {
      await withFixture(async (fixture, client) => {
        await client.call('setup.initialize', SETUP_INPUT);
        const login = envelope(await client.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
        const other = await fixture.connect();
        try {
          expect(errorOf(await other.call('auth.me', {})).code).toBe('NOT_AUTHENTICATED');
          const token = login.ok ? (login.value['sessionToken'] as string) : '';
          expect(envelope(await other.call('auth.resume', { sessionToken: token })).ok).toBe(true);
          expect(envelope(await other.call('auth.me', {})).ok).toBe(true);
        } finally {
          await other.close();
        }
      });
    });

    it('streams a live view: the user list is pushed again when a user is created', async () => {
      await withFixture(async (_f, client) => {
        await client.call('setup.initialize', SETUP_INPUT);
        const refused: unknown[] = [];
        const stopEarly = client.subscribe('users.changed', {}, () => undefined, (e) => refused.push(e));
        await waitFor((items) => items.length === 1, refused);
        expect((refused[0] as ErrorBody).code).toBe('NOT_AUTHENTICATED');
        stopEarly();
        await client.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD });
        const lists: unknown[][] = [];
        const stop = client.subscribe('users.changed', {}, (data) => lists.push(data as unknown[]), () => undefined);
        await waitFor((items) => items.some((l) => l.length === 1), lists);
        const created = envelope(
          await client.call('users.create', {
            login: 'zhangsan',
            name: '张三',
            roles: ['projectLead'],
            password: 'Xm#2026pay',
            passwordConfirm: 'Xm#2026pay',
          }),
        );
        expect(created.ok).toBe(true);
        await waitFor((items) => items.some((l) => l.length === 2), lists);
        stop();
        const after = lists.length;
        await client.call('users.create', { login: 'lisi', name: '李四', roles: ['finance'], password: 'Xm#2026pay', passwordConfirm: 'Xm#2026pay' });
        await new Promise((r) => setTimeout(r, 200));
        expect(lists.length).toBe(after);
      });
    });
  });
}

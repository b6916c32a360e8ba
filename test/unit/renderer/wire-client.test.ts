import { describe, expect, it } from 'vitest';
import { WireClient } from '../../../renderer/src/api/wire-client';
import { coreSocketUrl } from '../../../renderer/src/api/wire-socket';
import { fakeSocketFactory, flush, ManualTimers, type FakeSocket } from './fake-socket';

const LOST = { code: 'CONNECTION_LOST' as const, message: '连接已中断' };

type Options = ConstructorParameters<typeof WireClient>[0];

function setup(onReconnected?: Options['onReconnected'], hostAnswers?: Options['hostAnswers']) {
  const { factory, sockets } = fakeSocketFactory();
  const timers = new ManualTimers();
  const client = new WireClient({
    url: 'ws://127.0.0.1:5000/api?token=t',
    openSocket: factory,
    connectionLostError: () => LOST,
    onReconnected,
    hostAnswers,
    timers,
    delayMs: (attempt) => 100 * (attempt + 1),
    queueTimeoutMs: 5_000,
  });
  client.start();
  const socket = (index: number): FakeSocket => {
    const s = sockets[index];
    if (!s) throw new Error(`no socket #${index}`);
    return s;
  };
  return { client, sockets, socket, timers };
}

describe('WireClient', () => {
  it('builds the socket URL from the host and the launch token', () => {
    expect(coreSocketUrl('127.0.0.1:4173', 'a b+c')).toBe('ws://127.0.0.1:4173/api?token=a%20b%2Bc');
  });

  it('queues calls until the socket opens, then answers them by id', async () => {
    const { client, socket } = setup();
    expect(client.getState().status).toBe('connecting');
    const answer = client.call('setup.status', {});
    expect(socket(0).sent).toEqual([]);
    socket(0).open();
    await flush();
    expect(client.getState().status).toBe('online');
    expect(socket(0).sent).toEqual([{ t: 'call', id: 1, method: 'setup.status', params: {} }]);
    socket(0).receive({ t: 'result', id: 1, envelope: { ok: true, value: { initialized: true } } });
    await expect(answer).resolves.toEqual({ ok: true, value: { initialized: true } });
  });

  it('matches results to calls even when they arrive out of order', async () => {
    const { client, socket } = setup();
    socket(0).open();
    await flush();
    const first = client.call('a', 1);
    const second = client.call('b', 2);
    socket(0).receive({ t: 'result', id: 2, envelope: { ok: true, value: 'B' } });
    socket(0).receive({ t: 'result', id: 1, envelope: { ok: true, value: 'A' } });
    await expect(first).resolves.toEqual({ ok: true, value: 'A' });
    await expect(second).resolves.toEqual({ ok: true, value: 'B' });
  });

  it('ignores frames it cannot read or route', async () => {
    const { client, socket } = setup();
    socket(0).open();
    await flush();
    const pending = client.call('a', {});
    socket(0).receive('not json');
    socket(0).receive({ t: 'protocolError', error: { code: 'BAD_REQUEST', message: 'x' } });
    socket(0).receive({ t: 'result', id: 999, envelope: { ok: true, value: 1 } });
    socket(0).receive({ t: 'result', id: 1, envelope: { ok: true, value: 'fine' } });
    await expect(pending).resolves.toEqual({ ok: true, value: 'fine' });
  });

  it('streams events and errors to the subscription by id, and unsubscribes', async () => {
    const { client, socket } = setup();
    socket(0).open();
    await flush();
    const data: unknown[] = [];
    const errors: unknown[] = [];
    const stop = client.subscribe('users.changed', {}, (d) => data.push(d), (e) => errors.push(e));
    expect(socket(0).sent).toEqual([{ t: 'sub', id: 1, topic: 'users.changed', params: {} }]);
    socket(0).receive({ t: 'event', id: 1, data: [{ login: 'a' }] });
    socket(0).receive({ t: 'subError', id: 1, error: { code: 'FORBIDDEN', message: '无权' } });
    expect(data).toEqual([[{ login: 'a' }]]);
    expect(errors).toEqual([{ code: 'FORBIDDEN', message: '无权' }]);
    stop();
    expect(socket(0).sent.at(-1)).toEqual({ t: 'unsub', id: 1 });
    socket(0).receive({ t: 'event', id: 1, data: 'late' });
    expect(data).toHaveLength(1);
  });

  it('fails in-flight calls when the socket drops (never retries a write blindly)', async () => {
    const { client, socket, sockets } = setup();
    socket(0).open();
    await flush();
    const pending = client.call('users.create', { login: 'x' });
    socket(0).drop();
    await expect(pending).resolves.toEqual({ ok: false, error: LOST });
    expect(client.getState().status).toBe('offline');
    expect(sockets).toHaveLength(1);
  });

  it('reconnects with back-off, resumes the session first, then re-sends subscriptions and queued calls', async () => {
    const resumed: unknown[] = [];
    const { client, socket, sockets, timers } = setup(async (callNow) => {
      resumed.push(await callNow('auth.resume', { sessionToken: 's1' }));
    });
    socket(0).open();
    await flush();
    client.subscribe('system.status', {}, () => undefined, () => undefined);
    socket(0).drop();
    expect(client.getState()).toMatchObject({ status: 'offline', retryAt: timers.now() + 100 });

    const queued = client.call('auth.me', {});
    timers.advance(99);
    expect(sockets).toHaveLength(1);
    timers.advance(1);
    expect(sockets).toHaveLength(2);
    expect(client.getState().status).toBe('connecting');

    socket(1).open();
    await flush();
    // Only the resume goes out until it is answered.
    expect(socket(1).sent).toEqual([{ t: 'call', id: 3, method: 'auth.resume', params: { sessionToken: 's1' } }]);
    socket(1).receive({ t: 'result', id: 3, envelope: { ok: true, value: 'session' } });
    await flush();
    expect(resumed).toEqual([{ ok: true, value: 'session' }]);
    expect(socket(1).sent.slice(1)).toEqual([
      { t: 'sub', id: 1, topic: 'system.status', params: {} },
      { t: 'call', id: 2, method: 'auth.me', params: {} },
    ]);
    expect(client.getState().status).toBe('online');
    socket(1).receive({ t: 'result', id: 2, envelope: { ok: true, value: 'me' } });
    await expect(queued).resolves.toEqual({ ok: true, value: 'me' });
  });

  it('backs off longer after each failed attempt and resets after a success', async () => {
    const { socket, sockets, timers } = setup();
    socket(0).drop();
    timers.advance(100);
    expect(sockets).toHaveLength(2);
    socket(1).drop();
    timers.advance(199);
    expect(sockets).toHaveLength(2);
    timers.advance(1);
    expect(sockets).toHaveLength(3);
    socket(2).open();
    await flush();
    socket(2).drop();
    timers.advance(100);
    expect(sockets).toHaveLength(4);
  });

  it('gives up when the host refuses the launch token before any connection', () => {
    const { client, socket, timers } = setup();
    const pending = client.call('setup.status', {});
    socket(0).drop(4401);
    expect(client.getState().status).toBe('rejected');
    expect(timers.pending).toBe(0);
    return expect(pending).resolves.toEqual({ ok: false, error: LOST });
  });

  it('fails a queued call that waited too long for the connection', async () => {
    const { client, timers } = setup();
    const pending = client.call('setup.status', {});
    timers.advance(5_000);
    await expect(pending).resolves.toEqual({ ok: false, error: LOST });
  });

  it('notifies state listeners and stops for good', async () => {
    const { client, socket, timers } = setup();
    const seen: string[] = [];
    client.onStateChange(() => seen.push(client.getState().status));
    socket(0).open();
    await flush();
    client.stop();
    expect(socket(0).closed).toBe(true);
    socket(0).drop();
    expect(timers.pending).toBe(0);
    expect(seen).toEqual(['online', 'offline']);
  });

  it('treats a refused upgrade while the page host answers as a refused token', async () => {
    let hostUp = false;
    const { client, socket, sockets, timers } = setup(undefined, async () => hostUp);
    socket(0).drop(1006);
    await flush();
    // Host down (still starting): keep retrying.
    expect(client.getState().status).toBe('offline');
    timers.advance(100);
    expect(sockets).toHaveLength(2);
    hostUp = true;
    const pending = client.call('setup.status', {});
    socket(1).drop(1006);
    await flush();
    expect(client.getState().status).toBe('rejected');
    expect(timers.pending).toBe(0);
    await expect(pending).resolves.toEqual({ ok: false, error: LOST });
  });

  it('does not probe after a socket that was open drops', async () => {
    let probes = 0;
    const { client, socket } = setup(undefined, async () => {
      probes += 1;
      return true;
    });
    socket(0).open();
    await flush();
    socket(0).drop(1006);
    await flush();
    expect(probes).toBe(0);
    expect(client.getState().status).toBe('offline');
  });
});

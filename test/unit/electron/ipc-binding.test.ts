import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppUrlCheck } from '../../../electron/main/app-url';
import { bindCoreToIpc } from '../../../electron/main/ipc-binding';
import { createIpcBridge } from '../../../electron/preload/ipc-bridge';
import { FakeCore } from './fake-core';
import { createIpcHarness, FakeElectronIpc, flushIpc, STUB_RENDERER_DIR, type IpcHarness } from '../../support/ipc-stub';

const BAD_REQUEST = { ok: false, error: { code: 'BAD_REQUEST', message: '请求格式不正确' } };

let harness: IpcHarness | null = null;
const quiet = { log: () => undefined };

function open(core: FakeCore): IpcHarness {
  harness = createIpcHarness(core, { ...quiet, isTrustedUrl: createAppUrlCheck(STUB_RENDERER_DIR) });
  return harness;
}

afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** Collects a subscription's events. */
function collector(): { data: unknown[]; errors: unknown[]; onData: (d: unknown) => void; onError: (e: unknown) => void } {
  const data: unknown[] = [];
  const errors: unknown[] = [];
  return { data, errors, onData: (d) => data.push(d), onError: (e) => errors.push(e) };
}

describe('calls over IPC', () => {
  it('goes from the bridge through bindCoreToIpc to the core and back', async () => {
    const core = new FakeCore();
    const { bridge } = open(core).openBridge();
    await expect(bridge.call('echo', { amountFen: 123456, note: '进度款' })).resolves.toEqual({
      ok: true,
      value: { amountFen: 123456, note: '进度款' },
    });
    await expect(bridge.call('no.such', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(core.connections).toHaveLength(1);
    expect(core.connections[0]?.transport).toBe('ipc');
  });

  it('creates one connection per webContents, lazily, so each window has its own session', async () => {
    const core = new FakeCore();
    const h = open(core);
    const a = h.openBridge();
    const b = h.openBridge();
    expect(core.connections).toHaveLength(0);
    await a.bridge.call('auth.login', { login: 'zhang' });
    await expect(a.bridge.call('auth.whoami', {})).resolves.toEqual({ ok: true, value: { login: 'zhang' } });
    await expect(b.bridge.call('auth.whoami', {})).resolves.toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
    expect(core.connections).toHaveLength(2);
  });

  it('answers INTERNAL when the core throws, and keeps serving', async () => {
    const core = new FakeCore();
    const { bridge } = open(core).openBridge();
    await expect(bridge.call('boom', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await expect(bridge.call('echo', 1)).resolves.toEqual({ ok: true, value: 1 });
  });

  it('turns params that cannot cross IPC into BAD_REQUEST instead of a rejection', async () => {
    const core = new FakeCore();
    const { bridge } = open(core).openBridge();
    await expect(bridge.call('echo', { callback: () => 1 })).resolves.toEqual(BAD_REQUEST);
    const sub = collector();
    bridge.subscribe('counter', { f: () => 1 }, sub.onData, sub.onError);
    await flushIpc();
    expect(sub.errors).toEqual([BAD_REQUEST.error]);
    expect(core.activeSubscriptions()).toBe(0);
  });
});

describe('subscriptions over IPC', () => {
  it('streams events until unsubscribed', async () => {
    const core = new FakeCore();
    const { bridge } = open(core).openBridge();
    const sub = collector();
    const unsubscribe = bridge.subscribe('counter', {}, sub.onData, sub.onError);
    await vi.waitFor(() => expect(sub.data).toEqual([{ value: 0 }]));
    core.bump();
    core.bump();
    await vi.waitFor(() => expect(sub.data).toEqual([{ value: 0 }, { value: 1 }, { value: 2 }]));

    unsubscribe();
    await vi.waitFor(() => expect(core.activeSubscriptions()).toBe(0));
    core.bump();
    await flushIpc();
    expect(sub.data).toHaveLength(3);
    unsubscribe(); // idempotent
  });

  it('keeps subscriptions apart and ends only the one unsubscribed', async () => {
    const core = new FakeCore();
    const { bridge } = open(core).openBridge();
    const first = collector();
    const second = collector();
    const stopFirst = bridge.subscribe('counter', {}, first.onData, first.onError);
    bridge.subscribe('counter', {}, second.onData, second.onError);
    await vi.waitFor(() => expect(core.activeSubscriptions()).toBe(2));
    stopFirst();
    await vi.waitFor(() => expect(core.activeSubscriptions()).toBe(1));
    core.bump();
    await vi.waitFor(() => expect(second.data).toEqual([{ value: 0 }, { value: 1 }]));
    expect(first.data).toEqual([{ value: 0 }]);
  });

  it('forwards subscription errors on gpm:subError', async () => {
    const core = new FakeCore();
    const { bridge } = open(core).openBridge();
    const sub = collector();
    bridge.subscribe('no.such.topic', {}, sub.onData, sub.onError);
    await vi.waitFor(() => expect(sub.errors).toMatchObject([{ code: 'UNKNOWN_METHOD' }]));
    expect(sub.data).toEqual([]);
  });

  it('keeps delivering to other subscriptions when one callback throws', async () => {
    const core = new FakeCore();
    const { bridge } = open(core).openBridge();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sub = collector();
    bridge.subscribe('counter', {}, () => {
      throw new Error('page bug');
    }, () => undefined);
    bridge.subscribe('counter', {}, sub.onData, sub.onError);
    core.bump();
    await vi.waitFor(() => expect(sub.data.length).toBeGreaterThanOrEqual(1));
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('webContents lifecycle', () => {
  it('closes the connection (and its subscriptions) when the webContents is destroyed', async () => {
    const core = new FakeCore();
    const { bridge, contents } = open(core).openBridge();
    const sub = collector();
    bridge.subscribe('counter', {}, sub.onData, sub.onError);
    await vi.waitFor(() => expect(core.activeSubscriptions()).toBe(1));
    contents.destroy();
    expect(core.connections[0]?.closed).toBe(true);
    expect(core.activeSubscriptions()).toBe(0);
    expect(() => core.bump()).not.toThrow();
  });

  it('gives a reloaded page a fresh connection: no old subscriptions, no old session', async () => {
    const core = new FakeCore();
    const { bridge, contents } = open(core).openBridge();
    await bridge.call('auth.login', { login: 'li' });
    bridge.subscribe('counter', {}, () => undefined, () => undefined);
    await vi.waitFor(() => expect(core.activeSubscriptions()).toBe(1));

    contents.navigate();
    expect(core.connections[0]?.closed).toBe(true);
    expect(core.activeSubscriptions()).toBe(0);

    const reloaded = createIpcBridge(contents.ipcRenderer);
    await expect(reloaded.call('auth.whoami', {})).resolves.toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
    const sub = collector();
    reloaded.subscribe('counter', {}, sub.onData, sub.onError);
    await vi.waitFor(() => expect(sub.data).toEqual([{ value: 0 }]));
    expect(core.connections).toHaveLength(2);
    // One pair of lifecycle listeners per webContents, however often it reloads.
    contents.navigate();
    contents.navigate();
    expect(contents.listenerCount('destroyed')).toBe(1);
    expect(contents.listenerCount('did-navigate')).toBe(1);
  });
});

describe('malformed and untrusted requests', () => {
  it('answers BAD_REQUEST for a non-string method and keeps the channel working', async () => {
    const core = new FakeCore();
    const { bridge, contents } = open(core).openBridge();
    const raw = contents.ipcRenderer;
    await expect(raw.invoke('gpm:call', 42, {})).resolves.toEqual(BAD_REQUEST);
    await expect(raw.invoke('gpm:call', null)).resolves.toEqual(BAD_REQUEST);
    await expect(raw.invoke('gpm:call', { method: 'echo' }, {})).resolves.toEqual(BAD_REQUEST);
    await expect(bridge.call('echo', 'still here')).resolves.toEqual({ ok: true, value: 'still here' });
  });

  it('ignores subscriptions without an integer id and rejects non-string topics', async () => {
    const core = new FakeCore();
    const { bridge, contents } = open(core).openBridge();
    const raw = contents.ipcRenderer;
    raw.send('gpm:sub', 1.5, 'counter', {});
    raw.send('gpm:sub', '1', 'counter', {});
    raw.send('gpm:sub', 7, 123, {});
    raw.send('gpm:unsub', 'x');
    raw.send('gpm:unsub', 999);
    await flushIpc();
    expect(core.activeSubscriptions()).toBe(0);
    expect(contents.sent).toEqual([{ channel: 'gpm:subError', args: [7, BAD_REQUEST.error] }]);

    const sub = collector();
    bridge.subscribe('counter', {}, sub.onData, sub.onError);
    await vi.waitFor(() => expect(sub.data).toEqual([{ value: 0 }]));
  });

  it('replaces a subscription whose id is reused instead of leaking it', async () => {
    const core = new FakeCore();
    const { contents } = open(core).openBridge();
    contents.ipcRenderer.send('gpm:sub', 1, 'counter', {});
    contents.ipcRenderer.send('gpm:sub', 1, 'counter', {});
    await flushIpc();
    expect(core.activeSubscriptions()).toBe(1);
    contents.ipcRenderer.send('gpm:unsub', 1);
    await flushIpc();
    expect(core.activeSubscriptions()).toBe(0);
  });

  it('serves nothing to a frame that is not our renderer', async () => {
    const core = new FakeCore();
    const h = open(core);
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', `file://${STUB_RENDERER_DIR}/../../x.html`]) {
      const { bridge } = h.openBridge(url);
      await expect(bridge.call('echo', 1)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const sub = collector();
      bridge.subscribe('counter', {}, sub.onData, sub.onError);
      await vi.waitFor(() => expect(sub.errors).toMatchObject([{ code: 'FORBIDDEN' }]));
    }
    expect(core.connections).toHaveLength(0);
  });

  it('stops serving a page that navigated away from our renderer', async () => {
    const core = new FakeCore();
    const { bridge, contents } = open(core).openBridge();
    await expect(bridge.call('echo', 1)).resolves.toMatchObject({ ok: true });
    contents.navigate('https://evil.example/');
    const evil = createIpcBridge(contents.ipcRenderer);
    await expect(evil.call('echo', 1)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('bindCoreToIpc itself', () => {
  it('registers exactly the three channels and unbinds them, closing every connection', async () => {
    const core = new FakeCore();
    const ipc = new FakeElectronIpc();
    const unbind = bindCoreToIpc(ipc.ipcMain, core, quiet);
    expect(ipc.ipcMain.handlerCount()).toBe(1);
    expect(ipc.ipcMain.eventNames().sort()).toEqual(['gpm:sub', 'gpm:unsub']);

    const contents = ipc.openWebContents();
    const bridge = createIpcBridge(contents.ipcRenderer);
    await bridge.call('echo', 1);
    unbind();
    expect(ipc.ipcMain.handlerCount()).toBe(0);
    expect(ipc.ipcMain.eventNames()).toEqual([]);
    expect(core.connections[0]?.closed).toBe(true);
    // No handler any more: the bridge still answers with an envelope, never a rejection.
    await expect(bridge.call('echo', 1)).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    unbind();
  });

  it('by default trusts only file: URLs', async () => {
    const core = new FakeCore();
    const ipc = new FakeElectronIpc();
    const unbind = bindCoreToIpc(ipc.ipcMain, core, quiet);
    const web = createIpcBridge(ipc.openWebContents('http://127.0.0.1:5180/').ipcRenderer);
    await expect(web.call('echo', 1)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const app = createIpcBridge(ipc.openWebContents('file:///any/index.html').ipcRenderer);
    await expect(app.call('echo', 1)).resolves.toEqual({ ok: true, value: 1 });
    unbind();
  });
});

import { EventEmitter } from 'node:events';
import type { RawBridge } from '../../shared/api/bridge';
import type { CoreConnector } from '../../electron/core/api/core-connection';
import { bindCoreToIpc, type IpcBindingOptions, type IpcEventLike, type IpcMainLike } from '../../electron/main/ipc-binding';
import { createIpcBridge, type IpcRendererLike } from '../../electron/preload/ipc-bridge';

/*
 * An in-memory stand-in for Electron's ipcMain / ipcRenderer / webContents, faithful in the ways
 * that matter to the binding:
 *  - every message is structured-cloned (a function or class instance fails like in Electron:
 *    `send` throws synchronously, `invoke` rejects) and delivered asynchronously, in order;
 *  - `handle` allows one handler per channel; an invoke without handler, or whose handler throws,
 *    rejects with "Error invoking remote method '<channel>': …";
 *  - events carry `sender` (the webContents, with its id) and `senderFrame` (the frame URL at the
 *    time of sending, null once destroyed);
 *  - `webContents.send` after `destroy()` throws "Object has been destroyed";
 *  - `destroy()` emits 'destroyed'; `navigate()` emits 'did-navigate' and drops the old document's
 *    renderer listeners, as a reload does.
 * Exported for the contract test, which runs the API suite over IPC against the real core.
 */

/** The URL a packaged app's renderer has (file URL into dist/renderer inside app.asar). */
export const STUB_RENDERER_DIR = '/opt/govpay-desk/resources/app.asar/dist/renderer';
export const STUB_RENDERER_URL = `file://${STUB_RENDERER_DIR}/index.html`;

function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Lets queued IPC messages and the promise chains they start run to completion. */
export async function flushIpc(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await nextTick();
}

export class FakeIpcMain extends EventEmitter implements IpcMainLike {
  private readonly handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();

  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  handlerCount(): number {
    return this.handlers.size;
  }

  /** renderer → main, invoke side (called by FakeIpcRenderer) */
  async receiveInvoke(event: IpcEventLike, channel: string, args: unknown[]): Promise<unknown> {
    await nextTick();
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    let result: unknown;
    try {
      result = await handler(event, ...args);
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
    return structuredClone(result);
  }

  /** renderer → main, send side */
  receiveSend(event: IpcEventLike, channel: string, args: unknown[]): void {
    setImmediate(() => this.emit(channel, event, ...args));
  }
}

export class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  constructor(
    private readonly ipcMain: FakeIpcMain,
    private readonly contents: FakeWebContents,
  ) {
    super();
  }

  private event(): IpcEventLike {
    return {
      sender: this.contents,
      senderFrame: this.contents.isDestroyed() ? null : { url: this.contents.url },
    };
  }

  // Like Electron's, an async function: a clone failure rejects instead of throwing.
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const cloned = structuredClone(args);
    return this.ipcMain.receiveInvoke(this.event(), channel, cloned);
  }

  send(channel: string, ...args: unknown[]): void {
    const cloned = structuredClone(args);
    this.ipcMain.receiveSend(this.event(), channel, cloned);
  }

  /** main → renderer (called by FakeWebContents.send) */
  deliver(channel: string, args: unknown[]): void {
    this.emit(channel, { sender: this }, ...args);
  }
}

export class FakeWebContents extends EventEmitter {
  private destroyed = false;
  readonly ipcRenderer: FakeIpcRenderer;
  /** what was sent to the renderer, in order (for assertions) */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];

  constructor(
    readonly id: number,
    public url: string,
    ipcMain: FakeIpcMain,
  ) {
    super();
    this.ipcRenderer = new FakeIpcRenderer(ipcMain, this);
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    setImmediate(() => {
      if (!this.destroyed) this.ipcRenderer.deliver(channel, cloned);
    });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getURL(): string {
    return this.url;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
    this.ipcRenderer.removeAllListeners();
  }

  /** A committed main-frame navigation (reload when url is omitted): the old document is gone. */
  navigate(url: string = this.url): void {
    this.url = url;
    this.ipcRenderer.removeAllListeners();
    this.emit('did-navigate', {}, url, 200, 'OK');
  }
}

/** One fake "Electron process": an ipcMain plus any number of webContents. */
export class FakeElectronIpc {
  readonly ipcMain = new FakeIpcMain();
  private nextContentsId = 1;
  readonly contents: FakeWebContents[] = [];

  openWebContents(url: string = STUB_RENDERER_URL): FakeWebContents {
    const contents = new FakeWebContents(this.nextContentsId++, url, this.ipcMain);
    this.contents.push(contents);
    return contents;
  }
}

export interface IpcHarness {
  ipc: FakeElectronIpc;
  /** a new window (webContents) with the real preload bridge over it */
  openBridge(url?: string): { bridge: RawBridge; contents: FakeWebContents };
  /** destroys every webContents and unbinds the core */
  close(): Promise<void>;
}

/**
 * The full IPC path as in the application: createIpcBridge (preload) → fake IPC →
 * bindCoreToIpc (main) → the given core. The contract test passes the real core here.
 */
export function createIpcHarness(core: CoreConnector, options: IpcBindingOptions = {}): IpcHarness {
  const ipc = new FakeElectronIpc();
  const unbind = bindCoreToIpc(ipc.ipcMain, core, options);
  return {
    ipc,
    openBridge(url?: string) {
      const contents = ipc.openWebContents(url);
      return { bridge: createIpcBridge(contents.ipcRenderer), contents };
    },
    async close() {
      for (const contents of ipc.contents) contents.destroy();
      unbind();
      await flushIpc();
    },
  };
}

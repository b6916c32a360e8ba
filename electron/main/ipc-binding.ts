import type { Envelope } from '../../shared/api/envelope';
import type { ErrorBody } from '../../shared/errors/app-error';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors/error-codes';
import type { CoreConnection, CoreConnector } from '../core/api/core-connection';
import { IPC_CHANNELS } from '../preload/ipc-channels';

/** The webContents that sent a message (Electron's `event.sender`), as far as we use it. */
export interface IpcSenderLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-navigate', listener: () => void): unknown;
}

export interface IpcEventLike {
  readonly sender: IpcSenderLike;
  /** null once the frame has navigated away or is gone (Electron's `senderFrame`). */
  readonly senderFrame: { readonly url: string } | null;
}

export type IpcListener = (event: IpcEventLike, ...args: unknown[]) => void;

/** The part of Electron's `ipcMain` we use; Electron's own object satisfies it structurally. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export interface IpcBindingOptions {
  /**
   * Whether a frame URL is our own renderer. Defaults to "any file: URL"; the Electron main
   * process passes the stricter check for dist/renderer (see app-url.ts).
   */
  isTrustedUrl?: (url: string) => boolean;
  log?: (message: string, detail?: unknown) => void;
}

/** What the binding keeps per webContents: its connection and the subscriptions by client id. */
interface ClientState {
  readonly connection: CoreConnection;
  readonly subscriptions: Map<number, () => void>;
}

function errorOf(code: ErrorCode, message: string = ERROR_CODES[code]): ErrorBody {
  return { code, message };
}

function failure(code: ErrorCode, message?: string): Envelope<never> {
  return { ok: false, error: errorOf(code, message) };
}

const UNTRUSTED_MESSAGE = '请求来源不受信任';

function isSubscriptionId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Serves the core over Electron IPC, generically over the API contract: one connection per
 * webContents (so one window = one signed-in session, like one browser tab over WebSocket),
 * created on its first message. Returns the function that unbinds and closes every connection.
 */
export function bindCoreToIpc(ipcMain: IpcMainLike, core: CoreConnector, options: IpcBindingOptions = {}): () => void {
  const isTrustedUrl = options.isTrustedUrl ?? ((url: string) => url.startsWith('file:'));
  const log = options.log ?? ((message: string, detail?: unknown) => console.warn(`[ipc] ${message}`, detail ?? ''));
  const clients = new Map<number, ClientState>();
  let unbound = false;

  const dropClient = (senderId: number): void => {
    const client = clients.get(senderId);
    if (!client) return;
    clients.delete(senderId);
    client.subscriptions.clear();
    client.connection.close();
  };

  const watchedSenders = new Set<number>();

  const watch = (sender: IpcSenderLike): void => {
    // Once per webContents (not per connection), so reloads do not pile up listeners.
    if (watchedSenders.has(sender.id)) return;
    watchedSenders.add(sender.id);
    sender.once('destroyed', () => {
      watchedSenders.delete(sender.id);
      dropClient(sender.id);
    });
    // A reload or navigation starts a new document: it must not inherit the old page's
    // subscriptions or signed-in session, exactly as a reloaded browser tab opens a new socket;
    // its first message creates a fresh connection. Chromium delivers a frame's IPC in order
    // with its navigation commit, so messages of the new document arrive after this event.
    sender.on('did-navigate', () => dropClient(sender.id));
  };

  const clientFor = (sender: IpcSenderLike): ClientState => {
    const existing = clients.get(sender.id);
    if (existing) return existing;
    const client: ClientState = { connection: core.connect('ipc'), subscriptions: new Map() };
    clients.set(sender.id, client);
    watch(sender);
    return client;
  };

  /** The frame must be our own renderer; a null frame has navigated away and gets nothing. */
  const isTrusted = (event: IpcEventLike): boolean => {
    const url = event.senderFrame?.url;
    if (url !== undefined && isTrustedUrl(url)) return true;
    log('rejected IPC from untrusted frame', url ?? '(no frame)');
    return false;
  };

  const sendTo = (sender: IpcSenderLike, channel: string, ...args: unknown[]): boolean => {
    if (sender.isDestroyed()) return false;
    try {
      sender.send(channel, ...args);
      return true;
    } catch (error) {
      // Data that cannot be structured-cloned is a core bug; report it to the subscriber instead
      // of tearing down the main process.
      log(`could not send on ${channel}`, error);
      return false;
    }
  };

  const onCall = async (event: IpcEventLike, method: unknown, params: unknown): Promise<Envelope<unknown>> => {
    if (unbound) return failure('INTERNAL');
    if (!isTrusted(event)) return failure('FORBIDDEN', UNTRUSTED_MESSAGE);
    if (typeof method !== 'string') return failure('BAD_REQUEST');
    try {
      return await clientFor(event.sender).connection.call(method, params);
    } catch (error) {
      // The core answers every failure as an envelope; a throw here is a bug, not a user error.
      log(`call ${method.slice(0, 80)} threw`, error);
      return failure('INTERNAL');
    }
  };

  const onSub: IpcListener = (event, id, topic, params) => {
    if (unbound || !isTrusted(event)) {
      if (isSubscriptionId(id)) sendTo(event.sender, IPC_CHANNELS.subError, id, errorOf('FORBIDDEN', UNTRUSTED_MESSAGE));
      return;
    }
    if (!isSubscriptionId(id)) {
      // No id means nobody to answer: the renderer's bridge never sends this, so just log it.
      log('subscription without a valid id', id);
      return;
    }
    const { sender } = event;
    if (typeof topic !== 'string') {
      sendTo(sender, IPC_CHANNELS.subError, id, errorOf('BAD_REQUEST'));
      return;
    }
    const client = clientFor(sender);
    // Reusing a live id replaces the old subscription rather than leaking it.
    client.subscriptions.get(id)?.();
    const unsubscribe = client.connection.subscribe(
      topic,
      params,
      (data) => {
        if (!sendTo(sender, IPC_CHANNELS.event, id, data) && !sender.isDestroyed()) {
          sendTo(sender, IPC_CHANNELS.subError, id, errorOf('INTERNAL'));
        }
      },
      (error) => {
        sendTo(sender, IPC_CHANNELS.subError, id, error);
      },
    );
    client.subscriptions.set(id, unsubscribe);
  };

  const onUnsub: IpcListener = (event, id) => {
    if (!isSubscriptionId(id)) return;
    const client = clients.get(event.sender.id);
    const unsubscribe = client?.subscriptions.get(id);
    if (!client || !unsubscribe) return;
    client.subscriptions.delete(id);
    unsubscribe();
  };

  ipcMain.handle(IPC_CHANNELS.call, (event, method, params) => onCall(event, method, params));
  ipcMain.on(IPC_CHANNELS.sub, onSub);
  ipcMain.on(IPC_CHANNELS.unsub, onUnsub);

  return () => {
    if (unbound) return;
    unbound = true;
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeListener(IPC_CHANNELS.sub, onSub);
    ipcMain.removeListener(IPC_CHANNELS.unsub, onUnsub);
    for (const senderId of [...clients.keys()]) dropClient(senderId);
  };
}

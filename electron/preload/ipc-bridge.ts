import type { RawBridge } from '../../shared/api/bridge';
import type { Envelope } from '../../shared/api/envelope';
import type { ErrorBody } from '../../shared/errors/app-error';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors/error-codes';
import { IPC_CHANNELS } from './ipc-channels';

/**
 * The part of Electron's `ipcRenderer` the bridge uses. Kept structural so the bridge has no
 * `electron` import and runs unchanged over the in-memory stub in the unit tests.
 */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

interface SubscriptionHandlers {
  onData: (data: unknown) => void;
  onError: (error: unknown) => void;
}

function errorBodyOf(code: ErrorCode): ErrorBody {
  return { code, message: ERROR_CODES[code] };
}

function failure(code: ErrorCode): Envelope<never> {
  return { ok: false, error: errorBodyOf(code) };
}

/**
 * A renderer callback that throws must not break delivery to the other subscriptions, and the
 * error must stay visible in the renderer's console.
 */
function deliver(fn: (value: unknown) => void, value: unknown): void {
  // The page may omit onError (GpmBridge makes it optional): then the error is only logged.
  if (typeof fn !== 'function') {
    console.warn('[gpm] subscription message without handler', value);
    return;
  }
  try {
    fn(value);
  } catch (error) {
    console.error('[gpm] subscription callback failed', error);
  }
}

/**
 * Electron rejects an invoke in two ways: "Error invoking remote method …" when the main process
 * had no answer (no handler yet, handler crashed), or with the serializer's error when the params
 * could not be structured-cloned (functions, DOM nodes) — the caller's request is malformed then.
 */
function classifyInvokeFailure(error: unknown): ErrorCode {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith('Error invoking remote method') ? 'INTERNAL' : 'BAD_REQUEST';
}

/**
 * Builds `window.gpm` on top of `ipcRenderer`. Every call resolves to an envelope (never
 * rejects), so the renderer handles one error shape whatever went wrong. The returned object holds
 * only closures: nothing that exposes `ipcRenderer` itself can reach the page.
 */
export function createIpcBridge(ipc: IpcRendererLike): RawBridge {
  const subscriptions = new Map<number, SubscriptionHandlers>();
  let nextId = 1;

  // One listener per channel for all subscriptions: adding a listener per subscription would
  // trip Electron's max-listeners warning on busy screens and leak on every unsubscribe.
  ipc.on(IPC_CHANNELS.event, (_event, id, data) => {
    if (typeof id !== 'number') return;
    const handlers = subscriptions.get(id);
    if (handlers) deliver(handlers.onData, data);
  });
  ipc.on(IPC_CHANNELS.subError, (_event, id, error) => {
    if (typeof id !== 'number') return;
    const handlers = subscriptions.get(id);
    if (handlers) deliver(handlers.onError, error);
  });

  const call = async (method: string, params: unknown): Promise<unknown> => {
    try {
      return await ipc.invoke(IPC_CHANNELS.call, method, params);
    } catch (error) {
      return failure(classifyInvokeFailure(error));
    }
  };

  const subscribe = (
    topic: string,
    params: unknown,
    onData: (data: unknown) => void,
    onError: (error: unknown) => void,
  ): (() => void) => {
    const id = nextId++;
    subscriptions.set(id, { onData, onError });
    try {
      ipc.send(IPC_CHANNELS.sub, id, topic, params);
    } catch {
      subscriptions.delete(id);
      // Reported asynchronously, like every other subscription error.
      queueMicrotask(() => deliver(onError, errorBodyOf('BAD_REQUEST')));
      return () => undefined;
    }
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      subscriptions.delete(id);
      ipc.send(IPC_CHANNELS.unsub, id);
    };
  };

  return { call, subscribe };
}

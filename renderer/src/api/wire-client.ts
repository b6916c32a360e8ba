import type { RawBridge } from '../../../shared/api/bridge';
import type { ClientMessage } from '../../../shared/api/wire';
import type { ErrorBody } from '../../../shared/errors';
import type { ConnectionSource, ConnectionState } from './connection-state';
import { isRecord, toErrorBody } from './envelope-guard';
import { reconnectDelayMs } from './reconnect-delay';
import type { SocketFactory, SocketHandle } from './wire-socket';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface WireClientOptions {
  url: string;
  openSocket: SocketFactory;
  /**
   * Runs after every *re*connect, before subscriptions are re-sent and queued calls go out: a new
   * socket is a new, signed-out connection to the core, so the session must be resumed first or
   * every re-sent subscription would fail with NOT_AUTHENTICATED.
   */
  onReconnected?: (callNow: (method: string, params: unknown) => Promise<unknown>) => Promise<void>;
  /** the error given to calls whose answer was lost with the socket, or that waited too long */
  connectionLostError: () => ErrorBody;
  /**
   * Whether the host that served this page answers plain HTTP. The host refuses a wrong launch
   * token at the WebSocket upgrade, which a browser only reports as an anonymous close; a socket
   * that never opened while the host is up therefore means the token was refused.
   */
  hostAnswers?: () => Promise<boolean>;
  /** how long a call may wait for the connection before it fails (ms) */
  queueTimeoutMs?: number;
  delayMs?: (attempt: number) => number;
  timers?: Timers;
}

interface PendingCall {
  resolve: (envelope: unknown) => void;
}

interface QueuedCall extends PendingCall {
  id: number;
  method: string;
  params: unknown;
  timeout: unknown;
}

interface Subscription {
  topic: string;
  params: unknown;
  onData: (data: unknown) => void;
  onError: (error: unknown) => void;
}

/** Close codes by which the browser-mode host says the launch token is wrong. */
const REJECTED_CLOSE_CODES = new Set([1008, 4401, 4403]);

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

/**
 * The browser-mode transport: speaks shared/api/wire.ts over one WebSocket to the core, keeps
 * the subscriptions alive across reconnects and exposes the connection state to the UI.
 */
export class WireClient implements RawBridge, ConnectionSource {
  private readonly options: WireClientOptions;
  private readonly timers: Timers;
  private socket: SocketHandle | null = null;
  private ready = false;
  private everConnected = false;
  private stopped = false;
  private attempt = 0;
  private nextId = 1;
  private retryHandle: unknown = null;
  private readonly pending = new Map<number, PendingCall>();
  private readonly queue: QueuedCall[] = [];
  private readonly subscriptions = new Map<number, Subscription>();
  private readonly listeners = new Set<() => void>();
  private state: ConnectionState = { status: 'connecting', transport: 'ws', retryAt: null };

  constructor(options: WireClientOptions) {
    this.options = options;
    this.timers = options.timers ?? realTimers;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Closes for good (page unload, tests): no reconnect, waiting calls fail. */
  stop(): void {
    this.stopped = true;
    if (this.retryHandle !== null) this.timers.clearTimeout(this.retryHandle);
    this.retryHandle = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.failInFlight();
    for (const queued of this.queue.splice(0)) this.failQueued(queued);
    this.setState({ status: 'offline', transport: 'ws', retryAt: null });
  }

  getState(): ConnectionState {
    return this.state;
  }

  onStateChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  call(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (this.ready) {
        this.sendCall(id, method, params, resolve);
        return;
      }
      const queued: QueuedCall = { id, method, params, resolve, timeout: null };
      queued.timeout = this.timers.setTimeout(() => {
        const index = this.queue.indexOf(queued);
        if (index >= 0) this.queue.splice(index, 1);
        this.failQueued(queued);
      }, this.options.queueTimeoutMs ?? 15_000);
      this.queue.push(queued);
    });
  }

  subscribe(
    topic: string,
    params: unknown,
    onData: (data: unknown) => void,
    onError: (error: unknown) => void,
  ): () => void {
    const id = this.nextId++;
    this.subscriptions.set(id, { topic, params, onData, onError });
    if (this.ready) this.send({ t: 'sub', id, topic, params });
    return () => {
      if (!this.subscriptions.delete(id)) return;
      if (this.ready) this.send({ t: 'unsub', id });
    };
  }

  private connect(): void {
    this.retryHandle = null;
    this.setState({ status: 'connecting', transport: 'ws', retryAt: null });
    let wasOpen = false;
    const socket = this.options.openSocket(this.options.url, {
      onOpen: () => {
        wasOpen = true;
        if (this.socket === socket) void this.opened();
      },
      onMessage: (text) => {
        if (this.socket === socket) this.receive(text);
      },
      onClose: (code) => {
        if (this.socket === socket) this.closed(code, wasOpen);
      },
    });
    this.socket = socket;
  }

  private async opened(): Promise<void> {
    const socket = this.socket;
    const reconnect = this.everConnected;
    this.everConnected = true;
    this.attempt = 0;
    if (reconnect && this.options.onReconnected) {
      try {
        await this.options.onReconnected((method, params) => {
          if (this.socket !== socket) return Promise.resolve({ ok: false, error: this.options.connectionLostError() });
          const id = this.nextId++;
          return new Promise((resolve) => this.sendCall(id, method, params, resolve));
        });
      } catch {
        // A failed resume is reported by the hook itself; the connection is still usable.
      }
      // The socket may have dropped while the session was being resumed.
      if (this.socket !== socket) return;
    }
    this.ready = true;
    this.setState({ status: 'online', transport: 'ws', retryAt: null });
    for (const [id, sub] of this.subscriptions) this.send({ t: 'sub', id, topic: sub.topic, params: sub.params });
    for (const queued of this.queue.splice(0)) {
      this.timers.clearTimeout(queued.timeout);
      this.sendCall(queued.id, queued.method, queued.params, queued.resolve);
    }
  }

  private closed(code: number, wasOpen: boolean): void {
    this.socket = null;
    this.ready = false;
    // The core may or may not have run these; retrying a write blindly could do it twice.
    this.failInFlight();
    if (this.stopped) return;
    if (!wasOpen && REJECTED_CLOSE_CODES.has(code)) return this.reject();
    const probe = this.options.hostAnswers;
    if (!wasOpen && probe) {
      this.setState({ status: 'offline', transport: 'ws', retryAt: null });
      void probe().then(
        (up) => this.afterProbe(up),
        () => this.afterProbe(false),
      );
      return;
    }
    this.scheduleRetry();
  }

  private afterProbe(hostUp: boolean): void {
    if (this.stopped || this.socket !== null) return;
    if (hostUp) this.reject();
    else this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const delay = (this.options.delayMs ?? reconnectDelayMs)(this.attempt++);
    this.setState({ status: 'offline', transport: 'ws', retryAt: this.timers.now() + delay });
    this.retryHandle = this.timers.setTimeout(() => this.connect(), delay);
  }

  /** Final: a refused token does not become valid by retrying. */
  private reject(): void {
    for (const queued of this.queue.splice(0)) this.failQueued(queued);
    this.setState({ status: 'rejected', transport: 'ws', retryAt: null });
  }

  private receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return; // not ours to answer: a frame we cannot read has no id to route to
    }
    if (!isRecord(message) || typeof message.id !== 'number') return;
    switch (message.t) {
      case 'result': {
        const call = this.pending.get(message.id);
        this.pending.delete(message.id);
        call?.resolve(message.envelope);
        break;
      }
      case 'event':
        this.subscriptions.get(message.id)?.onData(message.data);
        break;
      case 'subError': {
        const error = toErrorBody(message.error) ?? this.options.connectionLostError();
        this.subscriptions.get(message.id)?.onError(error);
        break;
      }
      default:
        break;
    }
  }

  private sendCall(id: number, method: string, params: unknown, resolve: (envelope: unknown) => void): void {
    this.pending.set(id, { resolve });
    this.send({ t: 'call', id, method, params });
  }

  private send(message: ClientMessage): void {
    this.socket?.send(JSON.stringify(message));
  }

  private failInFlight(): void {
    const lost = { ok: false, error: this.options.connectionLostError() };
    for (const call of this.pending.values()) call.resolve(lost);
    this.pending.clear();
  }

  private failQueued(queued: QueuedCall): void {
    this.timers.clearTimeout(queued.timeout);
    queued.resolve({ ok: false, error: this.options.connectionLostError() });
  }

  private setState(next: ConnectionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

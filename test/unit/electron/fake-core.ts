import type { Envelope } from '../../../shared/api/envelope';
import { errorBody, type ErrorBody } from '../../../shared/errors';
import type { CoreConnection, CoreConnector, TransportKind } from '../../../electron/core/api/core-connection';

/**
 * A small core with the same connection semantics as the real one (per-connection session,
 * live subscriptions that push an initial value, close() ends them), so the IPC binding is
 * tested without a database.
 *   methods: echo, auth.login {login}, auth.whoami, boom (throws — a core bug)
 *   topic:   counter — {value} now and after every core.bump()
 */
export class FakeCore implements CoreConnector {
  readonly connections: FakeConnection[] = [];
  private counter = 0;
  private readonly counterListeners = new Set<(value: number) => void>();

  connect(transport: TransportKind): CoreConnection {
    const connection = new FakeConnection(this, transport, `c${this.connections.length + 1}`);
    this.connections.push(connection);
    return connection;
  }

  bump(): void {
    this.counter += 1;
    for (const listener of this.counterListeners) listener(this.counter);
  }

  current(): number {
    return this.counter;
  }

  listen(listener: (value: number) => void): () => void {
    this.counterListeners.add(listener);
    return () => this.counterListeners.delete(listener);
  }

  activeSubscriptions(): number {
    return this.counterListeners.size;
  }
}

export class FakeConnection implements CoreConnection {
  user: string | null = null;
  closed = false;
  private readonly ends = new Set<() => void>();

  constructor(
    private readonly core: FakeCore,
    readonly transport: TransportKind,
    readonly id: string,
  ) {}

  async call(method: string, params: unknown): Promise<Envelope<unknown>> {
    await Promise.resolve();
    if (this.closed) return { ok: false, error: errorBody('NOT_AUTHENTICATED', '连接已关闭') };
    switch (method) {
      case 'echo':
        return { ok: true, value: params };
      case 'auth.login': {
        const login = typeof params === 'object' && params !== null && 'login' in params ? params.login : undefined;
        if (typeof login !== 'string') return { ok: false, error: errorBody('VALIDATION_FAILED', undefined, 'login') };
        this.user = login;
        return { ok: true, value: { login } };
      }
      case 'auth.whoami':
        return this.user === null ? { ok: false, error: errorBody('NOT_AUTHENTICATED') } : { ok: true, value: { login: this.user } };
      case 'boom':
        throw new Error('core bug');
      default:
        return { ok: false, error: errorBody('UNKNOWN_METHOD') };
    }
  }

  subscribe(
    topic: string,
    _params: unknown,
    onData: (data: unknown) => void,
    onError: (error: ErrorBody) => void,
  ): () => void {
    if (this.closed || topic !== 'counter') {
      queueMicrotask(() => onError(errorBody(this.closed ? 'NOT_AUTHENTICATED' : 'UNKNOWN_METHOD')));
      return () => undefined;
    }
    const stop = this.core.listen((value) => onData({ value }));
    const initial = this.core.current();
    queueMicrotask(() => onData({ value: initial }));
    const end = (): void => {
      stop();
      this.ends.delete(end);
    };
    this.ends.add(end);
    return end;
  }

  close(): void {
    this.closed = true;
    for (const end of [...this.ends]) end();
  }
}

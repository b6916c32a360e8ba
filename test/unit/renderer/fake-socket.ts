import type { SocketFactory, SocketHandlers } from '../../../renderer/src/api/wire-socket';

/** A stand-in for the browser WebSocket: records frames, lets the test play the core's part. */
export class FakeSocket {
  readonly sent: unknown[] = [];
  closed = false;

  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  close(): void {
    this.closed = true;
  }

  open(): void {
    this.handlers.onOpen();
  }

  receive(message: unknown): void {
    this.handlers.onMessage(typeof message === 'string' ? message : JSON.stringify(message));
  }

  drop(code = 1006): void {
    this.handlers.onClose(code, '');
  }
}

export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  const factory: SocketFactory = (url, handlers) => {
    const socket = new FakeSocket(url, handlers);
    sockets.push(socket);
    return socket;
  };
  return { factory, sockets };
}

/** Manual timers: the test decides when time passes. */
export class ManualTimers {
  private time = 1_000_000;
  private nextHandle = 1;
  private readonly tasks = new Map<number, { at: number; fn: () => void }>();

  setTimeout = (fn: () => void, ms: number): unknown => {
    const handle = this.nextHandle++;
    this.tasks.set(handle, { at: this.time + ms, fn });
    return handle;
  };

  clearTimeout = (handle: unknown): void => {
    this.tasks.delete(handle as number);
  };

  now = (): number => this.time;

  /** Moves the clock forward, running every task that falls due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.tasks.entries()].filter(([, task]) => task.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.tasks.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = until;
  }

  get pending(): number {
    return this.tasks.size;
  }
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

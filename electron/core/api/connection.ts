import type { Subscription } from 'rxjs';
import { TOPICS, type Envelope, type TopicName } from '../../../shared/api';
import { errorBody, type ErrorBody } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import type { CoreConnection, TransportKind } from './core-connection';
import { checkAccess, toErrorBody, type Dispatcher, type Logger } from './dispatcher';
import type { CallContext } from './handler-types';
import { zodIssueToError } from './zod-errors';

function isTopicName(name: unknown): name is TopicName {
  return typeof name === 'string' && Object.hasOwn(TOPICS, name);
}

/** One client's view of the core: its bound session and its live subscriptions. */
export class Connection implements CoreConnection {
  readonly id = newId();
  private token: string | null = null;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly transport: TransportKind,
    private readonly logger: Logger,
    private readonly onClose: (connection: Connection) => void,
  ) {}

  private context(): Omit<CallContext, 'actor'> {
    return {
      transport: this.transport,
      bindSession: (token) => {
        this.endSubscriptions();
        this.token = token;
      },
      unbindSession: () => {
        this.endSubscriptions();
        this.token = null;
      },
      sessionToken: () => this.token,
    };
  }

  call(method: string, params: unknown): Promise<Envelope<unknown>> {
    if (this.closed) return Promise.resolve({ ok: false, error: errorBody('NOT_AUTHENTICATED', '连接已关闭') });
    return this.dispatcher.call(method, params, this.context());
  }

  subscribe(
    topic: string,
    rawParams: unknown,
    onData: (data: unknown) => void,
    onError: (error: ErrorBody) => void,
  ): () => void {
    let subscription: Subscription | null = null;
    let cancelled = false;
    const start = async (): Promise<void> => {
      if (!isTopicName(topic)) {
        onError(errorBody('UNKNOWN_METHOD', `未知的订阅主题：${String(topic).slice(0, 80)}`));
        return;
      }
      const spec = TOPICS[topic];
      try {
        const actor = await this.dispatcher.actorFor(this.token, spec.access);
        const denied = checkAccess(spec.access, actor);
        if (denied || !actor) {
          onError(denied ?? errorBody('NOT_AUTHENTICATED'));
          return;
        }
        const parsed = spec.params.safeParse(rawParams ?? {});
        if (!parsed.success) {
          onError(zodIssueToError(parsed.error));
          return;
        }
        if (cancelled || this.closed) return;
        const handler = this.dispatcher.topicHandlers[topic] as (p: unknown, a: typeof actor) => import('rxjs').Observable<unknown>;
        subscription = handler(parsed.data, actor).subscribe({
          next: (data) => onData(data),
          error: (error: unknown) => onError(toErrorBody(error, this.logger, `topic ${topic}`)),
        });
        this.subscriptions.add(subscription);
      } catch (error) {
        onError(toErrorBody(error, this.logger, `subscribe ${topic}`));
      }
    };
    void start();
    return () => {
      cancelled = true;
      if (subscription) {
        subscription.unsubscribe();
        this.subscriptions.delete(subscription);
      }
    };
  }

  boundToken(): string | null {
    return this.token;
  }

  /** The session ended elsewhere: forget it and stop every live view. */
  dropSession(): void {
    this.endSubscriptions();
    this.token = null;
  }

  private endSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions.clear();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.endSubscriptions();
    this.onClose(this);
  }
}

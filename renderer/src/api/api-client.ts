import type { GpmBridge, RawBridge } from '../../../shared/api/bridge';
import type { MethodName, MethodParams, MethodResult } from '../../../shared/api/contract';
import type { Envelope } from '../../../shared/api/envelope';
import type { TopicData, TopicName, TopicParams } from '../../../shared/api/topics';
import type { ErrorBody } from '../../../shared/errors';
import type { ConnectionSource } from './connection-state';
import { isAuthLostCode, toEnvelope, toErrorBody } from './envelope-guard';

/** The one typed client every page uses; the transport underneath is chosen at start-up. */
export interface ApiClient extends GpmBridge {
  readonly connection: ConnectionSource;
  /** Called when the core says the session is gone (timeout, or a signed-out connection). */
  onAuthLost(listener: (error: ErrorBody) => void): () => void;
  reportAuthLost(error: ErrorBody): void;
}

export interface ApiClientMessages {
  malformed: () => string;
}

/**
 * Methods whose NOT_AUTHENTICATED / SESSION_EXPIRED answers are part of their normal flow
 * (signing in, resuming): they must not bounce the user to the login page a second time.
 */
const SESSION_METHODS = new Set<string>(['auth.login', 'auth.resume', 'auth.logout', 'setup.status', 'setup.initialize']);

export function createApiClient(raw: RawBridge, connection: ConnectionSource, messages: ApiClientMessages): ApiClient {
  const authLostListeners = new Set<(error: ErrorBody) => void>();

  const reportAuthLost = (error: ErrorBody): void => {
    for (const listener of authLostListeners) listener(error);
  };

  const toError = (raw: unknown): ErrorBody => toErrorBody(raw) ?? { code: 'INTERNAL', message: messages.malformed() };

  return {
    connection,
    reportAuthLost,
    onAuthLost(listener) {
      authLostListeners.add(listener);
      return () => authLostListeners.delete(listener);
    },
    async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<Envelope<MethodResult<M>>> {
      let envelope: Envelope<unknown>;
      try {
        envelope = toEnvelope(await raw.call(method, params), messages.malformed());
      } catch (thrown) {
        // A bridge that throws (IPC torn down) is answered like any other failure.
        const message = thrown instanceof Error && thrown.message ? thrown.message : messages.malformed();
        envelope = { ok: false, error: { code: 'CONNECTION_LOST', message } };
      }
      if (!envelope.ok && isAuthLostCode(envelope.error.code) && !SESSION_METHODS.has(method)) {
        reportAuthLost(envelope.error);
      }
      // The core parses every result against the same contract before answering, so the
      // value has the contract's result type; the renderer does not re-validate it.
      return envelope as Envelope<MethodResult<M>>;
    },
    subscribe<T extends TopicName>(
      topic: T,
      params: TopicParams<T>,
      onData: (data: TopicData<T>) => void,
      onError?: (error: ErrorBody) => void,
    ): () => void {
      return raw.subscribe(
        topic,
        params,
        (data) => onData(data as TopicData<T>),
        (rawError) => {
          const error = toError(rawError);
          if (isAuthLostCode(error.code)) reportAuthLost(error);
          onError?.(error);
        },
      );
    },
  };
}

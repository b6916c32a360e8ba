import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { TopicData, TopicName, TopicParams } from '../../../shared/api/topics';
import type { ErrorBody } from '../../../shared/errors';
import type { ApiClient } from './api-client';
import type { ConnectionState } from './connection-state';
import type { SessionTokenStore } from './session-token';

interface ApiContextValue {
  client: ApiClient;
  sessionTokens: SessionTokenStore;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider(props: ApiContextValue & { children: ReactNode }) {
  const { client, sessionTokens, children } = props;
  return <ApiContext.Provider value={{ client, sessionTokens }}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('ApiProvider is missing above this component');
  return value;
}

export function useApi(): ApiClient {
  return useApiContext().client;
}

export function useSessionTokens(): SessionTokenStore {
  return useApiContext().sessionTokens;
}

export function useConnectionState(): ConnectionState {
  const { connection } = useApi();
  return useSyncExternalStore(
    (listener) => connection.onStateChange(listener),
    () => connection.getState(),
  );
}

export interface SubscriptionState<T> {
  data: T | undefined;
  error: ErrorBody | null;
}

/**
 * A live view from the core. The params object is compared by its JSON text so callers can pass
 * a literal (`{}`) without resubscribing on every render.
 */
export function useSubscription<T extends TopicName>(
  topic: T,
  params: TopicParams<T>,
  enabled = true,
): SubscriptionState<TopicData<T>> {
  const client = useApi();
  const paramsKey = JSON.stringify(params);
  const [state, setState] = useState<SubscriptionState<TopicData<T>>>({ data: undefined, error: null });

  useEffect(() => {
    if (!enabled) return undefined;
    const parsedParams = JSON.parse(paramsKey) as TopicParams<T>;
    return client.subscribe(
      topic,
      parsedParams,
      (data) => setState({ data, error: null }),
      (error) => setState((previous) => ({ data: previous.data, error })),
    );
  }, [client, topic, paramsKey, enabled]);

  return state;
}

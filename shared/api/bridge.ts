import type { Envelope } from './envelope';
import type { MethodName, MethodParams, MethodResult } from './contract';
import type { ErrorBody } from '../errors';
import type { TopicData, TopicName, TopicParams } from './topics';

/**
 * What the renderer sees: `window.gpm` from the preload in Electron, or the WebSocket client in
 * browser mode. Nothing else crosses into the page.
 */
export interface GpmBridge {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<Envelope<MethodResult<M>>>;
  subscribe<T extends TopicName>(
    topic: T,
    params: TopicParams<T>,
    onData: (data: TopicData<T>) => void,
    onError?: (error: ErrorBody) => void,
  ): () => void;
}

/** The untyped shape the preload exposes; the typed client wraps it. */
export interface RawBridge {
  call(method: string, params: unknown): Promise<unknown>;
  subscribe(topic: string, params: unknown, onData: (data: unknown) => void, onError: (error: unknown) => void): () => void;
}

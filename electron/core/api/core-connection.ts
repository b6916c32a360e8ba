import type { Envelope } from '../../../shared/api';
import type { ErrorBody } from '../../../shared/errors';

export type TransportKind = 'ipc' | 'ws' | 'direct';

/**
 * One client of the core (an Electron window over IPC, a browser tab over WebSocket, a test).
 * A connection carries at most one signed-in session; every call is authorized against it.
 * Both transports are generic over this interface: no per-feature channel exists.
 */
export interface CoreConnection {
  readonly id: string;
  call(method: string, params: unknown): Promise<Envelope<unknown>>;
  /** Starts a live view; returns the function that ends it. Errors arrive through onError. */
  subscribe(
    topic: string,
    params: unknown,
    onData: (data: unknown) => void,
    onError: (error: ErrorBody) => void,
  ): () => void;
  /** Ends every subscription of this connection (the session itself stays valid for resume). */
  close(): void;
}

export interface CoreConnector {
  connect(transport: TransportKind): CoreConnection;
}

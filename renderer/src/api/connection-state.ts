/**
 * How the page is connected to the core. `online` means calls can be answered now; `offline`
 * means the socket dropped and a retry is scheduled; `rejected` means the host refused the launch
 * token before any connection succeeded (retrying would not help).
 */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'rejected';

export interface ConnectionState {
  status: ConnectionStatus;
  transport: 'ipc' | 'ws';
  /** when the next reconnect attempt is due (epoch ms), while offline */
  retryAt: number | null;
}

/** A readable, subscribable source of the state (fits React's useSyncExternalStore). */
export interface ConnectionSource {
  getState(): ConnectionState;
  onStateChange(listener: () => void): () => void;
}

/** The Electron bridge is in-process IPC: it is connected for as long as the window exists. */
export function alwaysOnline(transport: 'ipc' | 'ws'): ConnectionSource {
  const state: ConnectionState = { status: 'online', transport, retryAt: null };
  return { getState: () => state, onStateChange: () => () => undefined };
}

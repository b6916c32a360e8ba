import type { ErrorBody } from '../../../shared/errors';
import { createApiClient, type ApiClient } from './api-client';
import { alwaysOnline } from './connection-state';
import { toEnvelope } from './envelope-guard';
import { takeLaunchToken } from './launch-token';
import { SessionTokenStore } from './session-token';
import { chooseTransport } from './transport-choice';
import { WireClient } from './wire-client';
import { coreSocketUrl, openBrowserSocket } from './wire-socket';

export interface CoreMessages {
  connectionLost: () => string;
  malformed: () => string;
}

export type CoreLink =
  | { kind: 'none' }
  | { kind: 'ready'; client: ApiClient; sessionTokens: SessionTokenStore };

/**
 * Start-up wiring of the transport (the only module that looks at `window`, `location` and
 * `history`): Electron's preload bridge if it is there, else the browser-mode WebSocket.
 */
export function connectCore(messages: CoreMessages): CoreLink {
  const launch = takeLaunchToken(window.location.hash, window.sessionStorage);
  if (launch.fromHash) {
    // The token must not linger in the address bar, history or a screenshot.
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const sessionTokens = new SessionTokenStore(window.sessionStorage);
  const choice = chooseTransport((window as unknown as { gpm?: unknown }).gpm, launch.token);

  if (choice.kind === 'none') return { kind: 'none' };
  if (choice.kind === 'ipc') {
    const client = createApiClient(choice.bridge, alwaysOnline('ipc'), messages);
    return { kind: 'ready', client, sessionTokens };
  }

  const connectionLostError = (): ErrorBody => ({ code: 'CONNECTION_LOST', message: messages.connectionLost() });
  // `client` is needed inside the reconnect hook, which only runs after construction.
  let client: ApiClient | null = null;
  const wire = new WireClient({
    url: coreSocketUrl(window.location.host, choice.launchToken),
    openSocket: openBrowserSocket,
    connectionLostError,
    hostAnswers: () =>
      fetch(`${window.location.origin}/`, { method: 'HEAD', cache: 'no-store' }).then(
        (response) => response.ok,
        () => false,
      ),
    onReconnected: async (callNow) => {
      const token = sessionTokens.get();
      if (!token) return;
      const envelope = toEnvelope(await callNow('auth.resume', { sessionToken: token }), messages.malformed());
      if (!envelope.ok && envelope.error.code !== 'INTERNAL' && envelope.error.code !== 'CONNECTION_LOST') {
        sessionTokens.clear();
        client?.reportAuthLost(envelope.error);
      }
    },
  });
  client = createApiClient(wire, wire, messages);
  wire.start();
  return { kind: 'ready', client, sessionTokens };
}

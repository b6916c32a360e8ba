import WebSocket from 'ws';
import type { ServerMessage } from '../../../shared/api';
import type { ClientTransport } from './api-suite';

/** A minimal Node client of the browser-mode wire protocol, for tests. */
export async function connectWs(url: string): Promise<ClientTransport & { socket: WebSocket }> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (envelope: unknown) => void>();
  const subs = new Map<number, { onData: (d: unknown) => void; onError: (e: unknown) => void }>();
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString()) as ServerMessage;
    if (message.t === 'result') {
      pending.get(message.id)?.(message.envelope);
      pending.delete(message.id);
    } else if (message.t === 'event') subs.get(message.id)?.onData(message.data);
    else if (message.t === 'subError') subs.get(message.id)?.onError(message.error);
  });
  return {
    socket,
    call(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ t: 'call', id, method, params }));
      });
    },
    subscribe(topic, params, onData, onError) {
      const id = nextId++;
      subs.set(id, { onData, onError });
      socket.send(JSON.stringify({ t: 'sub', id, topic, params }));
      return () => {
        subs.delete(id);
        socket.send(JSON.stringify({ t: 'unsub', id }));
      };
    },
    close() {
      return new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) resolve();
        else {
          socket.once('close', () => resolve());
          socket.close();
        }
      });
    },
  };
}

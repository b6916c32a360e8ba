/**
 * The slice of a WebSocket the wire client needs. Passing callbacks in (rather than assigning
 * `onmessage` on a DOM object) lets tests drive the client with a plain fake object.
 */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  onClose(code: number, reason: string): void;
}

export interface SocketHandle {
  send(text: string): void;
  close(): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketHandle;

/** The real browser WebSocket behind the factory interface. */
export const openBrowserSocket: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
  };
  // `error` is always followed by `close`; handling close alone avoids double reconnects.
  socket.onclose = (event: CloseEvent) => handlers.onClose(event.code, event.reason);
  return {
    send: (text) => socket.send(text),
    close: () => socket.close(1000, 'client closing'),
  };
};

/** The address of the core's WebSocket in browser mode, on the host that served the page. */
export function coreSocketUrl(host: string, launchToken: string): string {
  return `ws://${host}/api?token=${encodeURIComponent(launchToken)}`;
}

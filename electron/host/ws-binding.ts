import type { WebSocket } from 'ws';
import { clientMessageSchema, type ServerMessage } from '../../shared/api';
import { errorBody } from '../../shared/errors';
import type { CoreConnector } from '../core/api/core-connection';

/** Frames larger than this are refused: the API carries forms, not files. */
export const MAX_FRAME_BYTES = 1024 * 1024;

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/**
 * One WebSocket = one core connection, generic over the contract: frames are `call`, `sub` and
 * `unsub` (shared/api/wire.ts). A frame that cannot be read answers `protocolError` and the
 * socket stays open.
 */
export function bindSocketToCore(socket: WebSocket, core: CoreConnector): void {
  const connection = core.connect('ws');
  const subscriptions = new Map<number, () => void>();

  socket.on('message', (raw, isBinary) => {
    if (isBinary) {
      send(socket, { t: 'protocolError', error: errorBody('BAD_REQUEST', '只接受文本帧（JSON）') });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString());
    } catch {
      send(socket, { t: 'protocolError', error: errorBody('BAD_REQUEST', '请求不是合法的 JSON') });
      return;
    }
    const parsed = clientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const id = typeof json === 'object' && json !== null && 'id' in json && Number.isInteger(json.id) ? (json.id as number) : null;
      const error = errorBody('BAD_REQUEST', '请求格式不正确（应为 call、sub 或 unsub 消息）');
      send(socket, id === null ? { t: 'protocolError', error } : { t: 'result', id, envelope: { ok: false, error } });
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'call':
        void connection.call(message.method, message.params).then((envelope) => send(socket, { t: 'result', id: message.id, envelope }));
        break;
      case 'sub': {
        subscriptions.get(message.id)?.();
        const stop = connection.subscribe(
          message.topic,
          message.params,
          (data) => send(socket, { t: 'event', id: message.id, data }),
          (error) => send(socket, { t: 'subError', id: message.id, error }),
        );
        subscriptions.set(message.id, stop);
        break;
      }
      case 'unsub':
        subscriptions.get(message.id)?.();
        subscriptions.delete(message.id);
        break;
    }
  });

  socket.on('close', () => {
    for (const stop of subscriptions.values()) stop();
    subscriptions.clear();
    connection.close();
  });
}

/**
 * The whole IPC surface between the preload and the main process. It is generic over the API
 * contract (shared/api): a new method or topic never adds a channel here.
 *
 *   renderer → main  invoke 'gpm:call'  (method: string, params)       → envelope
 *   renderer → main  send   'gpm:sub'   (id: integer, topic: string, params)
 *   renderer → main  send   'gpm:unsub' (id: integer)
 *   main → renderer  send   'gpm:event'    (id, data)
 *   main → renderer  send   'gpm:subError' (id, {code, message, field?})
 *
 * Subscription ids are chosen by the renderer and are only unique within one webContents.
 */
export const IPC_CHANNELS = {
  call: 'gpm:call',
  sub: 'gpm:sub',
  unsub: 'gpm:unsub',
  event: 'gpm:event',
  subError: 'gpm:subError',
} as const;

import { z } from 'zod';

/**
 * Messages on a transport (WebSocket frames, or IPC payloads). Calls are answered by id;
 * subscriptions stream events under the id the client chose for them.
 */
export const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.number().int(), method: z.string(), params: z.unknown() }),
  z.object({ t: z.literal('sub'), id: z.number().int(), topic: z.string(), params: z.unknown() }),
  z.object({ t: z.literal('unsub'), id: z.number().int() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { t: 'result'; id: number; envelope: unknown }
  | { t: 'event'; id: number; data: unknown }
  | { t: 'subError'; id: number; error: { code: string; message: string; field?: string } }
  /** a frame that could not be read at all (no id to answer to) */
  | { t: 'protocolError'; error: { code: string; message: string } };

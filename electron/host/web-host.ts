import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Clock } from '../core/app/clock';
import { createCore, type Core } from '../core/app/create-core';
import { serveStatic } from './static-files';
import { bindSocketToCore, MAX_FRAME_BYTES } from './ws-binding';

export interface WebHostOptions {
  dataDir: string;
  rendererDir: string;
  /** 0 picks a free port */
  port?: number;
  /** fixed launch token (tests); random per launch otherwise */
  token?: string;
  devMode?: boolean;
  idleSweepMs?: number;
  /** serve an already running core (tests); it is then not closed with the host */
  core?: Core;
  /** the core's clock (tests move it instead of waiting out a 15-minute lockout) */
  clock?: Clock;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  core: Core;
  close(): Promise<void>;
}

function sameToken(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode: the core in this Node process, the renderer served on 127.0.0.1, the API on a
 * WebSocket at /api that refuses any connection without this launch's random token.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const ownCore = options.core === undefined;
  const core =
    options.core ??
    (await createCore({
    dataDir: options.dataDir,
    runtime: 'browser',
    devMode: options.devMode ?? false,
      ...(options.idleSweepMs !== undefined ? { idleSweepMs: options.idleSweepMs } : {}),
      ...(options.clock !== undefined ? { clock: options.clock } : {}),
    }));
  const server: Server = createServer((request, response) => serveStatic(options.rendererDir, request, response));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api' || !sameToken(url.searchParams.get('token'), token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => bindSocketToCore(ws, core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    core,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownCore) await core.close();
    },
  };
}

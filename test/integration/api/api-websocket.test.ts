import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { startWebHost } from '../../../electron/host/web-host';
import { startTestCore } from '../../support/test-core';
import { apiSuite } from './api-suite';
import { connectWs } from './ws-client';

const rendererDir = mkdtempSync(join(tmpdir(), 'govpay-renderer-'));

apiSuite('WebSocket (browser mode)', async (core) => {
  const host = await startWebHost({ dataDir: core.dataDir, rendererDir, core: core.core });
  return {
    core,
    connect: () => connectWs(`ws://127.0.0.1:${host.port}/api?token=${host.token}`),
    stop: () => host.close(),
  };
});

describe('WebSocket host guards', () => {
  it('refuses a connection without the launch token, or with a wrong one', async () => {
    const core = await startTestCore();
    const host = await startWebHost({ dataDir: core.dataDir, rendererDir, core: core.core });
    try {
      for (const url of [`ws://127.0.0.1:${host.port}/api`, `ws://127.0.0.1:${host.port}/api?token=${'x'.repeat(host.token.length)}`]) {
        const status = await new Promise<number>((resolve) => {
          const socket = new WebSocket(url);
          socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          socket.on('open', () => resolve(101));
          socket.on('error', () => undefined);
        });
        expect(status).toBe(401);
      }
    } finally {
      await host.close();
      await core.close();
    }
  });

  it('answers malformed frames with an error and keeps the connection usable', async () => {
    const core = await startTestCore();
    const host = await startWebHost({ dataDir: core.dataDir, rendererDir, core: core.core });
    const client = await connectWs(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    try {
      const frames: unknown[] = [];
      client.socket.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
      client.socket.send('{not json');
      client.socket.send(JSON.stringify({ t: 'call', id: 7 }));
      client.socket.send(JSON.stringify({ hello: 'world' }));
      await new Promise((r) => setTimeout(r, 200));
      expect(frames).toEqual([
        { t: 'protocolError', error: { code: 'BAD_REQUEST', message: '请求不是合法的 JSON' } },
        { t: 'result', id: 7, envelope: { ok: false, error: { code: 'BAD_REQUEST', message: '请求格式不正确（应为 call、sub 或 unsub 消息）' } } },
        { t: 'protocolError', error: { code: 'BAD_REQUEST', message: '请求格式不正确（应为 call、sub 或 unsub 消息）' } },
      ]);
      expect(await client.call('setup.status', {})).toMatchObject({ ok: true });
    } finally {
      await client.close();
      await host.close();
      await core.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { RawBridge } from '../../../shared/api/bridge';
import { createApiClient } from '../../../renderer/src/api/api-client';
import { alwaysOnline } from '../../../renderer/src/api/connection-state';
import { toEnvelope } from '../../../renderer/src/api/envelope-guard';

function bridgeAnswering(answer: unknown, subError?: unknown): RawBridge {
  return {
    call: async () => answer,
    subscribe: (_topic, _params, _onData, onError) => {
      if (subError) queueMicrotask(() => onError(subError));
      return () => undefined;
    },
  };
}

const messages = { malformed: () => '格式不正确' };

describe('envelope guard', () => {
  it('accepts the two envelope shapes and rejects anything else', () => {
    expect(toEnvelope({ ok: true, value: 1 }, 'bad')).toEqual({ ok: true, value: 1 });
    expect(toEnvelope({ ok: false, error: { code: 'FORBIDDEN', message: '无权', field: 'x' } }, 'bad')).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '无权', field: 'x' },
    });
    expect(toEnvelope({ ok: true }, 'bad')).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'bad' } });
    expect(toEnvelope('x', 'bad')).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'bad' } });
  });

  it('keeps the message of an error with a code the renderer does not know', () => {
    expect(toEnvelope({ ok: false, error: { code: 'NEW_CODE', message: '新规则' } }, 'bad')).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '新规则' },
    });
  });
});

describe('typed API client', () => {
  it('reports a lost session from an ordinary call', async () => {
    const error = { code: 'SESSION_EXPIRED', message: '长时间未操作，会话已超时，请重新登录' };
    const client = createApiClient(bridgeAnswering({ ok: false, error }), alwaysOnline('ipc'), messages);
    const lost: unknown[] = [];
    client.onAuthLost((e) => lost.push(e));
    const envelope = await client.call('users.list', {});
    expect(envelope).toEqual({ ok: false, error });
    expect(lost).toEqual([error]);
  });

  it('does not treat a failed sign-in or resume as a lost session', async () => {
    const error = { code: 'NOT_AUTHENTICATED', message: '请先登录' };
    const client = createApiClient(bridgeAnswering({ ok: false, error }), alwaysOnline('ipc'), messages);
    const lost: unknown[] = [];
    client.onAuthLost((e) => lost.push(e));
    await client.call('auth.resume', { sessionToken: 'x' });
    await client.call('auth.login', { login: 'a', password: 'b' });
    expect(lost).toEqual([]);
  });

  it('reports a lost session from a subscription error', async () => {
    const error = { code: 'NOT_AUTHENTICATED', message: '请先登录' };
    const client = createApiClient(bridgeAnswering(null, error), alwaysOnline('ws'), messages);
    const lost: unknown[] = [];
    const seen: unknown[] = [];
    client.onAuthLost((e) => lost.push(e));
    client.subscribe('system.status', {}, () => undefined, (e) => seen.push(e));
    await Promise.resolve();
    expect(lost).toEqual([error]);
    expect(seen).toEqual([error]);
  });

  it('turns a throwing bridge into an error envelope', async () => {
    const bridge: RawBridge = {
      call: async () => {
        throw new Error('IPC 已关闭');
      },
      subscribe: () => () => undefined,
    };
    const client = createApiClient(bridge, alwaysOnline('ipc'), messages);
    await expect(client.call('system.info', {})).resolves.toEqual({ ok: false, error: { code: 'CONNECTION_LOST', message: 'IPC 已关闭' } });
  });
});

import { describe, expect, it } from 'vitest';
import { forgetLaunchToken, takeLaunchToken, tokenFromHash } from '../../../renderer/src/api/launch-token';
import { SessionTokenStore } from '../../../renderer/src/api/session-token';
import { chooseTransport } from '../../../renderer/src/api/transport-choice';

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    map,
  };
}

describe('launch token', () => {
  it('reads the token from the hash', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('#token=abc&lang=en')).toBe('abc');
    expect(tokenFromHash('token=abc')).toBe('abc');
    expect(tokenFromHash('#/audit')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('keeps a token from the address bar in session storage and reports it must be removed', () => {
    const store = memoryStore();
    expect(takeLaunchToken('#token=fresh', store)).toEqual({ token: 'fresh', fromHash: true });
    // After the reload the hash is clean; the stored token still connects.
    expect(takeLaunchToken('', store)).toEqual({ token: 'fresh', fromHash: false });
    expect(takeLaunchToken('#/audit', store)).toEqual({ token: 'fresh', fromHash: false });
    // A newer token from a fresh `npm run web` replaces it.
    expect(takeLaunchToken('#token=newer', store).token).toBe('newer');
    forgetLaunchToken(store);
    expect(takeLaunchToken('', store)).toEqual({ token: null, fromHash: false });
  });

  it('keeps the session token per tab', () => {
    const tokens = new SessionTokenStore(memoryStore());
    expect(tokens.get()).toBeNull();
    tokens.set('s');
    expect(tokens.get()).toBe('s');
    tokens.clear();
    expect(tokens.get()).toBeNull();
  });
});

describe('transport choice', () => {
  const bridge = { call: async () => ({ ok: true, value: 1 }), subscribe: () => () => undefined };

  it('prefers the Electron preload bridge', () => {
    expect(chooseTransport(bridge, 'token').kind).toBe('ipc');
  });

  it('uses the WebSocket with a launch token when there is no bridge', () => {
    expect(chooseTransport(undefined, 'abc')).toEqual({ kind: 'ws', launchToken: 'abc' });
    expect(chooseTransport({ call: 'nope' }, 'abc').kind).toBe('ws');
  });

  it('has no transport without either', () => {
    expect(chooseTransport(undefined, null)).toEqual({ kind: 'none' });
  });
});

import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createAppUrlCheck, isSafeExternalUrl } from '../../../electron/main/app-url';
import { CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, type SecurityContext } from '../../../electron/main/security';

const RENDERER_DIR = '/opt/govpay-desk/resources/app.asar/dist/renderer';
const APP_URL = `file://${RENDERER_DIR}/index.html`;

function context(): SecurityContext & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    isAppUrl: createAppUrlCheck(RENDERER_DIR),
    shell: {
      openExternal: (url: string) => {
        opened.push(url);
        return Promise.resolve();
      },
    },
    log: () => undefined,
  };
}

describe('createAppUrlCheck', () => {
  const isApp = createAppUrlCheck(RENDERER_DIR);

  it('accepts files of dist/renderer, with routes and queries', () => {
    expect(isApp(APP_URL)).toBe(true);
    expect(isApp(`${APP_URL}#/payments/123`)).toBe(true);
    expect(isApp(`${APP_URL}?x=1`)).toBe(true);
    expect(isApp(`file://${RENDERER_DIR}/assets/index-abc.js`)).toBe(true);
  });

  it('rejects everything else', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5180/index.html',
      'file:///etc/passwd',
      `file://${RENDERER_DIR}/../../secret.html`,
      `file://${RENDERER_DIR}/%2e%2e/%2e%2e/secret.html`,
      `file://${RENDERER_DIR}-evil/index.html`,
      `file://server${RENDERER_DIR}/index.html`,
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isApp(url), url).toBe(false);
    }
  });
});

describe('isSafeExternalUrl', () => {
  it('allows plain https links only', () => {
    expect(isSafeExternalUrl('https://www.mof.gov.cn/')).toBe(true);
    expect(isSafeExternalUrl('http://www.mof.gov.cn/')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('smb://server/share')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.com/')).toBe(false);
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

function navigationEvent(url: string): { url: string; preventDefault: () => void; prevented: () => boolean } {
  let prevented = false;
  return { url, preventDefault: () => (prevented = true), prevented: () => prevented };
}

describe('hardenWebContents', () => {
  it('denies every new window and opens only https links externally', () => {
    const ctx = context();
    const contents = new FakeContents();
    hardenWebContents(contents as unknown as WebContents, ctx);
    expect(contents.openHandler?.({ url: 'https://www.ccgp.gov.cn/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'http://insecure.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: APP_URL })).toEqual({ action: 'deny' });
    expect(ctx.opened).toEqual(['https://www.ccgp.gov.cn/']);
  });

  it('keeps navigation and redirects inside our renderer', () => {
    const ctx = context();
    const contents = new FakeContents();
    hardenWebContents(contents as unknown as WebContents, ctx);
    for (const name of ['will-navigate', 'will-redirect']) {
      const inside = navigationEvent(`${APP_URL}#/budget`);
      contents.emit(name, inside);
      expect(inside.prevented()).toBe(false);
      const outside = navigationEvent('https://evil.example/');
      contents.emit(name, outside);
      expect(outside.prevented(), name).toBe(true);
    }
    const webview = navigationEvent('');
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented()).toBe(true);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const recorded: {
      headers?: (details: unknown, callback: (response: unknown) => void) => void;
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: (contents: unknown, permission: string) => boolean;
      device?: () => boolean;
    } = {};
    const session = {
      webRequest: { onHeadersReceived: (l: typeof recorded.headers) => (recorded.headers = l) },
      setPermissionRequestHandler: (h: typeof recorded.request) => (recorded.request = h),
      setPermissionCheckHandler: (h: typeof recorded.check) => (recorded.check = h),
      setDevicePermissionHandler: (h: typeof recorded.device) => (recorded.device = h),
    };
    return { session: session as unknown as Session, recorded };
  }

  it('replaces the CSP header of file and http responses, not of devtools', () => {
    const { session, recorded } = fakeSession();
    hardenSession(session, context());
    const callback = vi.fn();
    recorded.headers?.({ url: APP_URL, responseHeaders: { 'content-security-policy': ["default-src *"], 'X-A': ['1'] } }, callback);
    expect(callback).toHaveBeenLastCalledWith({
      responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    recorded.headers?.({ url: 'http://127.0.0.1/x' }, callback);
    expect(callback).toHaveBeenLastCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    recorded.headers?.({ url: 'devtools://devtools/bundled/index.html' }, callback);
    expect(callback).toHaveBeenLastCalledWith({});
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('grants notifications to our renderer and denies everything else', () => {
    const { session, recorded } = fakeSession();
    hardenSession(session, context());
    const ours = { getURL: () => APP_URL };
    const foreign = { getURL: () => 'https://evil.example/' };
    const answers: boolean[] = [];
    recorded.request?.(ours, 'notifications', (granted) => answers.push(granted));
    recorded.request?.(ours, 'media', (granted) => answers.push(granted));
    recorded.request?.(ours, 'geolocation', (granted) => answers.push(granted));
    recorded.request?.(foreign, 'notifications', (granted) => answers.push(granted));
    expect(answers).toEqual([true, false, false, false]);
    expect(recorded.check?.(ours, 'notifications')).toBe(true);
    expect(recorded.check?.(ours, 'clipboard-read')).toBe(false);
    expect(recorded.check?.(null, 'notifications')).toBe(false);
    expect(recorded.device?.()).toBe(false);
  });
});

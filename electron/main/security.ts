import type { Session, Shell, WebContents } from 'electron';
import { isSafeExternalUrl } from './app-url';

/**
 * The policy the renderer runs under. It repeats the CSP meta tag of dist/renderer/index.html as a
 * response header: if one of the two is ever loosened by mistake, the other still holds, because
 * the browser enforces both. Styles need 'unsafe-inline' (MUI/emotion inject <style> elements);
 * scripts never do. The renderer talks to the core over IPC, so it needs no network at all.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The only permission the renderer may get: desktop notifications (approval reminders). */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

export interface SecurityContext {
  /** true for our own renderer files (see app-url.ts) */
  isAppUrl: (url: string) => boolean;
  shell: Pick<Shell, 'openExternal'>;
  log: (message: string, detail?: unknown) => void;
}

/** Gives an https link to the system browser; anything else is dropped and logged. */
export function openExternalLink(url: string, context: SecurityContext): void {
  if (!isSafeExternalUrl(url)) {
    context.log('blocked external link', url.slice(0, 200));
    return;
  }
  context.shell.openExternal(url).catch((error: unknown) => context.log('could not open external link', error));
}

/** Response headers and permission handlers of the session our window uses. */
export function hardenSession(session: Session, context: SecurityContext): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    // devtools:// and other internal pages keep their own policy.
    if (!/^(file|https?):/i.test(details.url)) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any policy a response brings along; ours replaces it.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });

  session.setPermissionRequestHandler((contents, permission, callback) => {
    const granted = ALLOWED_PERMISSIONS.has(permission) && context.isAppUrl(contents.getURL());
    if (!granted) context.log('denied permission request', permission);
    callback(granted);
  });
  session.setPermissionCheckHandler((contents, permission) => {
    return ALLOWED_PERMISSIONS.has(permission) && contents !== null && context.isAppUrl(contents.getURL());
  });
  // USB/HID/serial devices: never (the renderer has no business with hardware).
  session.setDevicePermissionHandler(() => false);
}

/**
 * Applied to every webContents ever created (app 'web-contents-created'), not only our window:
 * a devtools window, a PDF viewer or anything a future feature opens gets the same limits.
 */
export function hardenWebContents(contents: WebContents, context: SecurityContext): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalLink(url, context);
    return { action: 'deny' };
  });

  contents.on('will-navigate', (event) => {
    if (context.isAppUrl(event.url)) return;
    event.preventDefault();
    // A plain <a href="https://…"> in the page lands here: show it in the system browser.
    openExternalLink(event.url, context);
  });

  contents.on('will-redirect', (event) => {
    if (context.isAppUrl(event.url)) return;
    event.preventDefault();
    context.log('blocked redirect', event.url.slice(0, 200));
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    context.log('blocked <webview>');
  });
}

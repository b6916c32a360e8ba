/**
 * A tiny hash router (no router package is installed, and the app is loaded from file:// in
 * Electron, where only the hash part of the address can change without a reload).
 * Routes look like `#/admin/users`; everything else (empty, `#token=…`) is the root.
 */

/** Path part of a hash: `#/admin/users?x=1` → `/admin/users`; anything unparseable → `/`. */
export function pathFromHash(hash: string): string {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!body.startsWith('/')) return '/';
  const path = body.split(/[?#]/)[0] ?? '/';
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed === '' ? '/' : trimmed;
}

/** Query part of a hash: `#/audit?before=120` → URLSearchParams(before=120). */
export function queryFromHash(hash: string): URLSearchParams {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const index = body.indexOf('?');
  return new URLSearchParams(index >= 0 ? body.slice(index + 1) : '');
}

export function hashFor(path: string, query?: Record<string, string>): string {
  const normalized = path.startsWith('/') ? path : `/${path}`;
  const search = query ? new URLSearchParams(query).toString() : '';
  return search ? `#${normalized}?${search}` : `#${normalized}`;
}

/**
 * Finds the route whose path equals the hash's path. Unknown paths, and paths the caller is not
 * allowed to see, fall back (the page is absent rather than shown empty or faked).
 */
export function matchRoute<R extends { path: string }>(routes: readonly R[], hash: string, fallback: R): R {
  const path = pathFromHash(hash);
  return routes.find((route) => route.path === path) ?? fallback;
}

/** The minimal storage surface we use (sessionStorage in the page, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const LAUNCH_TOKEN_KEY = 'gpm.launchToken';

/** Reads `token=…` from a hash like `#token=abc` or `#token=abc&x=1`. */
export function tokenFromHash(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.startsWith('/')) return null; // a route, not launch parameters
  const token = new URLSearchParams(body).get('token');
  return token && token.trim() ? token.trim() : null;
}

export interface LaunchTokenResult {
  token: string | null;
  /** true when the token was in the address bar and must now be removed from it */
  fromHash: boolean;
}

/**
 * The token from the address bar wins (a fresh `npm run web` prints a new one); it is kept in
 * sessionStorage so a reload of the tab still connects after the hash has been cleaned.
 */
export function takeLaunchToken(hash: string, store: KeyValueStore): LaunchTokenResult {
  const fromHash = tokenFromHash(hash);
  if (fromHash) {
    store.setItem(LAUNCH_TOKEN_KEY, fromHash);
    return { token: fromHash, fromHash: true };
  }
  return { token: store.getItem(LAUNCH_TOKEN_KEY), fromHash: false };
}

export function forgetLaunchToken(store: KeyValueStore): void {
  store.removeItem(LAUNCH_TOKEN_KEY);
}

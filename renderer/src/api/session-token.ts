import type { KeyValueStore } from './launch-token';

const SESSION_TOKEN_KEY = 'gpm.sessionToken';

/**
 * The core's session token, kept per tab in sessionStorage so a reload or a reconnect can call
 * `auth.resume` instead of asking for the password again; closing the tab forgets it.
 */
export class SessionTokenStore {
  private readonly store: KeyValueStore;

  constructor(store: KeyValueStore) {
    this.store = store;
  }

  get(): string | null {
    return this.store.getItem(SESSION_TOKEN_KEY);
  }

  set(token: string): void {
    this.store.setItem(SESSION_TOKEN_KEY, token);
  }

  clear(): void {
    this.store.removeItem(SESSION_TOKEN_KEY);
  }
}

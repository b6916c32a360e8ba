import { useCallback, useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The current location hash, re-rendering on every change; `navigate` writes a new one. */
export function useHash(): [string, (hash: string) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((next: string) => {
    if (window.location.hash !== next) window.location.hash = next;
  }, []);
  return [hash, navigate];
}

import { useEffect } from 'react';
import { IdleWatch } from './idle-watch';

/** Events that count as the user being present. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'input'] as const;

/** Runs `onIdle` once after `timeoutMs` without user input, while `enabled`. */
export function useIdleSignOut(enabled: boolean, timeoutMs: number, onIdle: () => void): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const watch = new IdleWatch(timeoutMs, onIdle, {
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
      now: () => Date.now(),
    });
    const onActivity = () => watch.activity();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    watch.start();
    return () => {
      watch.stop();
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [enabled, timeoutMs, onIdle]);
}

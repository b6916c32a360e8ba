import { describe, expect, it } from 'vitest';
import { IdleWatch } from '../../../renderer/src/session/idle-watch';
import { ManualTimers } from './fake-socket';

describe('idle sign-out', () => {
  it('fires once after the timeout without input', () => {
    const timers = new ManualTimers();
    let fired = 0;
    const watch = new IdleWatch(15 * 60_000, () => fired++, timers);
    watch.start();
    timers.advance(15 * 60_000 - 1);
    expect(fired).toBe(0);
    timers.advance(1);
    expect(fired).toBe(1);
    timers.advance(60 * 60_000);
    expect(fired).toBe(1);
  });

  it('counts from the last input', () => {
    const timers = new ManualTimers();
    let fired = 0;
    const watch = new IdleWatch(1000, () => fired++, timers);
    watch.start();
    timers.advance(900);
    watch.activity();
    timers.advance(900);
    expect(fired).toBe(0);
    timers.advance(100);
    expect(fired).toBe(1);
  });

  it('does nothing after stop', () => {
    const timers = new ManualTimers();
    let fired = 0;
    const watch = new IdleWatch(1000, () => fired++, timers);
    watch.start();
    watch.stop();
    timers.advance(5000);
    expect(fired).toBe(0);
  });
});

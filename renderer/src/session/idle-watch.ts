export interface IdleTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/**
 * Signs the user out locally after a stretch without input (R11; the core enforces the same
 * limit). Input only stamps a time — cheap enough for pointermove — and the single timer
 * re-arms itself for the remainder, so a machine waking from sleep is judged by the clock.
 */
export class IdleWatch {
  private lastActivity = 0;
  private handle: unknown = null;
  private fired = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
    private readonly timers: IdleTimers,
  ) {}

  start(): void {
    this.lastActivity = this.timers.now();
    this.fired = false;
    this.arm(this.timeoutMs);
  }

  activity(): void {
    this.lastActivity = this.timers.now();
  }

  stop(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  private arm(ms: number): void {
    this.handle = this.timers.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.handle = null;
    const idleFor = this.timers.now() - this.lastActivity;
    if (idleFor >= this.timeoutMs) {
      if (!this.fired) {
        this.fired = true;
        this.onIdle();
      }
      return;
    }
    this.arm(this.timeoutMs - idleFor);
  }
}

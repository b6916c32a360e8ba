import { AppError } from '../../../shared/errors';
import type { Logger } from '../api/dispatcher';
import type { ScheduleDecision } from './backup-schedule';

export interface SchedulerHooks {
  decide(): Promise<ScheduleDecision>;
  /** makes the scheduled backup; failures are recorded by it and only logged here */
  runScheduled(): Promise<unknown>;
  busy(): boolean;
}

/** how long to wait when a manual job is running at the scheduled time */
const BUSY_RETRY_MS = 60_000;

/**
 * The daily timer. It sleeps until the next slot (at most an hour at a time, then decides again,
 * so a changed clock or a suspended laptop cannot make it miss a day) and asks the pure
 * scheduleDecision whether a backup is due. The first decision comes shortly after start, which
 * is what catches up a day missed while the desktop was off.
 */
export class BackupScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** decisions run one after another, whether the timer or a test asks */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly hooks: SchedulerHooks,
    private readonly logger: Logger,
    private readonly startDelayMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.arm(this.startDelayMs);
  }

  /** Decide again now (e.g. after the settings changed). */
  reschedule(): void {
    if (!this.stopped && this.timer !== null) this.arm(0);
  }

  private arm(ms: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
    this.timer.unref?.();
  }

  /** One decision (and the backup, when due). Exposed for tests; the timer calls it otherwise. */
  tick(): Promise<ScheduleDecision | null> {
    const run = this.chain.then(() => this.decideAndRun());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async decideAndRun(): Promise<ScheduleDecision | null> {
    let next = BUSY_RETRY_MS;
    let decision: ScheduleDecision | null = null;
    try {
      if (this.stopped || this.hooks.busy()) return null;
      decision = await this.hooks.decide();
      if (decision.due) {
        await this.hooks.runScheduled().catch((error: unknown) => {
          if (!(error instanceof AppError)) this.logger.error('scheduled backup failed', error);
        });
        decision = await this.hooks.decide();
      }
      next = decision.sleepMs;
    } catch (error) {
      this.logger.error('backup schedule check failed', error);
    } finally {
      if (!this.stopped) this.arm(next);
    }
    return decision;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.chain;
  }
}

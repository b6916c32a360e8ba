import { BehaviorSubject, type Observable } from 'rxjs';
import type { BackupProgress } from '../../../shared/api/methods/backup-methods';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../app/clock';

type Operation = NonNullable<BackupProgress['operation']>;
type Phase = NonNullable<BackupProgress['phase']>;
type Kind = NonNullable<BackupProgress['kind']>;

const IDLE: BackupProgress = { running: false, operation: null, kind: null, phase: null, percent: 0, startedAt: null };

/**
 * One backup, verification or restore at a time (they share the scratch folder and the disk, and
 * a restore must not stage while a backup reads), and the live progress the page shows.
 * Progress is published in whole percents so a fast job does not flood the WebSocket.
 */
export class BackupJobs {
  private readonly subject = new BehaviorSubject<BackupProgress>(IDLE);
  private current: Promise<unknown> | null = null;
  private cancelRequested = false;

  constructor(private readonly clock: Clock) {}

  get progress$(): Observable<BackupProgress> {
    return this.subject.asObservable();
  }

  progress(): BackupProgress {
    return this.subject.getValue();
  }

  busy(): boolean {
    return this.current !== null;
  }

  /** Set when the core closes: a running job stops at its next chunk. */
  cancelled(): boolean {
    return this.cancelRequested;
  }

  async run<T>(operation: Operation, kind: Kind | null, work: (report: (phase: Phase, percent: number) => void) => Promise<T>): Promise<T> {
    if (this.current) throw new AppError('BACKUP_BUSY');
    if (this.cancelRequested) throw new AppError('BACKUP_BUSY', '系统正在关闭，不能开始新的备份任务');
    const startedAt = this.clock.now();
    const report = (phase: Phase, percent: number) => {
      const rounded = Math.max(0, Math.min(100, Math.floor(percent)));
      const last = this.subject.getValue();
      if (last.phase === phase && last.percent === rounded) return;
      this.subject.next({ running: true, operation, kind, phase, percent: rounded, startedAt });
    };
    const job = (async () => {
      report(operation === 'backup' ? 'snapshot' : 'decrypt', 0);
      return work(report);
    })();
    this.current = job;
    try {
      return await job;
    } finally {
      this.current = null;
      this.subject.next(IDLE);
    }
  }

  /** Stops accepting jobs, asks the running one to stop, and waits for it. */
  async close(): Promise<void> {
    this.cancelRequested = true;
    await this.current?.catch(() => undefined);
    this.subject.complete();
  }
}

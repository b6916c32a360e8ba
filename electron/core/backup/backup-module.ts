import { BackupHistory } from './backup-history';
import { BackupJobs } from './backup-jobs';
import type { BackupDeps } from './backup-deps';
import { BackupScheduler } from './backup-scheduler';
import { BackupService } from './backup-service';
import { clearScratchFolders } from './files';
import { applyPendingRestore, type RestoreMarker } from './pending-restore';
import { RestoreService } from './restore-service';

/** The backup capability as the composition root sees it. */
export interface BackupModule {
  backups: BackupService;
  restores: RestoreService;
  jobs: BackupJobs;
  history: BackupHistory;
  scheduler: BackupScheduler;
  /** stops the timer, lets a running job stop at its next chunk, waits for it */
  close(): Promise<void>;
}

export interface BackupModuleOptions {
  /** first schedule decision after start (catch-up of a missed day); default 30 s */
  scheduleStartDelayMs?: number;
}

/**
 * Runs in createCore before the database opens: applies a staged restore (keeping the current
 * file as a copy) and clears the scratch folder of an interrupted job (plaintext copies must not
 * linger). Returns the restore to record once the database is open.
 */
export function prepareDataDirForOpen(dataDir: string, now: number): RestoreMarker | null {
  clearScratchFolders(dataDir);
  return applyPendingRestore(dataDir, now);
}

export function createBackupModule(base: Omit<BackupDeps, 'jobs' | 'history'>, options: BackupModuleOptions = {}): BackupModule {
  const jobs = new BackupJobs(base.clock);
  const history = new BackupHistory(base.dataDir);
  const deps: BackupDeps = { ...base, jobs, history };
  const backups = new BackupService(deps);
  const restores = new RestoreService(deps);
  const scheduler = new BackupScheduler(
    {
      decide: () => backups.scheduleDecision(),
      runScheduled: () => backups.run(null, 'scheduled'),
      busy: () => jobs.busy(),
    },
    base.logger,
    options.scheduleStartDelayMs ?? 30_000,
  );
  return {
    backups,
    restores,
    jobs,
    history,
    scheduler,
    async close() {
      const closing = jobs.close();
      await scheduler.stop();
      await closing;
    },
  };
}

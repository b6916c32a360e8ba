import type { Observable } from 'rxjs';
import type { BackupProgress } from '../../../shared/api/methods/backup-methods';
import type { CoreServices } from '../app/core-services';
import { requireActor, type MethodHandlers } from '../api/handler-types';
import { toConfigView } from './backup-config';

type BackupHandlers = Pick<
  MethodHandlers,
  'backup.status' | 'backup.configure' | 'backup.run' | 'backup.history' | 'backup.verify' | 'backup.restore' | 'backup.cancelRestore'
>;

const person = (ctx: Parameters<BackupHandlers['backup.run']>[1]) => {
  const { user } = requireActor(ctx);
  return { id: user.id, name: user.name };
};

export function backupHandlers(services: CoreServices): BackupHandlers {
  const { backup } = services;
  return {
    'backup.status': async () => {
      const [config, history, decision] = await Promise.all([backup.backups.config(), backup.history.list(), backup.backups.scheduleDecision()]);
      return {
        config: config ? toConfigView(config) : null,
        lastBackup: history[0] ?? null,
        lastSuccessAt: history.find((e) => e.result === 'ok')?.finishedAt ?? null,
        nextScheduledAt: decision.nextRunAt,
        pendingRestore: backup.restores.pending(),
        progress: backup.jobs.progress(),
        runtime: services.runtime,
        dataDir: services.dataDir,
      };
    },
    'backup.configure': async (params, ctx) => {
      const view = await backup.backups.configure(person(ctx), params);
      backup.scheduler.reschedule();
      return view;
    },
    'backup.run': async (_params, ctx) => backup.backups.run(person(ctx), 'manual'),
    'backup.history': async (params) => backup.history.list(params.limit),
    'backup.verify': async (params, ctx) => backup.restores.verify(person(ctx), params.file, params.passphrase),
    'backup.restore': async (params, ctx) => ({
      ...(await backup.restores.restore(person(ctx), params.file, params.passphrase)),
      runtime: services.runtime,
    }),
    'backup.cancelRestore': async (_params, ctx) => backup.restores.cancel(person(ctx)),
  };
}

export function backupProgress(services: CoreServices): Observable<BackupProgress> {
  return services.backup.jobs.progress$;
}

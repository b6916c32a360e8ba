import { mkdirSync } from 'node:fs';
import type { Subscription } from 'rxjs';
import type { SecurityPolicy } from '../../../shared/api';
import { Connection } from '../api/connection';
import type { CoreConnection, CoreConnector, TransportKind } from '../api/core-connection';
import { Dispatcher, type Logger } from '../api/dispatcher';
import type { MethodHandlers, TopicHandlers } from '../api/handler-types';
import { AttachmentStore } from '../attachments/attachment-store';
import { attachmentHandlers } from '../attachments/attachment-handlers';
import { AttachmentUploads } from '../attachments/attachment-uploads';
import { paymentHandlers } from '../payments/payment-handlers';
import { PaymentRequestService } from '../payments/payment-request-service';
import { auditHandlers } from '../audit/audit-handlers';
import { AuditLog } from '../audit/audit-log';
import { authHandlers } from '../auth/auth-handlers';
import { backupHandlers, backupProgress } from '../backup/backup-handlers';
import { createBackupModule, prepareDataDirForOpen } from '../backup/backup-module';
import { approvalHandlers, approvalInboxTopic } from '../approval/approval-handlers';
import { ApprovalService, approvalPorts } from '../approval/approval-service';
import { BudgetService } from '../budget/budget-service';
import { createProjectsModule } from '../projects/projects-module';
import { contractHandlers } from '../contracts/contract-handlers';
import { ContractService } from '../contracts/contract-service';
import { LoginService } from '../auth/login-service';
import { DataKeyring } from '../keyring/data-keyring';
import { effectivePolicy } from '../auth/security-policy';
import { SessionService, sessionIdOf } from '../auth/session-service';
import { openDatabase, type GovPayDatabase } from '../db/database';
import { loadOrCreateDeviceIdentity } from '../device/device-identity';
import { applyPendingDemoRemoval } from '../setup/demo-removal';
import { setupHandlers } from '../setup/setup-handlers';
import { SetupService } from '../setup/setup-service';
import { createSystemStatus, systemHandlers } from '../system/system-handlers';
import { userHandlers, usersChanged } from '../users/user-handlers';
import { UserService } from '../users/user-service';
import { systemClock, type Clock } from './clock';
import type { CoreServices } from './core-services';
import { WriteLock } from './write-lock';

export interface CreateCoreOptions {
  /** folder holding the database (Electron: the userData folder) */
  dataDir: string;
  runtime: 'electron' | 'browser';
  clock?: Clock;
  logger?: Logger;
  devMode?: boolean;
  version?: string;
  /** how often idle sessions are ended proactively */
  idleSweepMs?: number;
}

export interface Core extends CoreConnector {
  readonly services: CoreServices;
  close(): Promise<void>;
}

const consoleLogger: Logger = {
  error: (message, detail) => console.error(`[core] ${message}`, detail ?? ''),
};

function mergeHandlers(...groups: Partial<MethodHandlers>[]): MethodHandlers {
  const merged: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group)) {
      if (name in merged) throw new Error(`two handlers registered for ${name}`);
      merged[name] = handler;
    }
  }
  return merged as MethodHandlers;
}

async function readPolicy(db: GovPayDatabase): Promise<SecurityPolicy> {
  const stored = await db.settings.findOne('security').exec();
  return effectivePolicy(stored?.value as Partial<SecurityPolicy> | undefined);
}

/** The composition root: opens the database and wires every service and handler once. */
export async function createCore(options: CreateCoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  // A demo office (体验数据) the administrator removed is deleted here, before anything opens it.
  const demoRemoval = applyPendingDemoRemoval(options.dataDir);
  if (demoRemoval === 'refused') logger.error('demo removal refused: the database is not the demo that was marked for removal');
  // A restore staged by the backup page replaces the database file here, before it is opened.
  const appliedRestore = prepareDataDirForOpen(options.dataDir, clock.now());
  const db = await openDatabase({ directory: options.dataDir, devMode: options.devMode ?? false });
  const lock = new WriteLock();
  let policy = await readPolicy(db);
  const settingsWatch: Subscription = db.settings.findOne('security').$.subscribe(() => {
    void readPolicy(db).then((p) => (policy = p));
  });
  const currentPolicy = (): SecurityPolicy => policy;
  const device = await loadOrCreateDeviceIdentity(db, clock);
  const audit = new AuditLog(db, device, clock, lock, { dataDir: options.dataDir });
  const sessions = new SessionService(db, clock, currentPolicy);
  const keyring = new DataKeyring(db, clock);
  const users = new UserService(db, sessions, keyring, audit, lock, clock, currentPolicy);
  const version = options.version ?? '0.1.0';
  const backup = createBackupModule({ db, audit, clock, device, dataDir: options.dataDir, runtime: options.runtime, version, policy: currentPolicy, logger });
  if (appliedRestore) {
    await backup.restores.finishApplied(appliedRestore).catch((error: unknown) => logger.error('recording the applied restore failed', error));
  }
  const attachments = new AttachmentStore({ db, lock, audit, clock, dataDir: options.dataDir });
  const services: CoreServices = {
    db,
    clock,
    lock,
    device,
    audit,
    sessions,
    keyring,
    users,
    login: new LoginService(db, sessions, keyring, audit, lock, clock, currentPolicy),
    setup: new SetupService(db, users, keyring, audit, lock, clock),
    status: createSystemStatus(),
    policy: currentPolicy,
    runtime: options.runtime,
    version,
    dataDir: options.dataDir,
    backup,
    attachments,
    attachmentUploads: new AttachmentUploads(attachments, clock),
    budget: new BudgetService(db, device, clock, audit),
    contracts: new ContractService({
      db,
      clock,
      lock,
      audit,
      device,
      budget: () => services.budget,
      approval: () => services.approval,
      attachments: () => services.attachments,
    }),
    approval: new ApprovalService({ db, audit, lock, clock, ...approvalPorts(() => services) }),
  };

  const projectsModule = createProjectsModule(services);
  const payments = new PaymentRequestService({ db, lock, clock, audit, budget: services.budget, approval: services.approval, attachments });
  const handlers = mergeHandlers(setupHandlers(services), authHandlers(services), userHandlers(services), systemHandlers(services), backupHandlers(services), auditHandlers(services), projectsModule.handlers, approvalHandlers(services), attachmentHandlers(services), paymentHandlers(services, payments), contractHandlers(services));
  const topics: TopicHandlers = {
    'users.changed': (_params, actor) => usersChanged(services, actor),
    'system.status': () => services.status.asObservable(),
    'backup.progress': () => backupProgress(services),
    'approval.inbox': (_params, actor) => approvalInboxTopic(services, actor),
    'budget.import.progress': (params) => projectsModule.importProgress(params.importId),
    'budget.changed': () => projectsModule.changed(),
  };
  const dispatcher = new Dispatcher(handlers, topics, sessions, logger);

  const connections = new Set<Connection>();
  // A session that ends (logout elsewhere, idle, disabled) takes its live views with it.
  const endedWatch = sessions.ended$.subscribe((sessionId) => {
    for (const connection of connections) {
      const token = connection.boundToken();
      if (token && sessionIdOf(token) === sessionId) connection.dropSession();
    }
  });
  const sweep = setInterval(() => {
    void sessions.sweepIdle().catch((error: unknown) => logger.error('idle sweep failed', error));
  }, options.idleSweepMs ?? 30_000);
  sweep.unref();
  backup.scheduler.start();

  return {
    services,
    connect(transport: TransportKind): CoreConnection {
      const connection = new Connection(dispatcher, transport, logger, (c) => connections.delete(c));
      connections.add(connection);
      return connection;
    },
    async close() {
      clearInterval(sweep);
      endedWatch.unsubscribe();
      settingsWatch.unsubscribe();
      for (const connection of [...connections]) connection.close();
      await backup.close();
      await db.close();
    },
  };
}

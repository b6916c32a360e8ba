import type { BehaviorSubject } from 'rxjs';
import type { SecurityPolicy } from '../../../shared/api';
import type { AuditLog } from '../audit/audit-log';
import type { BackupModule } from '../backup/backup-module';
import type { LoginService } from '../auth/login-service';
import type { DataKeyring } from '../keyring/data-keyring';
import type { SessionService } from '../auth/session-service';
import type { GovPayDatabase } from '../db/database';
import type { DeviceIdentity } from '../device/device-identity';
import type { SetupService } from '../setup/setup-service';
import type { SystemStatus } from '../system/system-handlers';
import type { UserService } from '../users/user-service';
import type { Clock } from './clock';
import type { WriteLock } from './write-lock';

/** Everything the handlers may use, built once in the composition root (create-core.ts). */
export interface CoreServices {
  db: GovPayDatabase;
  clock: Clock;
  lock: WriteLock;
  device: DeviceIdentity;
  audit: AuditLog;
  sessions: SessionService;
  keyring: DataKeyring;
  login: LoginService;
  users: UserService;
  setup: SetupService;
  status: BehaviorSubject<SystemStatus>;
  policy: () => SecurityPolicy;
  runtime: 'electron' | 'browser';
  version: string;
  /** folder holding the database (backups stage restores and keep their history here) */
  dataDir: string;
  backup: BackupModule;
}

import type { BehaviorSubject } from 'rxjs';
import type { SecurityPolicy } from '../../../shared/api';
import type { AuditLog } from '../audit/audit-log';
import type { BackupModule } from '../backup/backup-module';
import type { ApprovalService } from '../approval/approval-service';
import type { BudgetService } from '../budget/budget-service';
import type { LoginService } from '../auth/login-service';
import type { DataKeyring } from '../keyring/data-keyring';
import type { SessionService } from '../auth/session-service';
import type { GovPayDatabase } from '../db/database';
import type { DeviceIdentity } from '../device/device-identity';
import type { SetupService } from '../setup/setup-service';
import type { SystemStatus } from '../system/system-handlers';
import type { UserService } from '../users/user-service';
import type { ContractService } from '../contracts/contract-service';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { AttachmentUploads } from '../attachments/attachment-uploads';
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
  /** 预算: the R8 budget check and offline allocations (budget/budget-service.ts) */
  budget: BudgetService;
  /** 合同: counterparties, contracts, changes (APPROVAL applies approved ones), certificates */
  contracts: ContractService;
  /** 审批: routing by decision table, signed decisions, delegation, inbox (approval/approval-service.ts) */
  approval: ApprovalService;
  /** 附件: SM3 content-addressed evidence files (attachments/attachment-store.ts) */
  attachments: AttachmentStore;
  /** chunked uploads into the attachment store */
  attachmentUploads: AttachmentUploads;
}

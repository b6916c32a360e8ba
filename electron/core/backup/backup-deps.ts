import type { SecurityPolicy } from '../../../shared/api';
import type { Clock } from '../app/clock';
import type { Logger } from '../api/dispatcher';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import type { DeviceIdentity } from '../device/device-identity';
import type { BackupHistory } from './backup-history';
import type { BackupJobs } from './backup-jobs';

/** What the backup services need from the core; built once in create-core.ts. */
export interface BackupDeps {
  db: GovPayDatabase;
  audit: AuditLog;
  clock: Clock;
  device: DeviceIdentity;
  dataDir: string;
  runtime: 'electron' | 'browser';
  version: string;
  policy: () => SecurityPolicy;
  logger: Logger;
  jobs: BackupJobs;
  history: BackupHistory;
}

/** Who did it: a person, or null for the unattended daily backup. */
export type BackupActor = { id: string; name: string } | null;

/** The installation's own office (the root unit), for audit events and the manifest. */
export async function ownUnit(db: GovPayDatabase): Promise<{ id: string; name: string; uscc: string }> {
  const unit = (await db.units.findOne({ selector: { parentId: null } }).exec()) ?? (await db.units.findOne().exec());
  return unit ? { id: unit.id, name: unit.name, uscc: unit.uscc } : { id: '', name: '（未初始化）', uscc: '' };
}

/** collection → schema version this build of the application uses */
export function appSchemaVersions(db: GovPayDatabase): Record<string, number> {
  const versions: Record<string, number> = {};
  for (const [name, collection] of Object.entries(db.collections)) versions[name] = collection.schema.version;
  return versions;
}

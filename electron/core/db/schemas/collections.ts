import type { RxJsonSchema } from 'rxdb';
import { auditEventSchemaV0, type AuditEventDoc } from './audit-event-schema';
import {
  contractsSchemaV0,
  paymentsSchemaV0,
  projectsSchemaV0,
  recordsSchemaV0,
  riskAlertsSchemaV0,
  type ContractsDoc,
  type PaymentsDoc,
  type ProjectsDoc,
  type RecordsDoc,
  type RiskAlertsDoc,
} from './domain-collections';
import { sessionSchemaV0, type SessionDoc } from './session-schema';
import { settingSchemaV0, type SettingDoc } from './setting-schema';
import { unitSchemaV0, type UnitDoc } from './unit-schema';
import { userSchemaV1, type UserDoc } from './user-schema';

/** The document type of every collection of the local database, by collection name. */
export interface CollectionDocs {
  units: UnitDoc;
  users: UserDoc;
  sessions: SessionDoc;
  auditevents: AuditEventDoc;
  settings: SettingDoc;
  projects: ProjectsDoc;
  contracts: ContractsDoc;
  payments: PaymentsDoc;
  riskalerts: RiskAlertsDoc;
  records: RecordsDoc;
}

export type CollectionName = keyof CollectionDocs;

/**
 * The current schema of every collection. Raising a version here needs a migration per step in
 * db/migrations (the registry refuses to open otherwise) and a frozen copy of the old version.
 * Open-source RxDB opens at most 13 collections per process; keep some room below that.
 */
export const COLLECTION_SCHEMAS: { readonly [K in CollectionName]: RxJsonSchema<CollectionDocs[K]> } = {
  units: unitSchemaV0,
  users: userSchemaV1,
  sessions: sessionSchemaV0,
  auditevents: auditEventSchemaV0,
  settings: settingSchemaV0,
  projects: projectsSchemaV0,
  contracts: contractsSchemaV0,
  payments: paymentsSchemaV0,
  riskalerts: riskAlertsSchemaV0,
  records: recordsSchemaV0,
};

export const COLLECTION_NAMES: readonly CollectionName[] = [
  'units',
  'users',
  'sessions',
  'auditevents',
  'settings',
  'projects',
  'contracts',
  'payments',
  'riskalerts',
  'records',
];

/** Collections whose documents never change after insert (DESIGN.md data rules, R9). */
export const APPEND_ONLY_COLLECTIONS: readonly CollectionName[] = ['auditevents', 'records'];

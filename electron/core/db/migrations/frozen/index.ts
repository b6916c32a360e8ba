import { auditEventSchemaV0 } from './audit-event-schema-v0';
import { sessionSchemaV0 } from './session-schema-v0';
import { settingSchemaV0 } from './setting-schema-v0';
import { unitSchemaV0 } from './unit-schema-v0';
import { userSchemaV0 } from './user-schema-v0';

export type { AuditEventDocV0 } from './audit-event-schema-v0';
export type { SessionDocV0 } from './session-schema-v0';
export type { SettingDocV0 } from './setting-schema-v0';
export type { UnitDocV0 } from './unit-schema-v0';
export type { UserDocV0 } from './user-schema-v0';
export { auditEventSchemaV0, sessionSchemaV0, settingSchemaV0, unitSchemaV0, userSchemaV0 };

/** Any released schema; only compared and opened, never typed against documents. */
export interface FrozenSchema {
  readonly title?: string;
  readonly version: number;
}

/**
 * Frozen copies of every schema version that has been released, by collection and version. A
 * database on a desk may hold any of these; the migration test writes one with them. When a
 * collection's version is raised, its previous schema is copied here first (self-contained, no
 * imports from ../../schemas, which keep changing).
 */
export const FROZEN_SCHEMAS: Readonly<Record<string, Readonly<Record<number, FrozenSchema>>>> = {
  units: { 0: unitSchemaV0 },
  users: { 0: userSchemaV0 },
  sessions: { 0: sessionSchemaV0 },
  auditevents: { 0: auditEventSchemaV0 },
  settings: { 0: settingSchemaV0 },
};

/**
 * The first schema release: the collections the app wrote before the domain collections
 * (projects … decisiontables) existed, each at v0. This is "the previous version" the migration
 * test opens with the current code.
 */
export const RELEASE_0_SCHEMAS = {
  units: unitSchemaV0,
  users: userSchemaV0,
  sessions: sessionSchemaV0,
  auditevents: auditEventSchemaV0,
  settings: settingSchemaV0,
} as const;

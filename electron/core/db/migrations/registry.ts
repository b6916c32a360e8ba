import type { MigrationStrategies } from 'rxdb';
import type { CollectionName } from '../schemas/collections';
import type { RegisteredMigration } from './collection-migration';
import { usersV1KeyHistory } from './users-v1-key-history';

/**
 * Every schema migration, one file each (DESIGN.md: "migrations one per file, each with its own
 * test"). Add new ones at the end; never edit or remove a released one — a desk that has not
 * opened the app for a year still has to climb every step.
 */
export const MIGRATIONS: readonly RegisteredMigration[] = [usersV1KeyHistory];

/**
 * The RxDB `migrationStrategies` of one collection at `schemaVersion`: one function per step
 * 1…schemaVersion. Throws when a step is missing or doubled, so a version bump without its
 * migration fails at open in every mode — RxDB itself checks this only in dev-mode.
 */
export function migrationStrategiesFor(
  collection: CollectionName,
  schemaVersion: number,
  migrations: readonly RegisteredMigration[] = MIGRATIONS,
): MigrationStrategies {
  const own = migrations.filter((m) => m.collection === collection);
  const strategies: MigrationStrategies = {};
  for (const migration of own) {
    if (migration.toVersion < 1 || migration.toVersion > schemaVersion) {
      throw new Error(`migration of ${collection} to v${migration.toVersion} does not fit its schema (v${schemaVersion})`);
    }
    if (strategies[migration.toVersion]) {
      throw new Error(`two migrations of ${collection} to v${migration.toVersion}`);
    }
    strategies[migration.toVersion] = migration.migrate;
  }
  for (let version = 1; version <= schemaVersion; version++) {
    if (!strategies[version]) {
      throw new Error(`schema of ${collection} is v${schemaVersion} but there is no migration to v${version}`);
    }
  }
  return strategies;
}

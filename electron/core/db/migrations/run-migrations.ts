import type { RxCollection } from 'rxdb';
import type { RxMigrationStatus } from 'rxdb/plugins/migration-schema';
import type { CollectionName } from '../schemas/collections';

/** What one collection's migration did, for the log. */
export interface MigrationReport {
  collection: CollectionName;
  toVersion: number;
  /** documents carried over from the old version's table */
  handled: number;
  total: number;
}

/** Documents per write while migrating; a county's whole history is a few thousand per collection. */
const MIGRATION_BATCH_SIZE = 200;

/**
 * Runs the pending schema migrations of `collections`, one collection after another (they share
 * one SQLite connection). RxDB reads each old version's table, runs the strategies, writes the
 * new table and drops the old one; until that finishes the collection refuses writes, so the
 * database is handed out only after every migration is done. A failure stops the open: the app
 * must not run on half-migrated data, and the old table is still there for the next attempt.
 */
export async function runPendingMigrations(
  collections: ReadonlyArray<readonly [CollectionName, RxCollection]>,
): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  for (const [name, collection] of collections) {
    if (collection.schema.version === 0 || !(await collection.migrationNeeded())) continue;
    let status: RxMigrationStatus;
    try {
      status = await collection.migratePromise(MIGRATION_BATCH_SIZE);
    } catch (error) {
      throw new Error(`migration of ${name} to schema v${collection.schema.version} failed`, { cause: error });
    }
    reports.push({ collection: name, toVersion: collection.schema.version, handled: status.count.handled, total: status.count.total });
  }
  return reports;
}

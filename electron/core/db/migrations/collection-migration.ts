import type { MigrationStrategy } from 'rxdb';
import type { CollectionName } from '../schemas/collections';

/**
 * One schema step of one collection: turns a document stored at `toVersion - 1` into one valid
 * at `toVersion`. Pure and synchronous so it can be unit-tested on plain objects; RxDB runs it on
 * every stored document when the database opens (returning null would delete the document,
 * which no migration of this product does: records are kept, R9).
 *
 * RxDB hands the function the stored document including `_rev` and `_attachments`; a migration
 * builds its result by spreading the input, so those pass through untouched. In a collection
 * shared by several entities (projects, contracts, payments, riskalerts, records) a step sees
 * every docType: it changes the ones it is about and returns the others as they are.
 */
export interface CollectionMigration<From, To> {
  collection: CollectionName;
  toVersion: number;
  /** one line for logs and the release notes */
  description: string;
  migrate: (doc: From) => To;
}

/** A migration of any document types, as the registry holds them and RxDB runs them. */
export interface RegisteredMigration {
  readonly collection: CollectionName;
  readonly toVersion: number;
  readonly description: string;
  readonly migrate: MigrationStrategy;
}

export function defineMigration<From, To>(migration: CollectionMigration<From, To>): CollectionMigration<From, To> & RegisteredMigration {
  return migration;
}

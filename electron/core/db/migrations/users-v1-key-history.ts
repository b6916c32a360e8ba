import type { KeyHistoryEntry } from '../../../../shared/domain/key-history';
import { defineMigration } from './collection-migration';
import type { UserDocV0 } from './frozen/user-schema-v0';

/** A user at schema v1: v0 plus the history of their SM2 public keys. */
export type UserDocV1 = UserDocV0 & { keyHistory: KeyHistoryEntry[] };

/**
 * users v0 → v1: every user gets `keyHistory`, starting with their current key valid from the
 * account's creation. Keys replaced by password resets before this version are not in the user
 * document (only in the audit chain), so the history starts with the key the user holds now.
 * `updatedAt` is left alone: it records when a person last changed the account, and nobody did.
 */
export const usersV1KeyHistory = defineMigration({
  collection: 'users',
  toVersion: 1,
  description: 'users: add keyHistory (SM2 public keys over time) so old signatures stay verifiable',
  migrate: (doc: UserDocV0): UserDocV1 => ({
    ...doc,
    keyHistory: [{ publicKey: doc.publicKey, validFrom: doc.createdAt, validTo: null }],
  }),
});

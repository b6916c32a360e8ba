import type { RxJsonSchema } from 'rxdb';
import type { KeyHistoryEntry } from '../../../../shared/domain/key-history';
import type { Role } from '../../../../shared/domain/roles';
import {
  DOCUMENT_HEADER,
  HEADER_REQUIRED,
  NULLABLE_STRING,
  NULLABLE_TIMESTAMP,
  SM2_PUBLIC_KEY,
  TIMESTAMP,
} from './schema-parts';

export interface UserDoc {
  id: string;
  unitId: string;
  login: string;
  /** lower-case login: logins are unique regardless of case */
  loginKey: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  disabledReason: string | null;
  /** `scrypt$N$r$p$salt$hash` — never the password */
  passwordHash: string;
  passwordChangedAt: number;
  mustChangePassword: boolean;
  failedLoginCount: number;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  /** SM2 public key (hex); the private key is wrapped by a key derived from the password */
  publicKey: string;
  wrappedPrivateKey: string;
  /**
   * Every public key the user has had, oldest first; the last entry is `publicKey` with
   * `validTo: null`. A password reset replaces the key pair, and a decision signed before it is
   * verified with the key valid at its signing time (shared/domain/key-history.ts). Since v1.
   */
  keyHistory: KeyHistoryEntry[];
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** v1: adds keyHistory (migration users-v1-key-history.ts; v0 is frozen in migrations/frozen). */
export const userSchemaV1: RxJsonSchema<UserDoc> = {
  title: 'users',
  description: '用户',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...DOCUMENT_HEADER,
    login: { type: 'string', maxLength: 32 },
    loginKey: { type: 'string', maxLength: 32 },
    name: { type: 'string', maxLength: 40 },
    roles: { type: 'array', items: { type: 'string' }, minItems: 1 },
    disabled: { type: 'boolean' },
    disabledReason: NULLABLE_STRING,
    passwordHash: { type: 'string' },
    passwordChangedAt: TIMESTAMP,
    mustChangePassword: { type: 'boolean' },
    failedLoginCount: { type: 'integer', minimum: 0 },
    lockedUntil: NULLABLE_TIMESTAMP,
    lastLoginAt: NULLABLE_TIMESTAMP,
    publicKey: { type: 'string' },
    wrappedPrivateKey: { type: 'string' },
    keyHistory: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          publicKey: SM2_PUBLIC_KEY,
          validFrom: TIMESTAMP,
          validTo: NULLABLE_TIMESTAMP,
        },
        required: ['publicKey', 'validFrom', 'validTo'],
        additionalProperties: false,
      },
    },
  },
  required: [
    ...HEADER_REQUIRED,
    'login',
    'loginKey',
    'name',
    'roles',
    'disabled',
    'disabledReason',
    'passwordHash',
    'passwordChangedAt',
    'mustChangePassword',
    'failedLoginCount',
    'lockedUntil',
    'lastLoginAt',
    'publicKey',
    'wrappedPrivateKey',
    'keyHistory',
  ],
  indexes: ['loginKey', ['unitId', 'loginKey']],
  additionalProperties: false,
};

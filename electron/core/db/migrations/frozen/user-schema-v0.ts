import type { RxJsonSchema } from 'rxdb';
import { DOCUMENT_HEADER_V0, HEADER_REQUIRED_V0, NULLABLE_STRING_V0, NULLABLE_TIMESTAMP_V0, TIMESTAMP_V0, type DocumentHeaderV0 } from './header-v0';

/** A user as schema v0 stored it (before keyHistory). Frozen: never edit. */
export interface UserDocV0 extends DocumentHeaderV0 {
  login: string;
  loginKey: string;
  name: string;
  roles: string[];
  disabled: boolean;
  disabledReason: string | null;
  passwordHash: string;
  passwordChangedAt: number;
  mustChangePassword: boolean;
  failedLoginCount: number;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  publicKey: string;
  wrappedPrivateKey: string;
}

export const userSchemaV0: RxJsonSchema<UserDocV0> = {
  title: 'users',
  description: '用户',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...DOCUMENT_HEADER_V0,
    login: { type: 'string', maxLength: 32 },
    loginKey: { type: 'string', maxLength: 32 },
    name: { type: 'string', maxLength: 40 },
    roles: { type: 'array', items: { type: 'string' }, minItems: 1 },
    disabled: { type: 'boolean' },
    disabledReason: NULLABLE_STRING_V0,
    passwordHash: { type: 'string' },
    passwordChangedAt: TIMESTAMP_V0,
    mustChangePassword: { type: 'boolean' },
    failedLoginCount: { type: 'integer', minimum: 0 },
    lockedUntil: NULLABLE_TIMESTAMP_V0,
    lastLoginAt: NULLABLE_TIMESTAMP_V0,
    publicKey: { type: 'string' },
    wrappedPrivateKey: { type: 'string' },
  },
  required: [
    ...HEADER_REQUIRED_V0,
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
  ],
  indexes: ['loginKey', ['unitId', 'loginKey']],
  additionalProperties: false,
};

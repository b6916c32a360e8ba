import { describe, expect, expectTypeOf, it } from 'vitest';
import { fillWithDefaultSettings } from 'rxdb/plugins/core';
import { getValidator } from 'rxdb/plugins/validate-ajv';
import type { UserDocV0 } from '../../../../electron/core/db/migrations/frozen';
import { usersV1KeyHistory, type UserDocV1 } from '../../../../electron/core/db/migrations/users-v1-key-history';
import { userSchemaV1, type UserDoc } from '../../../../electron/core/db/schemas';

const KEY = '04' + '1f'.repeat(64);

function v0User(overrides: Partial<UserDocV0> = {}): UserDocV0 {
  return {
    id: '0195f000-0000-7000-8000-000000000010',
    unitId: '0195f000-0000-7000-8000-000000000001',
    login: 'Liu',
    loginKey: 'liu',
    name: '刘会计',
    roles: ['finance'],
    disabled: false,
    disabledReason: null,
    passwordHash: 'scrypt$32768$8$1$00$11',
    passwordChangedAt: 1_767_600_000_000,
    mustChangePassword: false,
    failedLoginCount: 0,
    lockedUntil: null,
    lastLoginAt: null,
    publicKey: KEY,
    wrappedPrivateKey: 'sm4seal-v1$00$11',
    createdBy: 'setup',
    createdAt: 1_767_500_000_000,
    updatedAt: 1_767_700_000_000,
    ...overrides,
  };
}

/** What RxDB hands a strategy: the stored document with its revision and attachments. */
const STORED = { _rev: '3-abcdef', _attachments: {} };

describe('users v0 → v1 (keyHistory)', () => {
  it('is registered as the step to users v1', () => {
    expect(usersV1KeyHistory).toMatchObject({ collection: 'users', toVersion: 1 });
    expect(userSchemaV1.version).toBe(1);
  });

  it('starts the history with the current key, valid from the account’s creation and still open', () => {
    const migrated = usersV1KeyHistory.migrate(v0User());
    expect(migrated.keyHistory).toEqual([{ publicKey: KEY, validFrom: 1_767_500_000_000, validTo: null }]);
  });

  it('keeps every other field, updatedAt included, and passes RxDB’s fields through', () => {
    const before = { ...v0User({ disabled: true, disabledReason: '调离', lockedUntil: 5, lastLoginAt: 4, failedLoginCount: 3 }), ...STORED };
    const migrated = usersV1KeyHistory.migrate(before);
    const { keyHistory, ...rest } = migrated;
    expect(rest).toEqual(before);
    expect(keyHistory).toHaveLength(1);
  });

  it('does not touch its input', () => {
    const before = v0User();
    const copy = structuredClone(before);
    usersV1KeyHistory.migrate(Object.freeze(before));
    expect(before).toEqual(copy);
  });

  it('produces documents the v1 schema accepts', () => {
    const validate = getValidator(fillWithDefaultSettings(userSchemaV1));
    const migrated = usersV1KeyHistory.migrate({ ...v0User(), ...STORED });
    expect(validate({ ...migrated, _deleted: false, _meta: { lwt: 1 } })).toEqual([]);
  });

  it('matches the current user document type', () => {
    expectTypeOf<UserDoc>().toMatchTypeOf<UserDocV1>();
    expectTypeOf<UserDocV1['keyHistory']>().toEqualTypeOf<UserDoc['keyHistory']>();
  });
});

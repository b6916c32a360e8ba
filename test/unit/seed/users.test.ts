import { describe, expect, it } from 'vitest';
import { sm2Sign, sm2Verify } from '../../../shared/crypto';
import { verifyPassword } from '../../../electron/core/auth/password-hashing';
import { unwrapPrivateKey } from '../../../electron/core/auth/user-keys';
import { accountDocs, withKeys } from '../../../electron/core/seed/users';

describe('generated accounts', () => {
  it('are made as UserService makes them: the password verifies and opens the signing key', async () => {
    const [user] = withKeys([{ id: '0190d3a0-0000-7000-8000-000000000001', login: 'wangjh', name: '王建华', roles: ['finance'], unitId: 'u' }]);
    if (!user) throw new Error('no user');
    const [doc] = await accountDocs([user], { password: 'Demo#2026a', mustChangePassword: () => true }, 1_700_000_000_000, 'admin-id');
    if (!doc) throw new Error('no doc');
    expect(await verifyPassword('Demo#2026a', doc.passwordHash)).toBe(true);
    const privateKey = await unwrapPrivateKey(doc.wrappedPrivateKey, 'Demo#2026a');
    expect(privateKey).toBe(user.privateKey);
    expect(sm2Verify('x', sm2Sign('x', privateKey), doc.publicKey)).toBe(true);
    expect(doc).toMatchObject({ mustChangePassword: true, createdBy: 'admin-id', keyHistory: [{ publicKey: user.publicKey, validFrom: 1_700_000_000_000, validTo: null }] });
  }, 30_000);
});

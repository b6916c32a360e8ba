import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids/uuidv7';
import { sessionIdOf } from '../../../electron/core/auth/session-service';
import { decryptField, encryptField } from '../../../electron/core/keyring/field-cipher';
import type { CounterpartyDoc } from '../../../electron/core/db/schemas/counterparty-schema';
import { ADMIN_PASSWORD, SETUP_INPUT, startTestCore, typed, valueOf, type TestCore, type TypedCaller } from '../../support/test-core';

const ACCOUNT = '6222020200112233445';
const PW = 'Init#2026a';

describe('SM4 field encryption under the installation data key', () => {
  let t: TestCore;
  let admin: TypedCaller;
  let recoveryCode: string;

  beforeEach(async () => {
    t = await startTestCore();
    admin = typed(t.core.connect('direct'));
    recoveryCode = valueOf(await admin.call('setup.initialize', SETUP_INPUT)).recoveryCode;
    valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
  });
  afterEach(async () => t.close());

  async function sessionKey(caller: TypedCaller): Promise<Uint8Array | null> {
    const me = valueOf(await caller.call('auth.me', {}));
    return (await t.core.services.sessions.resolve(me.sessionToken)).dataKey;
  }

  it('opens the same data key for the administrator, a new user, after a reset and a change, and with the recovery code', async () => {
    const adminKey = await sessionKey(admin);
    expect(adminKey).toHaveLength(16);
    const created = valueOf(await admin.call('users.create', { login: 'liu', name: '刘会计', roles: ['finance'], password: PW, passwordConfirm: PW }));
    expect(await t.core.services.keyring.unlockForUser(created.id, PW)).toEqual(adminKey);
    await expect(t.core.services.keyring.unlockForUser(created.id, 'Wrong#2026a')).rejects.toThrow();

    valueOf(await admin.call('users.resetPassword', { userId: created.id, password: 'Reset#2026b', passwordConfirm: 'Reset#2026b' }));
    const liu = typed(t.core.connect('direct'));
    valueOf(await liu.call('auth.login', { login: 'liu', password: 'Reset#2026b' }));
    expect(await sessionKey(liu)).toEqual(adminKey);
    valueOf(await liu.call('auth.changePassword', { currentPassword: 'Reset#2026b', newPassword: 'Next#2026c', newPasswordConfirm: 'Next#2026c' }));
    expect(await t.core.services.keyring.unlockForUser(created.id, 'Next#2026c')).toEqual(adminKey);

    expect(await t.core.services.keyring.unlockWithRecoveryCode(recoveryCode.toLowerCase())).toEqual(adminKey);
    await expect(t.core.services.keyring.unlockWithRecoveryCode('0000-0000-0000-0000-0000-0000-00')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('wipes the key from memory when the session ends, and refuses to hand it on without it', async () => {
    const me = valueOf(await admin.call('auth.me', {}));
    const key = await sessionKey(admin);
    valueOf(await admin.call('auth.logout', {}));
    expect(key?.every((b) => b === 0)).toBe(true);
    await t.core.services.sessions.end(sessionIdOf(me.sessionToken), 'logout');
    // a session resumed after the core restarted holds no key: user creation must not silently skip it
    const other = typed(t.core.connect('direct'));
    const token = valueOf(await other.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD })).sessionToken;
    const actor = await t.core.services.sessions.resolve(token);
    await expect(
      t.core.services.users.create({ ...actor, dataKey: null }, { login: 'zhou', name: '周', roles: ['cashier'], password: PW, passwordConfirm: PW }),
    ).rejects.toMatchObject({ code: 'DATA_KEY_LOCKED' });
    expect(await t.core.services.db.users.findOne({ selector: { loginKey: 'zhou' } }).exec()).toBeNull();
  });

  it('keeps no clear account number anywhere in the SQLite files, and binds each ciphertext to its record', async () => {
    const key = await sessionKey(admin);
    if (!key) throw new Error('no key');
    const me = valueOf(await admin.call('auth.me', {}));
    const id = newId();
    const now = t.clock.now();
    const counterparty: CounterpartyDoc = {
      id,
      unitId: me.unit.id,
      createdBy: me.user.id,
      createdAt: now,
      updatedAt: now,
      docType: 'counterparty',
      name: '青山建设集团有限公司',
      uscc: '91350100M000100Y43',
      isSme: true,
      bankName: '中国工商银行青山支行',
      bankAccountEnc: encryptField(ACCOUNT, key, { collection: 'contracts', field: 'bankAccount', docId: id }),
      bankAccountLast4: ACCOUNT.slice(-4),
      wageBankName: null,
      wageAccountEnc: null,
      wageAccountLast4: null,
    };
    await t.core.services.db.contracts.insert(counterparty);
    const stored = await t.core.services.db.contracts.findOne(id).exec();
    const enc = (stored?.toJSON() as unknown as CounterpartyDoc).bankAccountEnc;
    expect(decryptField(enc, key, { collection: 'contracts', field: 'bankAccount', docId: id })).toBe(ACCOUNT);
    expect(() => decryptField(enc, key, { collection: 'contracts', field: 'bankAccount', docId: newId() })).toThrow();

    for (const file of readdirSync(t.dataDir).filter((f) => f.startsWith('govpay.sqlite'))) {
      const bytes = readFileSync(join(t.dataDir, file));
      expect(bytes.includes(Buffer.from(ACCOUNT, 'utf8')), file).toBe(false);
      expect(bytes.includes(Buffer.from(ACCOUNT, 'utf16le')), file).toBe(false);
      expect(bytes.includes(Buffer.from(ADMIN_PASSWORD, 'utf8')), file).toBe(false);
    }
  });

  it('lets the recovery code set a new administrator password that opens the same data key, and nothing else', async () => {
    const adminKey = Uint8Array.from((await sessionKey(admin)) ?? []);
    const anonymous = typed(t.core.connect('direct'));
    const input = { recoveryCode: recoveryCode, login: 'admin', newPassword: 'Found#2026x', newPasswordConfirm: 'Found#2026x' };
    expect(await anonymous.call('auth.recoverAdmin', { ...input, recoveryCode: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS', field: 'recoveryCode' },
    });
    valueOf(await admin.call('users.create', { login: 'qian', name: '钱', roles: ['finance'], password: PW, passwordConfirm: PW }));
    expect(await anonymous.call('auth.recoverAdmin', { ...input, login: 'qian' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'login' } });
    valueOf(await anonymous.call('auth.recoverAdmin', input));
    // the administrator's old session ended; the new password signs in and opens the same key
    expect((await admin.call('auth.me', {})).ok).toBe(false);
    valueOf(await anonymous.call('auth.login', { login: 'admin', password: 'Found#2026x' }));
    expect(await sessionKey(anonymous)).toEqual(adminKey);
    const events = valueOf(await anonymous.call('audit.events', { limit: 5 })).events.map((e) => e.action);
    expect(events).toContain('auth.recoverAdmin');
  });
});

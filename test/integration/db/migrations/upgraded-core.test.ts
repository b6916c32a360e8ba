import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../electron/core/app/clock';
import { createCore, type Core } from '../../../../electron/core/app/create-core';
import { unwrapPrivateKey } from '../../../../electron/core/auth/user-keys';
import type { UserDoc } from '../../../../electron/core/db/schemas';
import { sm2Sign, sm2Verify, sm3Hex } from '../../../../shared/crypto';
import { keyValidAt } from '../../../../shared/domain/key-history';
import { typed, valueOf, type TypedCaller } from '../../../support/test-core';
import { tempDir } from '../../../fixtures/db/temp-database';
import { V0_TIME, writeV0Database, type V0Database } from '../../../fixtures/db/write-v0-database';

const DAY = 86_400_000;
/** below the fixture’s 10-minute idle timeout, so the admin session stays alive */
const STEP = 60_000;
const NEW_PASSWORD = 'Reset#2026b';

/** The whole core on a file the previous release wrote: sign in, administer, keep signatures verifiable. */
describe('the core on an upgraded database', () => {
  const tmp = tempDir('govpay-upgrade-');
  const clock = new ManualClock(V0_TIME + DAY);
  let v0: V0Database;
  let core: Core;
  let admin: TypedCaller;

  beforeAll(async () => {
    v0 = await writeV0Database(tmp.dir);
    core = await createCore({ dataDir: tmp.dir, runtime: 'browser', clock, devMode: true, logger: { error: () => undefined } });
    admin = typed(core.connect('direct'));
    valueOf(await admin.call('auth.login', { login: 'admin', password: v0.passwords.admin }));
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  async function stored(login: string): Promise<UserDoc> {
    const doc = await core.services.db.users.findOne({ selector: { loginKey: login } }).exec();
    if (!doc) throw new Error(`no user ${login}`);
    return doc.toMutableJSON() as UserDoc;
  }

  it('signs the old users in, with the old policy and the old device chain continued', async () => {
    const liu = typed(core.connect('direct'));
    expect((await liu.call('auth.login', { login: 'liu', password: v0.passwords.liu })).ok).toBe(true);
    const last = v0.auditevents[v0.auditevents.length - 1];
    if (!last) throw new Error('fixture has no audit events');
    const next = await core.services.db.auditevents.findOne({ selector: { deviceId: last.deviceId, seq: last.seq + 1 } }).exec();
    expect(next?.prevHash).toBe(last.hash);
    expect(core.services.policy().lockoutThreshold).toBe(3);
  });

  it('keeps an old signature verifiable after a password reset replaces the key', async () => {
    const before = await stored('liu');
    const fixtureLiu = v0.users.find((u) => u.loginKey === 'liu');
    if (!fixtureLiu) throw new Error('fixture has no liu');
    // Liu signed something before the reset, with the key of the previous release
    const signedAt = clock.now();
    const privateKey = await unwrapPrivateKey(fixtureLiu.wrappedPrivateKey, v0.passwords.liu);
    const digest = sm3Hex('审批意见：同意');
    const signature = sm2Sign(digest, privateKey);

    clock.advance(STEP);
    const resetAt = clock.now();
    valueOf(await admin.call('users.resetPassword', { userId: before.id, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD }));
    const after = await stored('liu');
    expect(after.publicKey).not.toBe(before.publicKey);
    expect(after.keyHistory).toEqual([
      { publicKey: before.publicKey, validFrom: before.createdAt, validTo: resetAt },
      { publicKey: after.publicKey, validFrom: resetAt, validTo: null },
    ]);

    const keyThen = keyValidAt(after.keyHistory, signedAt);
    expect(keyThen).toBe(before.publicKey);
    expect(sm2Verify(digest, signature, keyThen ?? '')).toBe(true);
    expect(sm2Verify(digest, signature, after.publicKey)).toBe(false);

    clock.advance(STEP);
    valueOf(await admin.call('users.resetPassword', { userId: before.id, password: 'Again#2026c', passwordConfirm: 'Again#2026c' }));
    const third = await stored('liu');
    expect(third.keyHistory).toHaveLength(3);
    expect(third.keyHistory.filter((k) => k.validTo === null)).toEqual([{ publicKey: third.publicKey, validFrom: clock.now(), validTo: null }]);
    expect(keyValidAt(third.keyHistory, signedAt)).toBe(before.publicKey);
  });

  it('starts the key history of a new account at its creation', async () => {
    const created = valueOf(
      await admin.call('users.create', { login: 'chen', name: '陈出纳', roles: ['cashier'], password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD }),
    );
    const doc = await stored('chen');
    expect(doc.id).toBe(created.id);
    expect(doc.keyHistory).toEqual([{ publicKey: doc.publicKey, validFrom: clock.now(), validTo: null }]);
  });
});

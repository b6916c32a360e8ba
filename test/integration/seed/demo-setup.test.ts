import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_STATUSES } from '../../../shared/domain/payment-request-status';
import { ManualClock } from '../../../electron/core/app/clock';
import { createCore, type Core } from '../../../electron/core/app/create-core';
import { checkSeedInvariants } from '../../../electron/core/seed/invariants/check-seed-invariants';
import { applyPendingDemoRemoval, DEMO_REMOVAL_MARKER } from '../../../electron/core/setup/demo-removal';
import { ContentFiles } from '../../../electron/core/attachments/content-files';
import { bytesToHex, utf8ToBytes } from '../../../shared/crypto';
import { sm3Fast } from '../../../shared/crypto/sm3-fast';
import { ADMIN_PASSWORD, SETUP_INPUT, START_TIME, typed, valueOf } from '../../support/test-core';

const quietLogger = { error: () => undefined };

function start(dataDir: string): Promise<Core> {
  return createCore({ dataDir, runtime: 'browser', clock: new ManualClock(START_TIME), devMode: true, logger: quietLogger });
}

/** 体验数据 through the API: created from first run, marked as demo, removed at the next start. */
describe('the demo office (体验数据)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'govpay-demo-'));
  let core: Core;

  beforeAll(async () => {
    core = await start(dataDir);
  });
  afterAll(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is offered only with a password the person chooses, checked by the policy', async () => {
    const api = typed(core.connect('direct'));
    expect(valueOf(await api.call('setup.status', {}))).toEqual({ initialized: false, unitName: null, demoDataPresent: false, demoRemovalPending: false });
    const weak = await api.call('setup.createDemo', { password: 'short', passwordConfirm: 'short' });
    expect(weak.ok ? null : [weak.error.code, weak.error.field]).toEqual(['WEAK_PASSWORD', 'password']);
    const mismatch = await api.call('setup.createDemo', { password: ADMIN_PASSWORD, passwordConfirm: `${ADMIN_PASSWORD}x` });
    expect(mismatch.ok ? null : mismatch.error.code).toBe('PASSWORD_MISMATCH');
  });

  it('creates a whole county office, every account on that password, only the admin without a forced change', async () => {
    const api = typed(core.connect('direct'));
    const demo = valueOf(await api.call('setup.createDemo', { password: ADMIN_PASSWORD, passwordConfirm: ADMIN_PASSWORD }));
    expect(demo.adminLogin).toBe('admin');
    expect(new Set(demo.users.flatMap((u) => u.roles))).toEqual(new Set(['admin', 'projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer']));
    expect(demo.counts.projects).toBe(10);
    expect(demo.counts.requests).toBeGreaterThan(150);
    const again = await api.call('setup.createDemo', { password: ADMIN_PASSWORD, passwordConfirm: ADMIN_PASSWORD });
    expect(again.ok ? null : again.error.code).toBe('ALREADY_SET_UP');
    expect(valueOf(await api.call('setup.status', {}))).toEqual({ initialized: true, unitName: demo.unitName, demoDataPresent: true, demoRemovalPending: false });

    const admin = valueOf(await api.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    expect(admin.user.mustChangePassword).toBe(false);
    const listed = valueOf(await api.call('users.list', { includeDisabled: false }));
    expect(listed.map((u) => u.login).sort()).toEqual(demo.users.map((u) => u.login).sort());
    const lead = demo.users.find((u) => u.roles.includes('projectLead'));
    if (!lead) throw new Error('no project lead');
    const other = typed(core.connect('direct'));
    const signedIn = valueOf(await other.call('auth.login', { login: lead.login, password: ADMIN_PASSWORD }));
    expect(signedIn.user.mustChangePassword).toBe(true);
    valueOf(await other.call('auth.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'Lead#2026b', newPasswordConfirm: 'Lead#2026b' }));
    const refused = await other.call('setup.removeDemo', { confirm: true });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  }, 180_000);

  it('holds every invariant and every request state, with an intact audit chain', async () => {
    const report = await checkSeedInvariants(core.services.db, { signatureSampleEvery: 1 });
    expect(report.violations).toEqual([]);
    for (const status of REQUEST_STATUSES) expect({ status, present: report.statuses[status] > 0 }).toEqual({ status, present: true });
    const actions = (await core.services.db.auditevents.find().exec()).map((e) => e.action);
    expect(actions).toContain('seed.generate');
    expect(actions).toContain('setup.createDemo');
  }, 60_000);

  it('is removed at the next start after an administrator confirms, and the app returns to first run', async () => {
    const api = typed(core.connect('direct'));
    valueOf(await api.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    const unconfirmed = await api.call('setup.removeDemo', {} as never);
    expect(unconfirmed.ok ? null : unconfirmed.error.code).toBe('VALIDATION_FAILED');
    expect(valueOf(await api.call('setup.removeDemo', { confirm: true }))).toEqual({ pendingRestart: true });
    const status = valueOf(await api.call('setup.status', {}));
    expect(status).toMatchObject({ initialized: false, demoDataPresent: true, demoRemovalPending: true });
    const me = await api.call('auth.me', {});
    expect(me.ok).toBe(false);
    // a file uploaded while trying the demo out goes with it
    const evidence = utf8ToBytes('%PDF-1.7 demo evidence');
    const sm3 = bytesToHex(sm3Fast(evidence));
    const files = new ContentFiles(dataDir);
    files.put(sm3, evidence);
    expect(existsSync(files.pathOf(sm3))).toBe(true);

    await core.close();
    core = await start(dataDir);
    expect(existsSync(join(dataDir, 'attachments'))).toBe(false);
    const fresh = typed(core.connect('direct'));
    expect(valueOf(await fresh.call('setup.status', {}))).toEqual({ initialized: false, unitName: null, demoDataPresent: false, demoRemovalPending: false });
    expect(await core.services.db.payments.count().exec()).toBe(0);
    expect(await core.services.db.units.count().exec()).toBe(0);
    expect(readdirSync(dataDir)).not.toContain(DEMO_REMOVAL_MARKER);
  }, 60_000);

  it('cannot remove an office that is not the demo, not even with a forged marker', async () => {
    const api = typed(core.connect('direct'));
    valueOf(await api.call('setup.initialize', SETUP_INPUT));
    valueOf(await api.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    const refused = await api.call('setup.removeDemo', { confirm: true });
    expect(refused.ok ? null : [refused.error.code, refused.error.message]).toEqual(['FORBIDDEN', '只有体验数据可以删除；本机数据不是体验数据']);
    await core.close();
    const evidence = utf8ToBytes('%PDF-1.7 real evidence');
    const files = new ContentFiles(dataDir);
    files.put(bytesToHex(sm3Fast(evidence)), evidence);
    writeFileSync(join(dataDir, DEMO_REMOVAL_MARKER), JSON.stringify({ requestedAt: 1, requestedBy: { id: 'x', name: 'x' }, demoCreatedAt: 1 }));
    expect(applyPendingDemoRemoval(dataDir)).toBe('refused');
    expect(existsSync(join(dataDir, 'govpay.sqlite'))).toBe(true);
    expect(files.get(bytesToHex(sm3Fast(evidence)))).toEqual(evidence);
    core = await start(dataDir);
    expect(valueOf(await typed(core.connect('direct')).call('setup.status', {}))).toMatchObject({ initialized: true, demoDataPresent: false });
  }, 60_000);
});

import type { Role } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../api/handler-types';
import type { CoreServices } from '../app/core-services';
import { dayOf } from '../seed/calendar';
import { generateSeed } from '../seed/generate';
import { DEMO_SETTING, readDemoSetting, type DemoSettingValue } from '../seed/seed-settings';
import { assertPassword } from '../users/user-service';
import { demoRemovalPending, stageDemoRemoval } from './demo-removal';

/** The demo office is always the same fictional county (dates follow the day it is made). */
export const DEMO_SEED = 'govpay-demo';

export interface DemoCreated {
  unitName: string;
  uscc: string;
  adminLogin: string;
  users: { login: string; name: string; roles: Role[] }[];
  counts: { projects: number; contracts: number; requests: number };
  recoveryCode: string;
}

type DemoDeps = Pick<CoreServices, 'db' | 'audit' | 'lock' | 'clock' | 'device' | 'keyring' | 'sessions' | 'policy' | 'dataDir'>;

/**
 * 体验数据: a whole fictional county office made by the seed generator at scale 1, for people
 * who want to look around before entering their own office. The person chooses the password
 * (no default ships); the administrator keeps it, every other demo account must choose its own
 * at first sign-in. The installation is marked as demo (settings 'demo') for as long as it is.
 */
export class DemoService {
  constructor(private readonly deps: DemoDeps) {}

  async status(): Promise<{ present: boolean; removalPending: boolean }> {
    return { present: (await readDemoSetting(this.deps.db)) !== null, removalPending: demoRemovalPending(this.deps.dataDir) };
  }

  async create(input: { password: string; passwordConfirm: string }): Promise<DemoCreated> {
    const { db, clock, policy } = this.deps;
    assertPassword(input.password, input.passwordConfirm, 'admin', policy(), 'password', 'passwordConfirm');
    return this.deps.lock.run(async () => {
      if ((await db.units.count().exec()) > 0) throw new AppError('ALREADY_SET_UP');
      if (demoRemovalPending(this.deps.dataDir)) throw new AppError('CONFLICT', '体验数据正在等待删除，请重新启动程序后再试');
      const now = clock.now();
      // Marked as demo before anything else is written: should generation fail half way, the
      // half-made demo can be removed like a whole one (and is, at the next start).
      const value: DemoSettingValue = { createdAt: now };
      await db.settings.upsert({ id: DEMO_SETTING, unitId: '', value: { ...value }, createdBy: 'setup', createdAt: now, updatedAt: now });
      let summary: Awaited<ReturnType<typeof generateSeed>>;
      try {
        // The data ends yesterday, so nothing in it lies in the future of anyone looking at it.
        summary = await generateSeed({
          db,
          scale: 1,
          seed: DEMO_SEED,
          asOfDay: dayOf(now) - 1,
          password: input.password,
          mustChangePassword: (user) => !user.roles.includes('admin'),
          checkPassword: (login) => assertPassword(input.password, input.passwordConfirm, login, policy(), 'password', 'passwordConfirm'),
          deviceId: this.deps.device.deviceId,
          audit: this.deps.audit,
          keyring: this.deps.keyring,
          purpose: 'demo',
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'WEAK_PASSWORD') {
          // refused before anything but the marker was written
          await (await db.settings.findOne(DEMO_SETTING).exec())?.remove();
          throw error;
        }
        stageDemoRemoval(this.deps.dataDir, { requestedAt: now, requestedBy: { id: 'setup', name: '首次运行' }, demoCreatedAt: now });
        throw new AppError('INTERNAL', '生成体验数据未能完成；已写入的部分将在程序下次启动时清除，请重新启动后再试');
      }
      const admin = await db.users.findOne({ selector: { loginKey: summary.adminLogin } }).exec();
      await this.deps.audit.appendLocked({
        unitId: summary.unitId,
        actor: admin ? { id: admin.id, name: admin.name } : null,
        action: 'setup.createDemo',
        entity: 'unit',
        entityId: summary.unitId,
        summary: `首次运行选择体验数据：创建虚构单位 ${summary.unitName}（${summary.uscc}）及 ${summary.users.length} 个体验账号`,
        payload: { unitId: summary.unitId, users: summary.users.map((u) => u.login), counts: summary.counts },
      });
      return {
        unitName: summary.unitName,
        uscc: summary.uscc,
        adminLogin: summary.adminLogin,
        users: summary.users,
        counts: { projects: summary.counts.project ?? 0, contracts: summary.counts.contract ?? 0, requests: summary.counts.paymentRequest ?? 0 },
        // without it a forgotten demo password would leave no administrator to remove the demo
        recoveryCode: summary.recoveryCode,
      };
    });
  }

  /**
   * Stages the removal for the next start (demo-removal.ts) and signs everyone out: from now on
   * the app shows first run with a note to restart. Only a demo installation can be removed.
   */
  async requestRemoval(actor: Actor): Promise<{ pendingRestart: true }> {
    const { db, clock, audit, sessions, dataDir } = this.deps;
    await this.deps.lock.run(async () => {
      const demo = await db.settings.findOne(DEMO_SETTING).exec();
      const value = demo ? (demo.value as Partial<DemoSettingValue>) : null;
      if (!demo || typeof value?.createdAt !== 'number') throw new AppError('FORBIDDEN', '只有体验数据可以删除；本机数据不是体验数据');
      const now = clock.now();
      const by = { id: actor.user.id, name: actor.user.name };
      stageDemoRemoval(dataDir, { requestedAt: now, requestedBy: by, demoCreatedAt: value.createdAt });
      await demo.incrementalPatch({ value: { ...value, removalRequestedAt: now, removalRequestedBy: by }, updatedAt: now });
      await audit.appendLocked({
        unitId: actor.unit.id,
        actor: by,
        action: 'setup.removeDemo',
        entity: 'unit',
        entityId: actor.unit.id,
        summary: `${by.name}申请删除体验数据：下次启动时删除全部体验数据，回到首次运行`,
        payload: { requestedAt: now },
      });
    });
    const users = await db.users.find().exec();
    for (const user of users) await sessions.endAllOf(user.id, 'logout');
    return { pendingRestart: true };
  }
}

import { Subject } from 'rxjs';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { sm3Hex } from '../../../shared/crypto';
import type { Clock } from '../app/clock';
import type { GovPayDatabase } from '../db/database';
import type { SessionEndReason, UnitDoc, UserDoc } from '../db/schemas';
import type { Actor } from '../api/handler-types';
import type { SessionResolver } from '../api/dispatcher';
import { unitsInScope } from '../units/unit-scope';
import type { SecurityPolicy } from '../../../shared/api';

/** How often a session's last activity is written to disk; in memory it is exact. */
const ACTIVITY_PERSIST_MS = 60_000;

export function sessionIdOf(token: string): string {
  return sm3Hex(`session:${token}`);
}

/**
 * Sessions persist in the database (by the SM3 of their token, never the token), end on logout,
 * on idle timeout (R11), when the user is disabled or their password reset.
 */
export class SessionService implements SessionResolver {
  /** session ids that just ended, so connections can drop their live views */
  readonly ended$ = new Subject<string>();
  private readonly lastActivity = new Map<string, { at: number; persistedAt: number }>();
  /** the data key opened at sign-in, per session; memory only, wiped when the session ends */
  private readonly dataKeys = new Map<string, Uint8Array>();

  constructor(
    private readonly db: GovPayDatabase,
    private readonly clock: Clock,
    private readonly policy: () => SecurityPolicy,
  ) {}

  idleTimeoutMs(): number {
    return this.policy().idleTimeoutMinutes * 60_000;
  }

  async create(user: UserDoc, transport: string, dataKey: Uint8Array | null = null): Promise<string> {
    const token = randomBytes(32).toString('hex');
    const now = this.clock.now();
    const id = sessionIdOf(token);
    await this.db.sessions.insert({
      id,
      unitId: user.unitId,
      userId: user.id,
      transport,
      lastActivityAt: now,
      endedAt: null,
      endReason: null,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    });
    this.lastActivity.set(id, { at: now, persistedAt: now });
    if (dataKey) this.dataKeys.set(id, dataKey);
    return token;
  }

  async resolve(token: string): Promise<Actor> {
    const id = sessionIdOf(token);
    const session = await this.db.sessions.findOne(id).exec();
    if (!session || session.endedAt !== null) {
      throw new AppError('NOT_AUTHENTICATED', session?.endReason === 'idle' ? '长时间未操作，会话已超时，请重新登录' : undefined);
    }
    const now = this.clock.now();
    const activity = this.lastActivity.get(id) ?? { at: session.lastActivityAt, persistedAt: session.lastActivityAt };
    if (now - activity.at > this.idleTimeoutMs()) {
      await this.end(id, 'idle');
      throw new AppError('SESSION_EXPIRED');
    }
    const user = await this.db.users.findOne(session.userId).exec();
    if (!user || user.disabled) {
      await this.end(id, 'disabled');
      throw new AppError('ACCOUNT_DISABLED');
    }
    const units = await this.db.units.find().exec();
    const unit = units.find((u) => u.id === user.unitId);
    if (!unit) throw new AppError('NOT_FOUND', '用户所属单位不存在');
    activity.at = now;
    this.lastActivity.set(id, activity);
    if (now - activity.persistedAt >= ACTIVITY_PERSIST_MS) {
      activity.persistedAt = now;
      await session.incrementalPatch({ lastActivityAt: now, updatedAt: now });
    }
    return {
      user: user.toMutableJSON() as UserDoc,
      unit: unit.toMutableJSON() as UnitDoc,
      roles: [...user.roles],
      sessionId: id,
      dataKey: this.dataKeys.get(id) ?? null,
      scopeUnitIds: unitsInScope(unit.id, units.map((u) => ({ id: u.id, parentId: u.parentId }))),
    };
  }

  async end(sessionId: string, reason: SessionEndReason): Promise<void> {
    const session = await this.db.sessions.findOne(sessionId).exec();
    this.lastActivity.delete(sessionId);
    this.dataKeys.get(sessionId)?.fill(0);
    this.dataKeys.delete(sessionId);
    if (session && session.endedAt === null) {
      const now = this.clock.now();
      await session.incrementalPatch({ endedAt: now, endReason: reason, updatedAt: now });
    }
    this.ended$.next(sessionId);
  }

  async endAllOf(userId: string, reason: SessionEndReason): Promise<void> {
    const open = await this.db.sessions.find({ selector: { userId, endedAt: null } }).exec();
    for (const session of open) await this.end(session.id, reason);
  }

  /** Ends sessions idle past the timeout, so their live views stop even without a new call. */
  async sweepIdle(): Promise<number> {
    const now = this.clock.now();
    const open = await this.db.sessions.find({ selector: { endedAt: null } }).exec();
    let ended = 0;
    for (const session of open) {
      const at = this.lastActivity.get(session.id)?.at ?? session.lastActivityAt;
      if (now - at > this.idleTimeoutMs()) {
        await this.end(session.id, 'idle');
        ended += 1;
      }
    }
    return ended;
  }
}

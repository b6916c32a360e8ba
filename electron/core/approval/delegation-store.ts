import type { ActiveDelegation } from '../../../shared/approval/approval-progress';
import { APPROVER_ROLES, type ApproverRole } from '../../../shared/domain/approval';
import { roleConflict } from '../../../shared/domain/role-rules';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import type { Clock } from '../app/clock';
import { runAtomically } from '../app/unit-of-work';
import type { WriteLock } from '../app/write-lock';
import type { Actor } from '../api/handler-types';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import type { SettingDoc } from '../db/schemas';

/** 审批委托: while away, a user lets a colleague of the same office sign their steps of one role. */
export interface Delegation {
  id: string;
  unitId: string;
  fromUserId: string;
  fromName: string;
  toUserId: string;
  toName: string;
  role: ApproverRole;
  /** first and last day, YYYY-MM-DD, China time (inclusive) */
  fromDay: string;
  toDay: string;
  reason: string;
  createdAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
}

export interface NewDelegation {
  toUserId: string;
  role: ApproverRole;
  fromDay: string;
  toDay: string;
  reason: string;
}

/*
 * Stored as settings documents (`approval-delegation:<id>`): a delegation is local office
 * configuration that changes once (revoked), and no domain collection holds such a thing. The
 * key prefix makes them one primary-key range.
 */
const PREFIX = 'approval-delegation:';
const PREFIX_END = 'approval-delegation;';
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;
/** China has one time zone, UTC+8, without daylight saving. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function chinaDay(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

function isDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/u.test(day) && chinaDay(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS) === day;
}

function asDelegation(doc: { value: Record<string, unknown> }): Delegation {
  return doc.value as unknown as Delegation;
}

export function isActive(d: Delegation, at: number): boolean {
  const today = chinaDay(at);
  return d.revokedAt === null && d.fromDay <= today && today <= d.toDay;
}

export class DelegationStore {
  constructor(
    private readonly db: GovPayDatabase,
    private readonly audit: AuditLog,
    private readonly lock: WriteLock,
    private readonly clock: Clock,
  ) {}

  async all(): Promise<Delegation[]> {
    const docs = await this.db.settings.find({ selector: { id: { $gte: PREFIX, $lt: PREFIX_END } } }).exec();
    return docs.map((d) => asDelegation(d)).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Delegations in force now, in the shape the R10 check reads. */
  async activeNow(): Promise<ActiveDelegation[]> {
    const now = this.clock.now();
    return (await this.all()).filter((d) => isActive(d, now)).map((d) => ({ fromUserId: d.fromUserId, toUserId: d.toUserId, role: d.role }));
  }

  /** What the actor gave and received; an administrator sees every delegation of the scope. */
  async listFor(actor: Actor): Promise<Delegation[]> {
    const all = await this.all();
    if (actor.roles.includes('admin') || actor.roles.includes('auditor')) return all.filter((d) => actor.scopeUnitIds.includes(d.unitId));
    return all.filter((d) => d.fromUserId === actor.user.id || d.toUserId === actor.user.id);
  }

  async create(actor: Actor, input: NewDelegation): Promise<Delegation> {
    const reason = input.reason.trim();
    if (reason.length < 2 || reason.length > 200) throw new AppError('DELEGATION_INVALID', '请填写委托原因（2–200 字）', 'reason');
    if (!(APPROVER_ROLES as readonly string[]).includes(input.role)) throw new AppError('DELEGATION_INVALID', '只能委托审批角色', 'role');
    if (!actor.roles.includes(input.role)) throw new AppError('DELEGATION_INVALID', `您不担任${ROLE_LABELS[input.role]}，不能委托该角色的审批`, 'role');
    if (!isDay(input.fromDay)) throw new AppError('DELEGATION_INVALID', '开始日期不正确（格式 YYYY-MM-DD）', 'fromDay');
    if (!isDay(input.toDay)) throw new AppError('DELEGATION_INVALID', '结束日期不正确（格式 YYYY-MM-DD）', 'toDay');
    if (input.toDay < input.fromDay) throw new AppError('DELEGATION_INVALID', '结束日期不能早于开始日期', 'toDay');
    if (input.toDay < chinaDay(this.clock.now())) throw new AppError('DELEGATION_INVALID', '结束日期已经过去', 'toDay');
    if (dayNumber(input.toDay) - dayNumber(input.fromDay) + 1 > MAX_DAYS) throw new AppError('DELEGATION_INVALID', `委托期限不能超过 ${MAX_DAYS} 天`, 'toDay');
    if (input.toUserId === actor.user.id) throw new AppError('DELEGATION_INVALID', '不能委托给自己', 'toUserId');
    return runAtomically(this.lock, this.db, async () => {
      const to = await this.db.users.findOne(input.toUserId).exec();
      if (!to || to.disabled) throw new AppError('DELEGATION_INVALID', '受托人不存在或已停用', 'toUserId');
      if (to.unitId !== actor.user.unitId) throw new AppError('DELEGATION_INVALID', '只能委托给本单位的人员', 'toUserId');
      const conflict = to.roles.includes('admin') ? '系统管理员不能审批' : roleConflict([...to.roles, input.role]);
      if (conflict) throw new AppError('SEPARATION_OF_DUTIES', `不能委托给${to.name}：${conflict}（R10 不相容岗位相分离）`, 'toUserId');
      const overlapping = (await this.all()).find(
        (d) => d.fromUserId === actor.user.id && d.role === input.role && d.revokedAt === null && d.fromDay <= input.toDay && input.fromDay <= d.toDay,
      );
      if (overlapping) {
        throw new AppError('DELEGATION_INVALID', `您在 ${overlapping.fromDay} 至 ${overlapping.toDay} 已将${ROLE_LABELS[input.role]}审批委托给${overlapping.toName}，请先撤销`, 'fromDay');
      }
      const now = this.clock.now();
      const delegation: Delegation = {
        id: newId(),
        unitId: actor.user.unitId,
        fromUserId: actor.user.id,
        fromName: actor.user.name,
        toUserId: to.id,
        toName: to.name,
        role: input.role,
        fromDay: input.fromDay,
        toDay: input.toDay,
        reason,
        createdAt: now,
        revokedAt: null,
        revokedBy: null,
      };
      const doc: SettingDoc = { id: `${PREFIX}${delegation.id}`, unitId: delegation.unitId, value: { ...delegation }, createdBy: actor.user.id, createdAt: now, updatedAt: now };
      await this.db.settings.insert(doc);
      await this.audit.appendLocked({
        unitId: delegation.unitId,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'approval.delegation.create',
        entity: 'delegation',
        entityId: delegation.id,
        summary: `${actor.user.name}将${ROLE_LABELS[input.role]}审批委托给${to.name}（${input.fromDay} 至 ${input.toDay}）：${reason}`,
        payload: delegation,
      });
      return delegation;
    });
  }

  async revoke(actor: Actor, id: string): Promise<Delegation> {
    return runAtomically(this.lock, this.db, async () => {
      const doc = await this.db.settings.findOne(`${PREFIX}${id}`).exec();
      if (!doc) throw new AppError('NOT_FOUND', '委托不存在', 'delegationId');
      const current = asDelegation(doc);
      if (current.fromUserId !== actor.user.id && !(actor.roles.includes('admin') && actor.scopeUnitIds.includes(current.unitId))) {
        throw new AppError('FORBIDDEN', '只有委托人本人或系统管理员可以撤销委托', 'delegationId');
      }
      if (current.revokedAt !== null) throw new AppError('DELEGATION_INVALID', '该委托已经撤销', 'delegationId');
      const now = this.clock.now();
      const revoked: Delegation = { ...current, revokedAt: now, revokedBy: actor.user.id };
      await doc.incrementalPatch({ value: { ...revoked }, updatedAt: now });
      await this.audit.appendLocked({
        unitId: current.unitId,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'approval.delegation.revoke',
        entity: 'delegation',
        entityId: id,
        summary: `${actor.user.name}撤销了${current.fromName}给${current.toName}的${ROLE_LABELS[current.role]}审批委托`,
        payload: revoked,
      });
      return revoked;
    });
  }
}

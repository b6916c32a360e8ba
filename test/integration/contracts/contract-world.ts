import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../../../electron/core/api/handler-types';
import type { UnitDoc, UserDoc } from '../../../electron/core/db/schemas';
import { unitsInScope } from '../../../electron/core/units/unit-scope';
import type { MethodParams } from '../../../shared/api';
import type { Role } from '../../../shared/domain/roles';
import { newId } from '../../../shared/ids/uuidv7';
import { ADMIN_PASSWORD, SETUP_INPUT, startTestCore, typed, valueOf, type TestCore, type TypedCaller } from '../../support/test-core';

const FIRST_PW = 'Init#2026a';
const PW = 'Work#2026b';

/** ¥2,000,000 in 分: the budget line every contract of these tests is signed against. */
export const LINE_AMOUNT = 200_000_000;

export interface ContractWorld {
  t: TestCore;
  lead: TypedCaller;
  leadId: string;
  finance: TypedCaller;
  leader: TypedCaller;
  projectId: string;
  budgetLineId: string;
  /** the in-process actor of a user, as APPROVAL's decider receives it */
  actor(userId: string): Promise<Actor>;
  /** every byte of the data folder (database, WAL, sidecars) as latin1 text, to grep for clear text */
  rawDataFolder(): string;
  close(): Promise<void>;
}

async function signIn(t: TestCore, admin: TypedCaller, login: string, name: string, roles: Role[]): Promise<{ caller: TypedCaller; id: string }> {
  const user = valueOf(await admin.call('users.create', { login, name, roles, password: FIRST_PW, passwordConfirm: FIRST_PW }));
  const caller = typed(t.core.connect('direct'));
  valueOf(await caller.call('auth.login', { login, password: FIRST_PW }));
  valueOf(await caller.call('auth.changePassword', { currentPassword: FIRST_PW, newPassword: PW, newPasswordConfirm: PW }));
  return { caller, id: user.id };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * A set-up office on a real SQLite file: a project lead, finance and a leader signed in through
 * the API (so their sessions hold the data key), one municipal-road project with a ¥2,000,000
 * budget line held by this device, written the way BUDGET's service writes them.
 */
export async function startContractWorld(): Promise<ContractWorld> {
  const t = await startTestCore();
  const admin = typed(t.core.connect('direct'));
  valueOf(await admin.call('setup.initialize', SETUP_INPUT));
  valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
  const lead = await signIn(t, admin, 'xiangmu', '李项目', ['projectLead']);
  const finance = await signIn(t, admin, 'caiwu', '钱财务', ['finance']);
  const leader = await signIn(t, admin, 'lingdao', '赵领导', ['leader']);
  const services = t.core.services;
  const unitId = (await services.db.units.find().exec())[0]?.id as string;
  const now = services.clock.now();
  const header = (id: string) => ({ id, unitId, createdBy: lead.id, createdAt: now, updatedAt: now });
  const projectId = newId();
  const budgetLineId = newId();
  await services.db.projects.insert({ ...header(projectId), docType: 'project', code: 'XM-2026-001', name: '城东路改造工程', type: 'municipalRoad', ownerUnitId: unitId, fundSources: ['fiscal'], leadUserId: lead.id, status: 'active' });
  await services.db.projects.insert({ ...header(budgetLineId), docType: 'budgetLine', projectId, year: 2026, subjectCode: '2120303', fundSource: 'fiscal', amount: LINE_AMOUNT });
  await services.db.projects.insert({ ...header(newId()), docType: 'allocation', budgetLineId, holderDeviceId: services.device.deviceId, amount: LINE_AMOUNT });
  return {
    t,
    lead: lead.caller,
    leadId: lead.id,
    finance: finance.caller,
    leader: leader.caller,
    projectId,
    budgetLineId,
    async actor(userId) {
      const units = (await services.db.units.find().exec()).map((u) => u.toMutableJSON() as UnitDoc);
      const user = (await services.db.users.findOne(userId).exec())?.toMutableJSON() as UserDoc;
      const unit = units.find((u) => u.id === user.unitId) as UnitDoc;
      return { user, unit, roles: [...user.roles], sessionId: 'approval', dataKey: null, scopeUnitIds: unitsInScope(unit.id, units) };
    },
    rawDataFolder() {
      return listFiles(t.dataDir)
        .map((f) => readFileSync(f).toString('latin1'))
        .join('\n');
    },
    close: () => t.close(),
  };
}

/** A valid works contract for the payee, ¥amountYuan, SME terms of 30 days. */
export function worksContract(world: ContractWorld, counterpartyId: string, code: string, amountFen: number): MethodParams<'contracts.create'> {
  return {
    projectId: world.projectId,
    counterpartyId,
    budgetLineId: world.budgetLineId,
    code,
    name: '城东路改造工程施工合同',
    category: 'works',
    amount: amountFen,
    paymentTermDays: 30,
    backToBack: false,
    labourShare: 2000,
    retentionRate: 300,
    endDate: '2027-06-30',
    milestones: [
      { name: '预付款', kind: 'advance', ratio: 2000, dueRule: 'fixedDate', dueDays: null, dueDate: '2026-12-20' },
      { name: '进度款（按月计量支付）', kind: 'progress', ratio: 8000, dueRule: 'afterAcceptance', dueDays: null, dueDate: null },
      { name: '竣工结算款', kind: 'settlement', ratio: 9700, dueRule: 'afterAcceptance', dueDays: null, dueDate: null },
      { name: '质量保证金', kind: 'retention', ratio: 300, dueRule: 'fixedDate', dueDays: null, dueDate: null },
    ],
  };
}

export const BANK_ACCOUNT = '35001234567890123456';
export const WAGE_ACCOUNT = '35009876543210987654';
/** a valid 统一社会信用代码 of a company (mod-31 check character) */
export const PAYEE_USCC = '91350100MA2Y4T001C';
export const OTHER_USCC = '91350100MA2Y4T002F';

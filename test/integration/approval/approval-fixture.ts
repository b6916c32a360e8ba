import type { Actor } from '../../../electron/core/api/handler-types';
import { runAtomically } from '../../../electron/core/app/unit-of-work';
import type { CoreServices } from '../../../electron/core/app/core-services';
import type { PaymentRequestDoc, UnitDoc, UserDoc } from '../../../electron/core/db/schemas';
import { unitsInScope } from '../../../electron/core/units/unit-scope';
import type { ApprovalFacts } from '../../../shared/approval/decision-inputs';
import type { Role } from '../../../shared/domain/roles';
import { newId } from '../../../shared/ids/uuidv7';
import { SETUP_INPUT, startTestCore, type TestCore } from '../../support/test-core';

export const PASSWORD = 'Appr#2026ok';

export interface ApprovalWorld {
  t: TestCore;
  services: CoreServices;
  unitId: string;
  adminId: string;
  budgetLineId: string;
  /** creates an active user of the office with these roles */
  user(name: string, roles: Role[], unitId?: string): Promise<UserDoc>;
  actor(user: UserDoc): Promise<Actor>;
  /** a submitted payment request routed by the table in force, filed by `applicant` */
  submit(applicant: UserDoc, amount: number, facts?: Partial<ApprovalFacts>): Promise<PaymentRequestDoc>;
  request(id: string): Promise<PaymentRequestDoc>;
  /** lowers the budget line (as if the budget shrank) */
  setBudget(amount: number): Promise<void>;
}

let counter = 0;

/**
 * A real core on a real SQLite file: an office set up the first-run way (so the default tables
 * come from the approval service, not from the seed), a project with a budget line of ¥2,000,000
 * held entirely by this device, and payment requests written as PAYMENTS' submit writes them.
 */
export async function approvalWorld(): Promise<ApprovalWorld> {
  const t = await startTestCore();
  const services = t.core.services;
  const { unitId, adminUserId } = await services.setup.initialize(SETUP_INPUT);
  const now = services.clock.now();
  const header = (createdBy: string) => ({ id: newId(), unitId, createdBy, createdAt: now, updatedAt: now });
  const projectId = newId();
  const budgetLineId = newId();
  await services.db.projects.insert({ ...header(adminUserId), id: projectId, docType: 'project', code: 'XM-2026-001', name: '城东路改造工程', type: 'municipalRoad', ownerUnitId: unitId, fundSources: ['fiscal'], leadUserId: adminUserId, status: 'active' });
  await services.db.projects.insert({ ...header(adminUserId), id: budgetLineId, docType: 'budgetLine', projectId, year: 2026, subjectCode: '2120303', fundSource: 'fiscal', amount: 200_000_000 });
  await services.db.projects.insert({ ...header(adminUserId), docType: 'allocation', budgetLineId, holderDeviceId: services.device.deviceId, amount: 200_000_000 });

  const world: ApprovalWorld = {
    t,
    services,
    unitId,
    adminId: adminUserId,
    budgetLineId,
    async user(name, roles, inUnit = unitId) {
      counter += 1;
      return runAtomically(services.lock, services.db, () =>
        services.users.createLocked({ unitId: inUnit, login: `u${counter}x${Date.now() % 100000}`, name, roles, password: PASSWORD, passwordConfirm: PASSWORD }, null, false),
      );
    },
    async actor(user) {
      const units = (await services.db.units.find().exec()).map((u) => u.toMutableJSON() as UnitDoc);
      const fresh = (await services.db.users.findOne(user.id).exec())?.toMutableJSON() as UserDoc;
      const unit = units.find((u) => u.id === fresh.unitId) as UnitDoc;
      return { user: fresh, unit, roles: [...fresh.roles], sessionId: 'test', dataKey: null, scopeUnitIds: unitsInScope(unit.id, units) };
    },
    async submit(applicant, amount, facts = {}) {
      return runAtomically(services.lock, services.db, async () => {
        const route = await services.approval.routeFor('paymentRequest', { amount, projectType: 'municipalRoad', fundSource: 'fiscal', paymentKind: 'progress', ...facts });
        await services.budget.assertCanCommit({ budgetLineId, amount });
        counter += 1;
        const at = services.clock.now();
        const doc: PaymentRequestDoc = {
          id: newId(),
          unitId: applicant.unitId,
          createdBy: applicant.id,
          createdAt: at,
          updatedAt: at,
          docType: 'paymentRequest',
          requestNo: `ZF-2026-${String(counter).padStart(6, '0')}`,
          contractId: newId(),
          budgetLineId,
          milestoneId: null,
          kind: facts.paymentKind ?? 'progress',
          amount,
          labourAmount: Math.floor(amount / 5),
          description: '第3期进度款',
          invoiceNos: [`${String(counter).padStart(20, '1')}`],
          attachmentIds: [],
          applicantId: applicant.id,
          status: 'submitted',
          route,
          split: null,
          submittedAt: at,
        };
        await services.db.payments.insert(doc);
        return doc;
      });
    },
    async request(id) {
      return (await services.db.payments.findOne(id).exec())?.toMutableJSON() as PaymentRequestDoc;
    },
    async setBudget(amount) {
      const line = await services.db.projects.findOne(budgetLineId).exec();
      await line?.incrementalPatch({ amount });
    },
  };
  return world;
}

import type { CoreConnection } from '../../../electron/core/api/core-connection';
import type { Role } from '../../../shared/domain/roles';
import { ADMIN_PASSWORD, SETUP_INPUT, startTestCore, typed, valueOf, type TestCore, type TypedCaller } from '../../support/test-core';

const FIRST_PW = 'Init#2026a';
const PW = 'Work#2026b';

export interface BudgetWorld {
  t: TestCore;
  admin: TypedCaller;
  /** 财务 */
  finance: TypedCaller;
  /** the finance clerk's connection, for live topics */
  financeConnection: CoreConnection;
  /** 项目负责人 */
  lead: TypedCaller;
  /** the project lead's connection, for live topics */
  leadConnection: CoreConnection;
  leadId: string;
  /** a second project lead, for "own projects only" */
  otherLead: TypedCaller;
  auditor: TypedCaller;
  close(): Promise<void>;
}

/** Signs a new user in and changes the first password, as the product requires before any work. */
async function signIn(t: TestCore, admin: TypedCaller, login: string, name: string, roles: Role[]): Promise<{ caller: TypedCaller; id: string; connection: CoreConnection }> {
  const user = valueOf(await admin.call('users.create', { login, name, roles, password: FIRST_PW, passwordConfirm: FIRST_PW }));
  const connection = t.core.connect('direct');
  const caller = typed(connection);
  valueOf(await caller.call('auth.login', { login, password: FIRST_PW }));
  valueOf(await caller.call('auth.changePassword', { currentPassword: FIRST_PW, newPassword: PW, newPasswordConfirm: PW }));
  return { caller, id: user.id, connection };
}

/** A set-up office with a finance clerk, two project leads and an auditor, all signed in. */
export async function startBudgetWorld(): Promise<BudgetWorld> {
  const t = await startTestCore();
  const admin = typed(t.core.connect('direct'));
  valueOf(await admin.call('setup.initialize', SETUP_INPUT));
  valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
  const finance = await signIn(t, admin, 'caiwu', '钱财务', ['finance']);
  const lead = await signIn(t, admin, 'xiangmu', '李项目', ['projectLead']);
  const otherLead = await signIn(t, admin, 'xiangmu2', '周项目', ['projectLead']);
  const auditor = await signIn(t, admin, 'shenji', '吴审计', ['auditor']);
  return {
    t,
    admin,
    finance: finance.caller,
    financeConnection: finance.connection,
    lead: lead.caller,
    leadConnection: lead.connection,
    leadId: lead.id,
    otherLead: otherLead.caller,
    auditor: auditor.caller,
    close: () => t.close(),
  };
}

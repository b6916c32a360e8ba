import { merge, Observable, debounceTime, distinctUntilChanged, from, startWith, switchMap } from 'rxjs';
import type { InboxCounts } from '../../../shared/api/methods/approval-methods';
import { APPROVER_ROLES } from '../../../shared/domain/approval';
import { roleConflict } from '../../../shared/domain/role-rules';
import type { CoreServices } from '../app/core-services';
import { requireActor, type Actor, type MethodHandlers } from '../api/handler-types';
import { isActive, type Delegation } from './delegation-store';

type ApprovalHandlers = Pick<
  MethodHandlers,
  | 'approval.inbox'
  | 'approval.decide'
  | 'approval.route'
  | 'approval.tables.list'
  | 'approval.tables.get'
  | 'approval.tables.validate'
  | 'approval.tables.publish'
  | 'approval.tables.tryRoute'
  | 'approval.delegations.list'
  | 'approval.delegations.create'
  | 'approval.delegations.revoke'
  | 'approval.delegates'
>;

export function approvalHandlers(services: CoreServices): ApprovalHandlers {
  const { approval, clock } = services;
  const delegationView = (d: Delegation) => ({ ...d, active: isActive(d, clock.now()) });
  return {
    'approval.inbox': async (_params, ctx) => approval.views.inbox(requireActor(ctx)),
    'approval.decide': async (params, ctx) => approval.decider.decide(requireActor(ctx), params),
    'approval.route': async (params, ctx) => approval.views.route(requireActor(ctx), params.subject, params.requestId),
    'approval.tables.list': async (params) => approval.tableAdmin.list(params.subject),
    'approval.tables.get': async (params) => approval.tableAdmin.get(params.tableId),
    'approval.tables.validate': async (params) => approval.tableAdmin.validate(params.table),
    'approval.tables.publish': async (params, ctx) => approval.tableAdmin.publish(requireActor(ctx), params.table, params.activeFrom),
    'approval.tables.tryRoute': async (params) => approval.tableAdmin.tryRoute(params.table, params.facts),
    'approval.delegations.list': async (_params, ctx) => (await approval.delegations.listFor(requireActor(ctx))).map(delegationView),
    'approval.delegations.create': async (params, ctx) => delegationView(await approval.delegations.create(requireActor(ctx), params)),
    'approval.delegations.revoke': async (params, ctx) => delegationView(await approval.delegations.revoke(requireActor(ctx), params.delegationId)),
    'approval.delegates': async (params, ctx) => {
      const actor = requireActor(ctx);
      const users = await services.db.users.find({ selector: { unitId: actor.user.unitId, disabled: false } }).exec();
      return users
        .filter((u) => u.id !== actor.user.id && !u.roles.includes('admin') && (APPROVER_ROLES as readonly string[]).includes(params.role) && roleConflict([...u.roles, params.role]) === null)
        .map((u) => ({ id: u.id, name: u.name }));
    },
  };
}

/**
 * The count of what waits for the actor, pushed again whenever requests, changes, decisions or
 * delegations change (debounced: an import of many documents is one recount, not thousands).
 */
export function approvalInboxTopic(services: CoreServices, actor: Actor): Observable<InboxCounts> {
  const { db } = services;
  const changes = merge(db.payments.$, db.contracts.$, db.records.$, db.settings.$, db.users.$);
  return changes.pipe(
    debounceTime(150),
    startWith(null),
    switchMap(() => from(services.approval.views.inbox(actor).then((r) => r.counts))),
    distinctUntilChanged((a, b) => a.total === b.total && a.newestAt === b.newestAt && a.delegated === b.delegated),
  );
}

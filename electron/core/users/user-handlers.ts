import { map, type Observable } from 'rxjs';
import type { UserView } from '../../../shared/api';
import type { CoreServices } from '../app/core-services';
import { requireActor, type Actor, type MethodHandlers } from '../api/handler-types';
import { toUserView } from '../auth/user-views';
import type { UserDoc } from '../db/schemas';

type UserHandlers = Pick<
  MethodHandlers,
  'users.list' | 'users.create' | 'users.setRoles' | 'users.disable' | 'users.enable' | 'users.resetPassword'
>;

export function userHandlers(services: CoreServices): UserHandlers {
  const { users } = services;
  return {
    'users.list': async (params, ctx) => users.list(requireActor(ctx), params.includeDisabled),
    'users.create': async (params, ctx) => users.create(requireActor(ctx), params),
    'users.setRoles': async (params, ctx) => users.setRoles(requireActor(ctx), params.userId, params.roles),
    'users.disable': async (params, ctx) => users.setDisabled(requireActor(ctx), params.userId, true, params.reason),
    'users.enable': async (params, ctx) => users.setDisabled(requireActor(ctx), params.userId, false, params.reason),
    'users.resetPassword': async (params, ctx) =>
      users.resetPassword(requireActor(ctx), params.userId, params.password, params.passwordConfirm),
  };
}

/** Live user list of the actor's scope: RxDB's reactive query pushes every change. */
export function usersChanged(services: CoreServices, actor: Actor): Observable<UserView[]> {
  return services.db.users
    .find({ selector: { unitId: { $in: [...actor.scopeUnitIds] } }, sort: [{ loginKey: 'asc' }] })
    .$.pipe(map((docs) => docs.map((d) => toUserView(d.toMutableJSON() as UserDoc, services.clock.now()))));
}

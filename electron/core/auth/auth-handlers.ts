import type { SessionInfo } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { CoreServices } from '../app/core-services';
import { requireActor, type CallContext, type MethodHandlers } from '../api/handler-types';
import { recoverAdministrator } from './admin-recovery';
import { changeOwnPassword } from './password-change';
import { sessionIdOf } from './session-service';
import { toUnitView, toUserView } from './user-views';

type AuthHandlers = Pick<
  MethodHandlers,
  'auth.policy' | 'auth.login' | 'auth.resume' | 'auth.logout' | 'auth.me' | 'auth.changePassword' | 'auth.recoverAdmin'
>;

async function sessionInfo(services: CoreServices, token: string): Promise<SessionInfo> {
  const actor = await services.sessions.resolve(token);
  const now = services.clock.now();
  const idleTimeoutMs = services.sessions.idleTimeoutMs();
  return {
    sessionToken: token,
    user: toUserView(actor.user, now),
    unit: toUnitView(actor.unit),
    idleTimeoutMs,
    expiresAt: now + idleTimeoutMs,
  };
}

function boundToken(ctx: CallContext): string {
  const token = ctx.sessionToken();
  if (!token) throw new AppError('NOT_AUTHENTICATED');
  return token;
}

export function authHandlers(services: CoreServices): AuthHandlers {
  return {
    'auth.policy': async () => services.policy(),
    'auth.login': async (params, ctx) => {
      const { token } = await services.login.login(params.login, params.password, ctx.transport);
      ctx.bindSession(token);
      return sessionInfo(services, token);
    },
    'auth.resume': async (params, ctx) => {
      const info = await sessionInfo(services, params.sessionToken);
      ctx.bindSession(params.sessionToken);
      return info;
    },
    'auth.logout': async (_params, ctx) => {
      const actor = requireActor(ctx);
      const token = boundToken(ctx);
      await services.audit.append({
        unitId: actor.unit.id,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'auth.logout',
        entity: 'user',
        entityId: actor.user.id,
        summary: `${actor.user.name}（${actor.user.login}）退出登录`,
        payload: {},
      });
      await services.sessions.end(sessionIdOf(token), 'logout');
      ctx.unbindSession();
      return {};
    },
    'auth.me': async (_params, ctx) => sessionInfo(services, boundToken(ctx)),
    'auth.recoverAdmin': async (params) => {
      await recoverAdministrator(services, params);
      return {};
    },
    'auth.changePassword': async (params, ctx) => {
      await changeOwnPassword(services, requireActor(ctx), params);
      return {};
    },
  };
}

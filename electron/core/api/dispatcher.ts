import { API, TOPICS, isMethodName, type Access, type Envelope, type MethodName } from '../../../shared/api';
import { AppError, errorBody, type ErrorBody } from '../../../shared/errors';
import type { Role } from '../../../shared/domain/roles';
import type { Actor, CallContext, MethodHandlers, TopicHandlers } from './handler-types';
import { zodIssueToError } from './zod-errors';

/** A user whose password was set by someone else may do nothing else until they change it. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<string>(['auth.changePassword', 'auth.logout', 'auth.me', 'auth.policy']);

export interface SessionResolver {
  /** resolves a token to its actor and records activity; throws AppError when not valid */
  resolve(token: string): Promise<Actor>;
}

export interface Logger {
  error(message: string, detail?: unknown): void;
}

/** Authorization is decided here, for every call, from the contract: never by the renderer. */
export function checkAccess(access: Access, actor: Actor | null): ErrorBody | null {
  if (access.kind === 'public') return null;
  if (!actor) return errorBody('NOT_AUTHENTICATED');
  if (access.kind === 'signedIn') return null;
  const allowed = access.roles.some((role: Role) => actor.roles.includes(role));
  return allowed ? null : errorBody('FORBIDDEN');
}

export function toErrorBody(error: unknown, logger: Logger, what: string): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  logger.error(`${what} failed`, error);
  return errorBody('INTERNAL');
}

/**
 * Turns (method name, raw params) into a checked handler call: unknown method, bad params,
 * missing or expired session and wrong role all answer the envelope; a handler's result is
 * checked against the contract before it leaves the core.
 */
export class Dispatcher {
  constructor(
    private readonly handlers: MethodHandlers,
    readonly topicHandlers: TopicHandlers,
    private readonly sessions: SessionResolver,
    private readonly logger: Logger,
  ) {
    for (const name of Object.keys(API)) {
      if (typeof (handlers as Record<string, unknown>)[name] !== 'function') {
        throw new Error(`no handler registered for API method ${name}`);
      }
    }
    for (const name of Object.keys(TOPICS)) {
      if (typeof (topicHandlers as Record<string, unknown>)[name] !== 'function') {
        throw new Error(`no handler registered for topic ${name}`);
      }
    }
  }

  async actorFor(token: string | null, access: Access): Promise<Actor | null> {
    if (access.kind === 'public' || token === null) return null;
    return this.sessions.resolve(token);
  }

  async call(method: string, rawParams: unknown, ctx: Omit<CallContext, 'actor'>): Promise<Envelope<unknown>> {
    if (!isMethodName(method)) {
      return { ok: false, error: errorBody('UNKNOWN_METHOD', `未知的接口方法：${String(method).slice(0, 80)}`) };
    }
    const spec = API[method];
    try {
      const actor = await this.actorFor(ctx.sessionToken(), spec.access);
      const denied = checkAccess(spec.access, actor);
      if (denied) return { ok: false, error: denied };
      if (actor?.user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(method)) {
        return { ok: false, error: errorBody('PASSWORD_CHANGE_REQUIRED') };
      }
      const parsed = spec.params.safeParse(rawParams ?? {});
      if (!parsed.success) return { ok: false, error: zodIssueToError(parsed.error) };
      const handler = this.handlers[method] as (p: unknown, c: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, { ...ctx, actor });
      const checked = spec.result.safeParse(value);
      if (!checked.success) {
        this.logger.error(`result of ${method} breaks the contract`, checked.error.issues);
        return { ok: false, error: errorBody('INTERNAL') };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      return { ok: false, error: toErrorBody(error, this.logger, method satisfies MethodName) };
    }
  }
}

import type { Observable } from 'rxjs';
import type { MethodName, MethodResult, ParsedParams, TopicData, TopicName } from '../../../shared/api';
import type { z } from 'zod';
import type { Topics } from '../../../shared/api';
import type { Role } from '../../../shared/domain/roles';
import type { UnitDoc, UserDoc } from '../db/schemas';
import type { TransportKind } from './core-connection';

/** The signed-in person behind a call, resolved and checked by the dispatcher. */
export interface Actor {
  user: UserDoc;
  unit: UnitDoc;
  roles: readonly Role[];
  sessionId: string;
  /**
   * The installation's data key opened with this user's password at sign-in; null when the
   * session was resumed after the core restarted (memory only) or the user holds no copy.
   */
  dataKey: Uint8Array | null;
  /** units this actor may see and act on: their own, plus descendants for upper offices */
  scopeUnitIds: readonly string[];
}

export interface CallContext {
  transport: TransportKind;
  /** null for public methods called before sign-in */
  actor: Actor | null;
  /** binds a session token to the calling connection (login, resume) */
  bindSession(token: string): void;
  /** forgets the connection's session and ends its subscriptions (logout) */
  unbindSession(): void;
  /** the session token bound to the connection, if any */
  sessionToken(): string | null;
}

export type MethodHandler<M extends MethodName> = (params: ParsedParams<M>, ctx: CallContext) => Promise<MethodResult<M>>;

export type MethodHandlers = { [M in MethodName]: MethodHandler<M> };

export type TopicHandler<T extends TopicName> = (
  params: z.output<Topics[T]['params']>,
  actor: Actor,
) => Observable<TopicData<T>>;

export type TopicHandlers = { [T in TopicName]: TopicHandler<T> };

/** Requires the signed-in actor inside a handler whose access is not public. */
export function requireActor(ctx: CallContext): Actor {
  if (!ctx.actor) throw new Error('handler for a signed-in method reached without an actor');
  return ctx.actor;
}

import type { z } from 'zod';
import type { Role } from '../domain/roles';

/**
 * Who may call a method. `public` is for the few calls made before anyone is signed in
 * (setup, login); `signedIn` for any role; otherwise the listed roles only.
 */
export type Access = { kind: 'public' } | { kind: 'signedIn' } | { kind: 'roles'; roles: readonly Role[] };

export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  summary: string;
  params: P;
  result: R;
  access: Access;
}

export interface TopicSpec<P extends z.ZodType = z.ZodType, D extends z.ZodType = z.ZodType> {
  summary: string;
  params: P;
  data: D;
  access: Access;
}

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signedIn' };
export function rolesOnly(...roles: Role[]): Access {
  return { kind: 'roles', roles };
}

export function method<P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>): MethodSpec<P, R> {
  return spec;
}

export function topic<P extends z.ZodType, D extends z.ZodType>(spec: TopicSpec<P, D>): TopicSpec<P, D> {
  return spec;
}

import type { z } from 'zod';
import type { MethodSpec } from './method-spec';
import { approvalMethods } from './methods/approval-methods';
import { attachmentMethods } from './methods/attachment-methods';
import { auditMethods } from './methods/audit-methods';
import { authMethods } from './methods/auth-methods';
import { backupMethods } from './methods/backup-methods';
import { budgetMethods } from './methods/budget-methods';
import { contractMethods } from './methods/contract-methods';
import { setupMethods } from './methods/setup-methods';
import { systemMethods } from './methods/system-methods';
import { paymentMethods } from './methods/payment-methods';
import { projectMethods } from './methods/project-methods';
import { userMethods } from './methods/user-methods';

function mergeUnique<T>(...groups: Record<string, MethodSpec>[]): T {
  const merged: Record<string, MethodSpec> = {};
  for (const group of groups) {
    for (const [name, spec] of Object.entries(group)) {
      if (name in merged) throw new Error(`API method defined twice: ${name}`);
      merged[name] = spec;
    }
  }
  return merged as T;
}

/** The API contract: method name → params, result and the roles allowed. */
export const API = mergeUnique<
  typeof setupMethods & typeof authMethods & typeof userMethods & typeof systemMethods & typeof backupMethods & typeof auditMethods & typeof projectMethods & typeof budgetMethods & typeof approvalMethods & typeof attachmentMethods & typeof paymentMethods & typeof contractMethods
>(setupMethods, authMethods, userMethods, systemMethods, backupMethods, auditMethods, projectMethods, budgetMethods, approvalMethods, attachmentMethods, paymentMethods, contractMethods);

export type Api = typeof API;
export type MethodName = keyof Api;
/** What a caller passes (before defaults and transforms). */
export type MethodParams<M extends MethodName> = z.input<Api[M]['params']>;
/** What a handler receives (after zod parsing). */
export type ParsedParams<M extends MethodName> = z.output<Api[M]['params']>;
export type MethodResult<M extends MethodName> = z.output<Api[M]['result']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(API, name);
}

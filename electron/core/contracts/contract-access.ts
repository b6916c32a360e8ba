import type { Role } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../api/handler-types';

/*
 * Who does what with contracts (DOMAIN.md roles). The API contract lists the same roles per
 * method; these are the checks the services repeat where the answer depends on the data.
 */

/** Roles that read contracts and counterparties: everyone who works with money or oversees it. */
export const CONTRACT_READERS: readonly Role[] = ['projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer'];

/** Roles that draft contracts and record their facts (DOMAIN.md: 项目负责人 — contracts (draft)). */
export const CONTRACT_WRITERS: readonly Role[] = ['projectLead', 'finance'];

/**
 * Roles that see account numbers in full. 财务 prepares payment batches and must check the
 * account against the contract and invoice; 出纳 releases the money to it and matches bank
 * receipts; 审计 reads everything in scope and must be able to spot a substituted account.
 * Everyone else (project lead, leader, risk officer) needs only to recognise the payee, so they
 * see `**** **** 1234` (DESIGN.md: masked unless the role may see them; 个人信息保护法 minimum).
 */
export const FULL_ACCOUNT_ROLES: readonly Role[] = ['finance', 'cashier', 'auditor'];

export function maySeeFullAccounts(actor: Actor): boolean {
  return actor.roles.some((r) => FULL_ACCOUNT_ROLES.includes(r));
}

export function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (!actor.roles.some((r) => roles.includes(r))) throw new AppError('FORBIDDEN');
}

export function requireScope(actor: Actor, unitId: string): void {
  if (!actor.scopeUnitIds.includes(unitId)) throw new AppError('OUT_OF_SCOPE');
}

/** The data key to encrypt or decrypt account numbers; absent after a resumed session. */
export function requireDataKey(actor: Actor): Uint8Array {
  if (!actor.dataKey) throw new AppError('DATA_KEY_LOCKED');
  return actor.dataKey;
}

export function auditActor(actor: Actor): { id: string; name: string } {
  return { id: actor.user.id, name: actor.user.name };
}

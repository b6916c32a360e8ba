import { AppError } from '../../../shared/errors';
import type { Actor } from '../api/handler-types';
import type { ProjectDoc } from '../db/schemas';

/**
 * Who sees and changes which project (DOMAIN.md roles): a project lead holding no other reading
 * role sees and edits only the projects they lead; finance edits every project of its scope;
 * leaders, cashiers, auditors and risk officers read everything in scope.
 */
const WIDE_READERS = ['leader', 'finance', 'cashier', 'auditor', 'riskOfficer'] as const;

export function readsAllProjects(actor: Actor): boolean {
  return WIDE_READERS.some((r) => actor.roles.includes(r));
}

export function inScope(actor: Actor, unitId: string): boolean {
  return actor.scopeUnitIds.includes(unitId);
}

export function canRead(actor: Actor, project: ProjectDoc): boolean {
  if (!inScope(actor, project.unitId)) return false;
  return readsAllProjects(actor) || project.leadUserId === actor.user.id;
}

export function assertCanRead(actor: Actor, project: ProjectDoc): void {
  if (!inScope(actor, project.unitId)) throw new AppError('OUT_OF_SCOPE');
  if (!canRead(actor, project)) throw new AppError('FORBIDDEN', '项目负责人只能查看本人负责的项目');
}

export function assertCanEdit(actor: Actor, project: ProjectDoc): void {
  if (!inScope(actor, project.unitId)) throw new AppError('OUT_OF_SCOPE');
  if (actor.roles.includes('finance')) return;
  if (actor.roles.includes('projectLead') && project.leadUserId === actor.user.id) return;
  throw new AppError('FORBIDDEN', '项目负责人只能修改本人负责的项目');
}

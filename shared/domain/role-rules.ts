import type { Role } from './roles';
import { ROLE_LABELS, ROLES } from './roles';

/** Roles that approve or move money: an administrator may hold none of them (R10). */
const MONEY_ROLES: readonly Role[] = ['leader', 'finance', 'cashier'];

/** Separation of duties for one person's set of roles; null when the set is allowed. */
export function roleConflict(roles: readonly Role[]): string | null {
  if (roles.includes('admin')) {
    const clash = MONEY_ROLES.filter((r) => roles.includes(r));
    if (clash.length > 0) {
      return `系统管理员不能同时担任${clash.map((r) => ROLE_LABELS[r]).join('、')}（不相容岗位相分离）`;
    }
  }
  if (roles.includes('auditor')) {
    const clash = ROLES.filter((r) => roles.includes(r) && r !== 'auditor' && r !== 'riskOfficer');
    if (clash.length > 0) {
      return `审计不能同时担任${clash.map((r) => ROLE_LABELS[r]).join('、')}（不相容岗位相分离）`;
    }
  }
  return null;
}

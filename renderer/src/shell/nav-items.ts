import type { Role } from '../../../shared/domain/roles';

export type PageId = 'dashboard' | 'projects' | 'contracts' | 'payments' | 'audit' | 'users' | 'backup' | 'approval' | 'rules';

export interface NavItem {
  id: PageId;
  path: string;
  /** i18n key of the label */
  labelKey: 'nav.dashboard' | 'nav.projects' | 'nav.contracts' | 'nav.payments' | 'nav.audit' | 'nav.users' | 'nav.backup' | 'nav.approval' | 'nav.rules';
  /** the heading the item sits under (系统管理), or none */
  group: 'systemAdmin' | null;
  /** who sees the entry; the core authorizes every call again regardless */
  roles: readonly Role[] | 'anyone';
}

/**
 * The pages that exist, in DOMAIN.md's navigation order. Pages not built yet are absent, not
 * shown as placeholders.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'dashboard', path: '/', labelKey: 'nav.dashboard', group: null, roles: 'anyone' },
  { id: 'projects', path: '/projects', labelKey: 'nav.projects', group: null, roles: ['projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer'] },
  { id: 'contracts', path: '/contracts', labelKey: 'nav.contracts', group: null, roles: ['projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer'] },
  { id: 'payments', path: '/payments', labelKey: 'nav.payments', group: null, roles: ['projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer'] },
  { id: 'approval', path: '/approval', labelKey: 'nav.approval', group: null, roles: ['projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer'] },
  { id: 'audit', path: '/audit', labelKey: 'nav.audit', group: null, roles: ['auditor', 'admin'] },
  { id: 'users', path: '/admin/users', labelKey: 'nav.users', group: 'systemAdmin', roles: ['admin', 'auditor'] },
  { id: 'rules', path: '/admin/rules', labelKey: 'nav.rules', group: 'systemAdmin', roles: ['admin'] },
  { id: 'backup', path: '/admin/backup', labelKey: 'nav.backup', group: 'systemAdmin', roles: ['admin'] },
];

export function canSee(item: NavItem, roles: readonly Role[]): boolean {
  return item.roles === 'anyone' || item.roles.some((role) => roles.includes(role));
}

export function visibleNavItems(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => canSee(item, roles));
}

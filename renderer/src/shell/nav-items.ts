import type { Role } from '../../../shared/domain/roles';

export type PageId = 'dashboard' | 'audit' | 'users' | 'backup';

export interface NavItem {
  id: PageId;
  path: string;
  /** i18n key of the label */
  labelKey: 'nav.dashboard' | 'nav.audit' | 'nav.users' | 'nav.backup';
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
  { id: 'audit', path: '/audit', labelKey: 'nav.audit', group: null, roles: ['auditor', 'admin'] },
  { id: 'users', path: '/admin/users', labelKey: 'nav.users', group: 'systemAdmin', roles: ['admin', 'auditor'] },
  { id: 'backup', path: '/admin/backup', labelKey: 'nav.backup', group: 'systemAdmin', roles: ['admin'] },
];

export function canSee(item: NavItem, roles: readonly Role[]): boolean {
  return item.roles === 'anyone' || item.roles.some((role) => roles.includes(role));
}

export function visibleNavItems(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => canSee(item, roles));
}

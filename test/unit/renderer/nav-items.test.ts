import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, visibleNavItems } from '../../../renderer/src/shell/nav-items';

const ids = (roles: Parameters<typeof visibleNavItems>[0]) => visibleNavItems(roles).map((item) => item.id);

describe('navigation by role', () => {
  it('keeps DOMAIN.md order: 工作台 · 审计 · 系统管理/用户与角色, 备份', () => {
    expect(NAV_ITEMS.map((item) => item.id)).toEqual(['dashboard', 'audit', 'users', 'backup']);
  });

  it('shows administrators everything built so far', () => {
    expect(ids(['admin'])).toEqual(['dashboard', 'audit', 'users', 'backup']);
  });

  it('shows auditors the audit log and the (read-only) user list', () => {
    expect(ids(['auditor'])).toEqual(['dashboard', 'audit', 'users']);
  });

  it('shows other roles only the dashboard', () => {
    expect(ids(['finance'])).toEqual(['dashboard']);
    expect(ids(['projectLead', 'leader', 'cashier', 'riskOfficer'])).toEqual(['dashboard']);
  });
});

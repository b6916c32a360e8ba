import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, visibleNavItems } from '../../../renderer/src/shell/nav-items';

const ids = (roles: Parameters<typeof visibleNavItems>[0]) => visibleNavItems(roles).map((item) => item.id);

const WORK = ['projects', 'contracts', 'payments', 'approval'];

describe('navigation by role', () => {
  it('keeps DOMAIN.md order: 工作台 · 项目与预算 · 合同 · 支付申请 · 审批 · 审计 · 系统管理/用户与角色, 审批规则, 备份', () => {
    expect(NAV_ITEMS.map((item) => item.id)).toEqual(['dashboard', ...WORK, 'audit', 'users', 'rules', 'backup']);
  });

  it('shows administrators the dashboard, the audit log and system administration, never the money pages (R10)', () => {
    expect(ids(['admin'])).toEqual(['dashboard', 'audit', 'users', 'rules', 'backup']);
  });

  it('shows auditors the work pages to read, the audit log and the (read-only) user list', () => {
    expect(ids(['auditor'])).toEqual(['dashboard', ...WORK, 'audit', 'users']);
  });

  it('shows the operating roles the work pages and no administration', () => {
    expect(ids(['finance'])).toEqual(['dashboard', ...WORK]);
    expect(ids(['projectLead'])).toEqual(['dashboard', ...WORK]);
    expect(ids(['leader', 'cashier', 'riskOfficer'])).toEqual(['dashboard', ...WORK]);
  });
});

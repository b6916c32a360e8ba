/** The roles of DOMAIN.md, in the order the UI lists them. */
export const ROLES = ['admin', 'projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  projectLead: '项目负责人',
  leader: '分管领导',
  finance: '财务',
  cashier: '出纳',
  auditor: '审计',
  riskOfficer: '风控专员',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

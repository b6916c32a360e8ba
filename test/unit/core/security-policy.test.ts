import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY, effectivePolicy } from '../../../electron/core/auth/security-policy';
import { roleConflict } from '../../../shared/domain/role-rules';

describe('security policy settings', () => {
  it('takes stricter figures and ignores looser ones (never silently loosen)', () => {
    expect(effectivePolicy({ minLength: 12, lockoutThreshold: 3, lockoutMinutes: 30, idleTimeoutMinutes: 10 })).toEqual({
      minLength: 12,
      minClasses: 3,
      lockoutThreshold: 3,
      lockoutMinutes: 30,
      idleTimeoutMinutes: 10,
    });
    expect(effectivePolicy({ minLength: 4, lockoutThreshold: 50, lockoutMinutes: 1, idleTimeoutMinutes: 600, minClasses: 9 })).toEqual(
      DEFAULT_SECURITY_POLICY,
    );
  });
});

describe('separation of duties in role sets (R10)', () => {
  it('refuses an administrator who also approves or pays, and an auditor who also operates', () => {
    expect(roleConflict(['admin', 'finance'])).toContain('系统管理员不能同时担任财务');
    expect(roleConflict(['admin', 'cashier', 'leader'])).toContain('分管领导、出纳');
    expect(roleConflict(['auditor', 'projectLead'])).toContain('审计不能同时担任项目负责人');
    expect(roleConflict(['admin', 'auditor'])).toContain('审计不能同时担任系统管理员');
    expect(roleConflict(['auditor', 'riskOfficer'])).toBeNull();
    expect(roleConflict(['projectLead', 'leader'])).toBeNull();
  });
});

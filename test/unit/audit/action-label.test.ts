import { describe, expect, it } from 'vitest';
import { actionLabel } from '../../../renderer/src/pages/audit/action-label';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

describe('audit action codes in words', () => {
  it('names the codes the core writes, in Chinese and English', () => {
    const codes = {
      'auth.login': '登录',
      'auth.loginFailed': '登录失败',
      'auth.locked': '账户锁定',
      'auth.logout': '退出登录',
      'auth.changePassword': '修改密码',
      'user.create': '新建用户',
      'user.setRoles': '调整角色',
      'user.disable': '停用用户',
      'user.enable': '启用用户',
      'user.resetPassword': '重置密码',
      'setup.initialize': '首次运行初始化',
      'backup.run': '备份',
      'audit.verify': '校验审计链',
    };
    for (const [code, label] of Object.entries(codes)) {
      expect(actionLabel(zhCN.audit.actions, code)).toBe(label);
      expect(actionLabel(en.audit.actions, code)).not.toBe(code);
    }
  });

  it('shows an unknown code as it is, prototype names included', () => {
    for (const code of ['payment.approve', 'auth', 'auth.unknown', 'constructor', 'auth.toString', '__proto__.x', '', 'auth.login.extra']) {
      expect(actionLabel(zhCN.audit.actions, code)).toBe(code);
    }
  });
});

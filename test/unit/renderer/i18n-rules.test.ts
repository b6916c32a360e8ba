import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginSchema, personNameSchema, rolesSchema } from '../../../shared/api/common-schemas';
import { API } from '../../../shared/api/contract';
import { DEFAULT_PASSWORD_POLICY, passwordProblems } from '../../../shared/auth/password-policy';
import { ERROR_CODES } from '../../../shared/errors';
import { validateUscc } from '../../../shared/validators';
import {
  checkConfirm,
  checkLogin,
  checkPassword,
  checkPersonName,
  checkReason,
  checkUnitName,
  checkUscc,
  type RuleMessage,
} from '../../../renderer/src/forms/field-rules';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
});

const text = (rule: RuleMessage | null) => (rule ? i18n.t(rule.key, rule.params ?? {}) : null);
const sharedMessage = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: string) =>
  schema.safeParse(value).error?.issues[0]?.message ?? null;

/**
 * The forms show these texts while the user types; the core answers with the shared ones on
 * submit. They must be the same words, or the user sees the message change under their eyes.
 */
describe('live rule texts equal the shared Chinese messages', () => {
  it('login', () => {
    for (const value of ['ab', 'a'.repeat(33), '1abc', 'ab c', 'zhang.san']) {
      expect(text(checkLogin(value))).toBe(sharedMessage(loginSchema, value));
    }
    expect(text(checkLogin(''))).toBe(API['auth.login'].params.shape.login.safeParse('').error?.issues[0]?.message);
  });

  it('person name', () => {
    for (const value of ['', '   ', '张'.repeat(41), '张三']) {
      expect(text(checkPersonName(value))).toBe(sharedMessage(personNameSchema, value));
    }
  });

  it('office name', () => {
    const schema = API['setup.initialize'].params.shape.unit.shape.name;
    for (const value of ['', '县', '县'.repeat(61), '某某县财政局']) {
      expect(text(checkUnitName(value))).toBe(sharedMessage(schema, value));
    }
  });

  it('reason', () => {
    const schema = API['users.disable'].params.shape.reason;
    for (const value of ['', '离', '离'.repeat(201), '调离本单位']) {
      expect(text(checkReason(value))).toBe(sharedMessage(schema, value));
    }
  });

  it('unified social credit code', () => {
    for (const value of ['', '123', '91350100M000100Y4O', '91350100M000100Y43', '91350100M000100Y44']) {
      const checked = validateUscc(value);
      expect(text(checkUscc(value))).toBe(checked.ok ? null : checked.message);
    }
  });

  it('password rules, for the default and a tightened policy', () => {
    const policies = [DEFAULT_PASSWORD_POLICY, { minLength: 12, minClasses: 4 }];
    const samples = ['', 'short', 'alllowercase', 'has space A1!', 'zhangsan-Pass1', 'Goodpass1!', 'x'.repeat(129)];
    for (const policy of policies) {
      for (const value of samples) {
        const shared = passwordProblems(value, policy, 'zhangsan').map((p) => p.message);
        expect(checkPassword(value, policy, 'zhangsan').map((rule) => text(rule))).toEqual(shared);
      }
    }
  });

  it('confirmation and roles', () => {
    expect(text(checkConfirm('a', 'b'))).toBe(ERROR_CODES.PASSWORD_MISMATCH);
    expect(checkConfirm('a', 'a')).toBeNull();
    expect(i18n.t('rules.roles.required')).toBe(rolesSchema.safeParse([]).error?.issues[0]?.message);
  });

  it('idle sign-out says what the core says on SESSION_EXPIRED', () => {
    expect(i18n.t('session.idleSignedOut')).toBe(ERROR_CODES.SESSION_EXPIRED);
  });
});

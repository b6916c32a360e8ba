import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../../../shared/auth/password-policy';

describe('password policy (R11)', () => {
  it('accepts 8+ characters from three of the four classes', () => {
    expect(passwordProblems('Gov#pay2026')).toEqual([]);
    expect(passwordProblems('abcdEF12')).toEqual([]);
  });

  it.each([
    ['Ab#1', 'length', '密码至少 8 位'],
    ['abcdefgh1', 'classes', '密码须包含大写字母、小写字母、数字、符号中的至少 3 类'],
    ['Abc 12345', 'whitespace', '密码不能包含空格等空白字符'],
  ])('refuses %s (%s) with a Chinese message', (password, rule, message) => {
    expect(passwordProblems(password)).toContainEqual({ rule, message });
  });

  it('refuses a password that contains the login, in any case', () => {
    expect(passwordProblems('Zhang#2026x', undefined, 'zhang').map((p) => p.rule)).toEqual(['containsLogin']);
  });

  it('applies a stricter policy when one is configured', () => {
    expect(passwordProblems('Gov#pay2026', { minLength: 12, minClasses: 4 }).map((p) => p.rule)).toEqual(['length']);
  });
});

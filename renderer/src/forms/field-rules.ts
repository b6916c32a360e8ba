import type { z } from 'zod';
import { loginSchema, personNameSchema } from '../../../shared/api/common-schemas';
import { API } from '../../../shared/api/contract';
import { passwordProblems, type PasswordPolicy } from '../../../shared/auth/password-policy';
import { validateUscc } from '../../../shared/validators';

/**
 * Live checks while the user types, using the very schemas and rules the core enforces
 * (shared/), so a form never accepts what the core will refuse, or the reverse.
 * Each failure is an i18n key; test/unit/renderer checks that the zh-CN text of every key is
 * word for word the shared Chinese message.
 */
export interface RuleMessage {
  key: RuleKey;
  params?: Record<string, string | number>;
}

export type RuleKey =
  | 'rules.login.required'
  | 'rules.login.tooShort'
  | 'rules.login.tooLong'
  | 'rules.login.format'
  | 'rules.personName.required'
  | 'rules.personName.tooLong'
  | 'rules.unitName.tooShort'
  | 'rules.unitName.tooLong'
  | 'rules.reason.tooShort'
  | 'rules.reason.tooLong'
  | 'rules.uscc.required'
  | 'rules.uscc.invalid'
  | 'rules.password.length'
  | 'rules.password.tooLong'
  | 'rules.password.whitespace'
  | 'rules.password.classes'
  | 'rules.password.containsLogin'
  | 'rules.password.mismatch'
  | 'rules.required'
  | 'rules.roles.required';

type Limits = { min: number; max: number };

/** Reads the min/max of a string schema from its first failing zod issue. */
function firstIssue(schema: z.ZodType, value: string): z.core.$ZodIssue | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0] ?? null);
}

function lengthRule(
  schema: z.ZodType,
  value: string,
  keys: { tooShort: RuleKey; tooLong: RuleKey; format?: RuleKey },
  limits: Limits,
): RuleMessage | null {
  const issue = firstIssue(schema, value);
  if (!issue) return null;
  if (issue.code === 'too_big') return { key: keys.tooLong, params: { max: limits.max } };
  if (issue.code === 'invalid_format' && keys.format) return { key: keys.format };
  return { key: keys.tooShort, params: { min: limits.min } };
}

export function checkLogin(value: string): RuleMessage | null {
  if (value.trim() === '') return { key: 'rules.login.required' };
  return lengthRule(
    loginSchema,
    value,
    { tooShort: 'rules.login.tooShort', tooLong: 'rules.login.tooLong', format: 'rules.login.format' },
    { min: 3, max: 32 },
  );
}

export function checkPersonName(value: string): RuleMessage | null {
  const issue = firstIssue(personNameSchema, value);
  if (!issue) return null;
  return issue.code === 'too_big' ? { key: 'rules.personName.tooLong', params: { max: 40 } } : { key: 'rules.personName.required' };
}

const unitNameSchema = API['setup.initialize'].params.shape.unit.shape.name;
const reasonSchema = API['users.disable'].params.shape.reason;

export function checkUnitName(value: string): RuleMessage | null {
  return lengthRule(unitNameSchema, value, { tooShort: 'rules.unitName.tooShort', tooLong: 'rules.unitName.tooLong' }, { min: 2, max: 60 });
}

export function checkReason(value: string): RuleMessage | null {
  return lengthRule(reasonSchema, value, { tooShort: 'rules.reason.tooShort', tooLong: 'rules.reason.tooLong' }, { min: 2, max: 200 });
}

/** The USCC validator's message names the exact position and character; it is passed through. */
export function checkUscc(value: string): RuleMessage | null {
  if (value.trim() === '') return { key: 'rules.uscc.required' };
  const result = validateUscc(value);
  return result.ok ? null : { key: 'rules.uscc.invalid', params: { detail: result.message } };
}

/** Every unmet password rule, so the user sees all of them at once while typing. */
export function checkPassword(value: string, policy: PasswordPolicy, login?: string): RuleMessage[] {
  return passwordProblems(value, policy, login).map((problem): RuleMessage => {
    switch (problem.rule) {
      case 'length':
        return { key: 'rules.password.length', params: { min: policy.minLength } };
      case 'tooLong':
        return { key: 'rules.password.tooLong', params: { max: 128 } };
      case 'whitespace':
        return { key: 'rules.password.whitespace' };
      case 'classes':
        return { key: 'rules.password.classes', params: { classes: policy.minClasses } };
      case 'containsLogin':
        return { key: 'rules.password.containsLogin' };
    }
  });
}

export function checkConfirm(password: string, confirm: string): RuleMessage | null {
  return password === confirm ? null : { key: 'rules.password.mismatch' };
}

export function checkRequired(value: string): RuleMessage | null {
  return value === '' ? { key: 'rules.required' } : null;
}

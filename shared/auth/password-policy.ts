/**
 * Password complexity of R11 (等保 2.0 level 3). Pure, so the core enforces it and the renderer
 * shows the very same messages while the user types.
 */
export interface PasswordPolicy {
  minLength: number;
  /** how many of the four character classes (upper, lower, digit, symbol) must appear */
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

export interface PasswordProblem {
  rule: 'length' | 'classes' | 'containsLogin' | 'whitespace' | 'tooLong';
  message: string;
}

const MAX_LENGTH = 128;

export function passwordProblems(
  password: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  login?: string,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < policy.minLength) {
    problems.push({ rule: 'length', message: `密码至少 ${policy.minLength} 位` });
  }
  if (password.length > MAX_LENGTH) {
    problems.push({ rule: 'tooLong', message: `密码不能超过 ${MAX_LENGTH} 位` });
  }
  if (/\s/.test(password)) {
    problems.push({ rule: 'whitespace', message: '密码不能包含空格等空白字符' });
  }
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9\s]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) {
    problems.push({
      rule: 'classes',
      message: `密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`,
    });
  }
  if (login && login.length >= 3 && password.toLowerCase().includes(login.toLowerCase())) {
    problems.push({ rule: 'containsLogin', message: '密码不能包含登录名' });
  }
  return problems;
}

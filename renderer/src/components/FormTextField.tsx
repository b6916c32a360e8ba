import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleMessage } from '../forms/field-rules';
import type { FormApi } from '../forms/use-form';

interface Props<F extends string> {
  form: FormApi<F>;
  field: F;
  label: string;
  /** live rule failures from shared/ (shown once the field is touched or a submit was tried) */
  rules?: RuleMessage | RuleMessage[] | null;
  hint?: ReactNode;
  type?: 'text' | 'password';
  autoComplete?: string;
  autoFocus?: boolean;
  multiline?: boolean;
  maxLength?: number;
}

/**
 * A labelled text field bound to a form: the core's message for this field wins over the live
 * rules, which win over the hint. The label is the accessible name (getByLabel in e2e tests).
 */
export function FormTextField<F extends string>(props: Props<F>) {
  const { form, field, label, rules, hint, type = 'text', autoComplete, autoFocus, multiline, maxLength } = props;
  const { t } = useTranslation();
  const ruleList = rules == null ? [] : Array.isArray(rules) ? rules : [rules];
  const ruleText =
    form.showRules(field) && ruleList.length > 0 ? ruleList.map((rule) => t(rule.key, rule.params ?? {})).join(t('common.listSeparator')) : null;
  const message = form.serverMessage(field) ?? ruleText;
  return (
    <TextField
      label={label}
      type={type}
      value={form.values[field]}
      onChange={(event) => form.setValue(field, event.target.value)}
      error={message !== null}
      helperText={message ?? hint ?? ' '}
      autoComplete={autoComplete}
      autoFocus={autoFocus}
      multiline={multiline}
      minRows={multiline ? 2 : undefined}
      slotProps={{ htmlInput: { 'aria-required': true, maxLength, spellCheck: false } }}
    />
  );
}

import type { SxProps, Theme } from '@mui/material/styles';
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormApi } from '../../forms/use-form';
import type { BackupRule } from './backup-rules';

interface Props<F extends string> {
  form: FormApi<F>;
  field: F;
  label: string;
  rules: readonly BackupRule[];
  hint?: ReactNode;
  type?: 'text' | 'password' | 'number';
  autoComplete?: string;
  sx?: SxProps<Theme>;
}

/**
 * A labelled field of the backup forms: the core's message for the field wins over the live
 * rules, which win over the hint (as FormTextField does for the other forms, with the backup
 * page's own rule keys). The label is the accessible name the end-to-end test finds it by.
 */
export function BackupTextField<F extends string>({ form, field, label, rules, hint, type = 'text', autoComplete = 'off', sx }: Props<F>) {
  const { t } = useTranslation();
  const ruleText = form.showRules(field) && rules.length > 0 ? rules.map((r) => t(r.key, r.params ?? {})).join(t('common.listSeparator')) : null;
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
      sx={sx}
      slotProps={{
        htmlInput: { spellCheck: false, ...(type === 'number' ? { min: 1, max: 365, step: 1 } : {}) },
      }}
    />
  );
}

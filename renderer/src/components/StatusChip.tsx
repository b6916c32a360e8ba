import Chip from '@mui/material/Chip';
import type { ReactElement } from 'react';

export type StatusTone = 'ok' | 'warn' | 'bad' | 'neutral' | 'busy';

const TONE_COLOR = {
  ok: 'success',
  warn: 'warning',
  bad: 'error',
  neutral: 'default',
  busy: 'info',
} as const;

/** A status always as text on a coloured chip: colour alone never carries meaning (DOMAIN.md). */
export function StatusChip(props: { label: string; tone: StatusTone; title?: string; icon?: ReactElement }) {
  const { label, tone, title, icon } = props;
  return (
    <Chip
      label={label}
      color={TONE_COLOR[tone]}
      variant={tone === 'neutral' ? 'outlined' : 'filled'}
      title={title}
      icon={icon}
      sx={{ fontWeight: 500 }}
    />
  );
}

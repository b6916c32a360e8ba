import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { BudgetPositionView } from '../../../../shared/api/methods/budget-methods';
import { usageLevel, type UsageLevel } from '../../../../shared/budget/threshold';
import { formatFen } from '../../../../shared/money';
import { StatusChip } from '../../components/StatusChip';

const TONE = { normal: 'ok', warning: 'warn', exhausted: 'bad' } as const;
const PAID_COLOR = { normal: 'success.dark', warning: 'warning.dark', exhausted: 'error.dark' } as const;
const RESERVED_COLOR = { normal: 'success.light', warning: 'warning.light', exhausted: 'error.light' } as const;

function share(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.min(100, (part * 100) / whole);
}

/**
 * 预算执行 of one line or a project total: paid (dark) and reserved (light) against the amount,
 * with the percentage and the three amounts in words and the level as a text chip — never colour
 * alone (DOMAIN.md). The warning mark sits at the threshold in force.
 */
export function UsageBar({ position, compact = false }: { position: Omit<BudgetPositionView, 'budgetLineId' | 'heldHere' | 'committedHere' | 'availableHere'>; compact?: boolean }) {
  const { t } = useTranslation();
  const level: UsageLevel = usageLevel(position);
  const used = position.reserved + position.paid;
  const percent = position.amount > 0 ? Math.floor((used * 10_000) / position.amount) / 100 : 0;
  const label = t('projects.usage.label', { percent: percent.toFixed(2) });
  const detail = t('projects.usage.detail', { paid: formatFen(position.paid), reserved: formatFen(position.reserved), available: formatFen(position.available) });
  return (
    <Box sx={{ minWidth: compact ? 150 : 260 }} data-testid="usage-bar" data-level={level}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5 }}>
        <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {label}
        </Typography>
        {level === 'normal' && compact ? null : <StatusChip tone={TONE[level]} label={t(`projects.usage.${level}`)} />}
      </Box>
      <Box
        role="meter"
        aria-label={`${label}；${detail}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, percent)}
        sx={{ position: 'relative', height: 10, borderRadius: 1, bgcolor: 'action.hover', overflow: 'hidden', border: 1, borderColor: 'divider' }}
      >
        <Box sx={{ position: 'absolute', left: 0, top: 0, bottom: 0, width: `${share(position.paid, position.amount)}%`, bgcolor: PAID_COLOR[level] }} />
        <Box
          sx={{
            position: 'absolute',
            left: `${share(position.paid, position.amount)}%`,
            top: 0,
            bottom: 0,
            width: `${share(position.reserved, position.amount)}%`,
            bgcolor: RESERVED_COLOR[level],
          }}
        />
        <Box sx={{ position: 'absolute', left: `${position.warnRatio * 100}%`, top: 0, bottom: 0, width: 2, bgcolor: 'text.primary', opacity: 0.6 }} />
      </Box>
      {compact ? null : (
        <Typography variant="caption" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {detail}
        </Typography>
      )}
    </Box>
  );
}

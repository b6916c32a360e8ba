import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BudgetLineView } from '../../../../shared/api/methods/budget-methods';
import { FUND_SOURCE_LABELS, type FundSource } from '../../../../shared/domain/fund-source';
import { formatFen, formatFenPlain, parseYuan } from '../../../../shared/money';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';
import { useForm } from '../../forms/use-form';

type Field = 'year' | 'subjectCode' | 'fundSource' | 'amount' | 'monthlyPlan';
const PATHS: Record<Field, string> = { year: 'year', subjectCode: 'subjectCode', fundSource: 'fundSource', amount: 'amount', monthlyPlan: 'monthlyPlan' };
const MONTHS = Array.from({ length: 12 }, (_, i) => i);

/**
 * 新增/调整预算指标. Amounts are typed in yuan and read with shared/money's parser (exact 分);
 * the core checks everything again — uniqueness, the project's fund sources, the plan's sum and
 * that the amount stays above what is reserved and paid — and its message shows on the field.
 */
export function BudgetLineDialog(props: { projectId: string; fundSources: readonly FundSource[]; line: BudgetLineView | null; onClose: () => void; onSaved: (line: BudgetLineView) => void }) {
  const { projectId, fundSources, line, onClose, onSaved } = props;
  const { t } = useTranslation();
  const client = useApi();
  const form = useForm<Field>(
    {
      year: String(line?.year ?? new Date().getFullYear()),
      subjectCode: line?.subjectCode ?? '',
      fundSource: line?.fundSource ?? fundSources[0] ?? 'fiscal',
      amount: line ? formatFenPlain(line.amount) : '',
      monthlyPlan: '',
    },
    PATHS,
  );
  const [withPlan, setWithPlan] = useState(line?.monthlyPlan != null);
  const [months, setMonths] = useState<string[]>(MONTHS.map((m) => (line?.monthlyPlan ? formatFenPlain(line.monthlyPlan[m] ?? 0) : '')));
  const v = form.values;
  const amount = parseYuan(v.amount, { label: t('projects.lineDialog.amount') });
  const monthValues = months.map((m) => (m.trim() === '' ? { ok: true as const, value: 0 } : parseYuan(m)));
  const planTotal = monthValues.reduce((sum, m) => sum + (m.ok ? m.value : 0), 0);
  const planOk = !withPlan || monthValues.every((m) => m.ok);
  const amountMessage = form.serverMessage('amount') ?? (form.showRules('amount') && !amount.ok ? amount.message : null);

  const submit = () => {
    const plan = withPlan ? monthValues.map((m) => (m.ok ? m.value : 0)) : null;
    const valid = amount.ok && planOk && /^\d{4}$/u.test(v.year) && v.subjectCode.trim() !== '';
    void form.submit(
      valid,
      () =>
        line
          ? client.call('budget.lines.update', { budgetLineId: line.id, amount: amount.ok ? amount.value : 0, monthlyPlan: plan })
          : client.call('budget.lines.create', { projectId, year: Number(v.year), subjectCode: v.subjectCode.trim(), fundSource: v.fundSource as FundSource, amount: amount.ok ? amount.value : 0, monthlyPlan: plan }),
      onSaved,
    );
  };
  const fieldProps = (field: Field) => ({ error: form.serverMessage(field) !== null, helperText: form.serverMessage(field) ?? ' ' });

  return (
    <FormDialog title={line ? t('projects.lineDialog.editTitle') : t('projects.lineDialog.createTitle')} submitLabel={t('projects.lineDialog.submit')} busy={form.busy} error={form.generalError} onClose={onClose} onSubmit={submit}>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <TextField label={t('projects.lineDialog.year')} value={v.year} disabled={line !== null} onChange={(e) => form.setValue('year', e.target.value)} {...fieldProps('year')} sx={{ width: 120 }} />
        <TextField label={t('projects.lineDialog.subject')} value={v.subjectCode} disabled={line !== null} onChange={(e) => form.setValue('subjectCode', e.target.value)} error={form.serverMessage('subjectCode') !== null} helperText={form.serverMessage('subjectCode') ?? t('projects.lineDialog.subjectHint')} sx={{ flexGrow: 1 }} autoFocus={line === null} />
      </Box>
      <TextField select label={t('projects.lineDialog.fund')} value={v.fundSource} disabled={line !== null} onChange={(e) => form.setValue('fundSource', e.target.value)} {...fieldProps('fundSource')}>
        {fundSources.map((f) => (
          <MenuItem key={f} value={f}>
            {FUND_SOURCE_LABELS[f]}
          </MenuItem>
        ))}
      </TextField>
      <TextField label={t('projects.lineDialog.amount')} value={v.amount} onChange={(e) => form.setValue('amount', e.target.value)} error={amountMessage !== null} helperText={amountMessage ?? (amount.ok ? formatFen(amount.value) : ' ')} slotProps={{ htmlInput: { inputMode: 'decimal', style: { textAlign: 'right' } } }} autoFocus={line !== null} />
      {line ? null : (
        <Typography variant="body2" color="text.secondary">
          {t('projects.lineDialog.allocationNote')}
        </Typography>
      )}
      <FormControlLabel control={<Checkbox checked={withPlan} onChange={(e) => setWithPlan(e.target.checked)} />} label={t('projects.lineDialog.withPlan')} />
      {withPlan ? (
        <>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 1 }}>
            {MONTHS.map((m) => (
              <TextField
                key={m}
                size="small"
                label={t('projects.lineDialog.month', { month: m + 1 })}
                value={months[m]}
                error={!(monthValues[m]?.ok ?? true)}
                onChange={(e) => {
                  const next = [...months];
                  next[m] = e.target.value;
                  setMonths(next);
                  form.setValue('monthlyPlan', next.join('|'));
                }}
                slotProps={{ htmlInput: { inputMode: 'decimal', style: { textAlign: 'right' } } }}
              />
            ))}
          </Box>
          <Typography variant="body2" color={form.serverMessage('monthlyPlan') ? 'error' : 'text.secondary'}>
            {form.serverMessage('monthlyPlan') ?? t('projects.lineDialog.planTotal', { total: formatFen(planTotal), rest: amount.ok ? formatFen(amount.value - planTotal) : '—' })}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {t('projects.lineDialog.planHint')}
          </Typography>
        </>
      ) : null}
    </FormDialog>
  );
}

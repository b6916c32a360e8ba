import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { MILESTONE_DUE_RULE_LABELS, MILESTONE_DUE_RULES, type MilestoneDueRule } from '../../../../shared/domain/contract';
import { MILESTONE_KINDS, PAYMENT_KIND_LABELS, type MilestoneKind } from '../../../../shared/domain/payment-kind';
import type { MilestoneRow } from './contract-form-state';

/** The payment schedule as editable rows; each cell shows the refusal the rules give for it. */
export function MilestoneRows({ rows, onChange, problemAt }: { rows: MilestoneRow[]; onChange: (rows: MilestoneRow[]) => void; problemAt: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<MilestoneRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      {rows.map((row, i) => {
        const at = (name: string) => problemAt(`milestones.${i}.${name}`);
        return (
          <Box key={i} sx={{ display: 'grid', gap: 1, gridTemplateColumns: '2fr 1fr 0.8fr 1.1fr 1.1fr auto', alignItems: 'start' }} role="group" aria-label={`${t('contracts.form.milestones')} ${i + 1}`}>
            <TextField size="small" label={t('contracts.form.mName')} value={row.name} onChange={(e) => update(i, { name: e.target.value })} error={at('name') !== undefined} helperText={at('name')} />
            <TextField select size="small" label={t('contracts.form.mKind')} value={row.kind} onChange={(e) => update(i, { kind: e.target.value as MilestoneKind })} error={at('kind') !== undefined} helperText={at('kind')}>
              {MILESTONE_KINDS.map((k) => (
                <MenuItem key={k} value={k}>{PAYMENT_KIND_LABELS[k]}</MenuItem>
              ))}
            </TextField>
            <TextField size="small" label={t('contracts.form.mRatio')} value={row.ratio} onChange={(e) => update(i, { ratio: e.target.value })} error={at('ratio') !== undefined} helperText={at('ratio')} slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
            <TextField select size="small" label={t('contracts.form.mRule')} value={row.dueRule} onChange={(e) => update(i, { dueRule: e.target.value as MilestoneDueRule })}>
              {MILESTONE_DUE_RULES.map((r) => (
                <MenuItem key={r} value={r}>{MILESTONE_DUE_RULE_LABELS[r]}</MenuItem>
              ))}
            </TextField>
            {row.dueRule === 'afterAcceptance' ? (
              <TextField size="small" label={t('contracts.form.mDays')} value={row.dueDays} onChange={(e) => update(i, { dueDays: e.target.value })} error={at('dueDays') !== undefined} helperText={at('dueDays')} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
            ) : (
              <TextField size="small" type="date" label={t('contracts.form.mDate')} value={row.dueDate} onChange={(e) => update(i, { dueDate: e.target.value })} error={at('dueDate') !== undefined} helperText={at('dueDate')} slotProps={{ inputLabel: { shrink: true } }} />
            )}
            <IconButton aria-label={t('contracts.form.removeMilestone')} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Box>
        );
      })}
      <Box>
        <Button size="small" startIcon={<AddIcon />} onClick={() => onChange([...rows, { name: '', kind: 'progress', ratio: '80', dueRule: 'afterAcceptance', dueDays: '', dueDate: '' }])}>
          {t('contracts.form.addMilestone')}
        </Button>
      </Box>
    </Box>
  );
}

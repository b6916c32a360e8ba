import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import type { TableDraftView } from '../../../../shared/api/methods/approval-methods';
import { APPROVER_ROLES, STEP_MODE_LABELS, STEP_MODES, STEP_SCOPE_LABELS, STEP_SCOPES } from '../../../../shared/domain/approval';
import { ROLE_LABELS } from '../../../../shared/domain/roles';

export type DraftStep = TableDraftView['rules'][number]['steps'][number];

/** The ordered steps a rule yields: role, scope (本单位/上级单位), mode (任一人/会签), name. */
export function StepsEditor({ steps, onChange, ruleIndex, fieldError }: { steps: DraftStep[]; onChange: (steps: DraftStep[]) => void; ruleIndex: number; fieldError: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<DraftStep>) => onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <Stack spacing={0.5}>
      {steps.map((step, i) => {
        const roleError = fieldError(`rules.${ruleIndex}.steps.${i}.role`) ?? fieldError(`rules.${ruleIndex}.steps.${i}.label`);
        return (
          <Stack key={i} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <span style={{ width: 16, fontSize: 12 }}>{i + 1}.</span>
            <TextField select size="small" label={t('approval.rules.role')} value={step.role} onChange={(e) => set(i, { role: e.target.value as DraftStep['role'] })} sx={{ width: 130 }} error={roleError !== undefined}>
              {APPROVER_ROLES.map((r) => (
                <MenuItem key={r} value={r}>
                  {ROLE_LABELS[r]}
                </MenuItem>
              ))}
            </TextField>
            <TextField select size="small" label={t('approval.rules.scope')} value={step.scope} onChange={(e) => set(i, { scope: e.target.value as DraftStep['scope'] })} sx={{ width: 100 }}>
              {STEP_SCOPES.map((s) => (
                <MenuItem key={s} value={s}>
                  {STEP_SCOPE_LABELS[s]}
                </MenuItem>
              ))}
            </TextField>
            <TextField select size="small" label={t('approval.rules.mode')} value={step.mode} onChange={(e) => set(i, { mode: e.target.value as DraftStep['mode'] })} sx={{ width: 130 }}>
              {STEP_MODES.map((m) => (
                <MenuItem key={m} value={m}>
                  {STEP_MODE_LABELS[m]}
                </MenuItem>
              ))}
            </TextField>
            <TextField size="small" label={t('approval.rules.stepLabel')} value={step.label} onChange={(e) => set(i, { label: e.target.value })} sx={{ width: 150 }} error={roleError !== undefined} title={roleError} />
            <IconButton size="small" aria-label={t('approval.rules.removeStep')} onClick={() => onChange(steps.filter((_s, j) => j !== i))}>
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Stack>
        );
      })}
      <Button size="small" startIcon={<AddIcon />} sx={{ alignSelf: 'flex-start' }} onClick={() => onChange([...steps, { role: 'leader', scope: 'own', mode: 'any', label: '分管领导审批' }])}>
        {t('approval.rules.addStep')}
      </Button>
      {fieldError(`rules.${ruleIndex}.steps`) ? <span style={{ color: '#d32f2f', fontSize: 12 }}>{fieldError(`rules.${ruleIndex}.steps`)}</span> : null}
    </Stack>
  );
}

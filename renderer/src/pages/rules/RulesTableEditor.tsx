import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableDraftView, TableIssueView } from '../../../../shared/api/methods/approval-methods';
import { DECISION_INPUT_LABELS, DECISION_INPUTS, HIT_POLICIES, HIT_POLICY_LABELS, type DecisionInput } from '../../../../shared/domain/approval';
import { formatFen } from '../../../../shared/money';
import { StepsEditor } from './StepsEditor';

/** "≈ ¥500,000.00" under an amount cell, because the table counts in 分 and people in 元. */
function yuanHint(cell: string): string {
  const numbers = cell.match(/-?\d+(\.\d+)?/gu) ?? [];
  return numbers
    .map(Number)
    .filter((n) => Number.isSafeInteger(n))
    .map((n) => formatFen(n))
    .join('、');
}

/**
 * The table as a grid: one row per rule, one FEEL cell per input column, then the steps. Errors
 * from the core's check are shown on the cell they name (field `rules.r.when.c`).
 */
export function RulesTableEditor({ draft, issues, onChange }: { draft: TableDraftView; issues: readonly TableIssueView[]; onChange: (draft: TableDraftView) => void }) {
  const { t } = useTranslation();
  const fieldError = (field: string) => issues.find((i) => i.severity === 'error' && i.field === field)?.message;
  const columns = draft.inputs.map((c) => c.input);
  const toggleInput = (input: DecisionInput, on: boolean) => {
    if (on) {
      const inputs = DECISION_INPUTS.filter((i) => i === input || columns.includes(i)).map((i) => ({ input: i, label: DECISION_INPUT_LABELS[i] }));
      const at = inputs.findIndex((c) => c.input === input);
      onChange({ ...draft, inputs, rules: draft.rules.map((r) => ({ ...r, when: [...r.when.slice(0, at), '-', ...r.when.slice(at)] })) });
    } else {
      const at = columns.indexOf(input);
      onChange({ ...draft, inputs: draft.inputs.filter((_c, i) => i !== at), rules: draft.rules.map((r) => ({ ...r, when: r.when.filter((_w, i) => i !== at) })) });
    }
  };
  const setRule = (index: number, patch: Partial<TableDraftView['rules'][number]>) => onChange({ ...draft, rules: draft.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField size="small" label={t('approval.rules.name')} value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} sx={{ minWidth: 260 }} error={fieldError('name') !== undefined} helperText={fieldError('name')} />
        <TextField select size="small" label={t('approval.rules.hitPolicy')} value={draft.hitPolicy} onChange={(e) => onChange({ ...draft, hitPolicy: e.target.value as TableDraftView['hitPolicy'] })} sx={{ width: 200 }}>
          {HIT_POLICIES.map((h) => (
            <MenuItem key={h} value={h}>
              {h} · {HIT_POLICY_LABELS[h]}
            </MenuItem>
          ))}
        </TextField>
        <Box>
          <span style={{ fontSize: 13, marginRight: 8 }}>{t('approval.rules.inputs')}</span>
          {DECISION_INPUTS.map((input) => (
            <FormControlLabel key={input} control={<Checkbox size="small" checked={columns.includes(input)} onChange={(e) => toggleInput(input, e.target.checked)} />} label={DECISION_INPUT_LABELS[input]} />
          ))}
        </Box>
      </Stack>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t('approval.rules.editor')}>
          <TableHead>
            <TableRow>
              <TableCell>#</TableCell>
              <TableCell>{t('approval.rules.ruleId')}</TableCell>
              {draft.inputs.map((c) => (
                <TableCell key={c.input}>{c.label}</TableCell>
              ))}
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {draft.rules.map((rule, r) => (
              <Fragment key={r}>
                <TableRow sx={{ verticalAlign: 'top', '& td': { borderBottom: 0 } }}>
                  <TableCell rowSpan={2} sx={{ fontWeight: 600 }}>
                    {r + 1}
                  </TableCell>
                  <TableCell>
                    <TextField size="small" value={rule.id} onChange={(e) => setRule(r, { id: e.target.value })} sx={{ width: 110 }} error={fieldError(`rules.${r}.id`) !== undefined} helperText={fieldError(`rules.${r}.id`)} slotProps={{ htmlInput: { 'aria-label': `${t('approval.rules.ruleId')} ${r + 1}` } }} />
                  </TableCell>
                  {draft.inputs.map((c, ci) => {
                    const cell = rule.when[ci] ?? '';
                    const error = fieldError(`rules.${r}.when.${ci}`);
                    return (
                      <TableCell key={c.input}>
                        <TextField
                          size="small"
                          value={cell}
                          onChange={(e) => setRule(r, { when: rule.when.map((w, i) => (i === ci ? e.target.value : w)) })}
                          sx={{ width: c.input === 'amount' ? 170 : 120, '& input': { fontFamily: 'monospace' } }}
                          error={error !== undefined}
                          helperText={error ?? (c.input === 'amount' && yuanHint(cell) ? t('approval.rules.yuanHint', { yuan: yuanHint(cell) }) : undefined)}
                          slotProps={{ htmlInput: { 'aria-label': `${c.label} ${r + 1}` } }}
                        />
                      </TableCell>
                    );
                  })}
                  <TableCell rowSpan={2}>
                    <IconButton aria-label={`${t('approval.rules.removeRule')} ${r + 1}`} onClick={() => onChange({ ...draft, rules: draft.rules.filter((_x, i) => i !== r) })}>
                      <DeleteIcon />
                    </IconButton>
                  </TableCell>
                </TableRow>
                <TableRow sx={{ verticalAlign: 'top' }}>
                  <TableCell colSpan={draft.inputs.length + 1}>
                    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
                      <Box>
                        <Box sx={{ fontSize: 12, color: 'text.secondary', mb: 0.5 }}>{t('approval.rules.steps')}</Box>
                        <StepsEditor steps={rule.steps} ruleIndex={r} fieldError={fieldError} onChange={(steps) => setRule(r, { steps })} />
                      </Box>
                      <TextField size="small" label={t('approval.rules.note')} value={rule.note} onChange={(e) => setRule(r, { note: e.target.value })} multiline sx={{ width: 260 }} />
                    </Stack>
                  </TableCell>
                </TableRow>
              </Fragment>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Button
        startIcon={<AddIcon />}
        sx={{ alignSelf: 'flex-start' }}
        onClick={() => onChange({ ...draft, rules: [...draft.rules, { id: `rule-${draft.rules.length + 1}`, when: draft.inputs.map(() => '-'), steps: [{ role: 'projectLead', scope: 'own', mode: 'any', label: '项目负责人审批' }], note: '' }] })}
      >
        {t('approval.rules.addRule')}
      </Button>
    </Stack>
  );
}

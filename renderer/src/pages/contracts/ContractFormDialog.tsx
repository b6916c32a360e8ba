import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTRACT_CATEGORIES, CONTRACT_CATEGORY_LABELS, type ContractCategory } from '../../../../shared/contracts/contract-category';
import type { ContractDetail, ContractView } from '../../../../shared/contracts/contract-api-schemas';
import { FUND_SOURCE_LABELS } from '../../../../shared/domain/fund-source';
import type { ErrorBody } from '../../../../shared/errors';
import { toChineseCapitals } from '../../../../shared/money';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { emptyForm, formOfDetail, parseForm, type ContractForm } from './contract-form-state';
import { MilestoneRows } from './MilestoneRows';
import { useCall } from '../../api/use-call';

interface Props {
  /** null: a new contract; otherwise the draft to edit */
  contract: ContractDetail | null;
  onClose: () => void;
  onSaved: (contract: ContractView) => void;
}

/**
 * 新建/修改合同草稿. The rules of shared/contracts run while typing (the same functions the core
 * runs) and show beside their fields; saving still goes to the core, which decides.
 */
export function ContractFormDialog({ contract, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const client = useApi();
  const titleId = useId();
  const [form, setForm] = useState<ContractForm>(() => (contract ? formOfDetail(contract) : emptyForm()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [touched, setTouched] = useState(false);
  const { data: options } = useCall('contracts.formOptions', {});
  const { data: payees } = useCall('counterparties.list', {});
  const payee = payees?.find((p) => p.id === form.counterpartyId) ?? null;
  const parsed = parseForm(form, payee ? { isSme: payee.isSme, hasWageAccount: payee.wageAccount !== null } : null);
  const shown = touched ? parsed.problems : parsed.problems.filter((p) => p.rule !== 'terms');
  const problemAt = (field: string) => shown.find((p) => p.field === field)?.message ?? (error?.field === field ? error.message : undefined);
  const set = <K extends keyof ContractForm>(key: K, value: ContractForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const lines = (options?.budgetLines ?? []).filter((l) => l.projectId === form.projectId);
  const amountFen = parsed.input?.amount;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!parsed.input) return;
    setBusy(true);
    const envelope = contract
      ? await client.call('contracts.update', { ...parsed.input, contractId: contract.contract.id })
      : await client.call('contracts.create', parsed.input);
    setBusy(false);
    if (envelope.ok) onSaved(envelope.value);
    else setError(envelope.error);
  };

  const field = (name: keyof ContractForm & string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      size="small"
      label={label}
      value={form[name] as string}
      onChange={(e) => set(name, e.target.value as never)}
      error={problemAt(name) !== undefined}
      helperText={problemAt(name)}
      {...extra}
    />
  );

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="lg" aria-labelledby={titleId}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id={titleId}>{contract ? t('contracts.form.editTitle') : t('contracts.form.createTitle')}</DialogTitle>
        <DialogContent>
          <ErrorAlert error={error} />
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', pt: 1 }}>
            <TextField select size="small" label={t('contracts.form.project')} value={form.projectId} onChange={(e) => setForm((f) => ({ ...f, projectId: e.target.value, budgetLineId: '' }))} error={problemAt('projectId') !== undefined} helperText={problemAt('projectId')}>
              {(options?.projects ?? []).map((p) => (
                <MenuItem key={p.id} value={p.id}>{`${p.code} ${p.name}`}</MenuItem>
              ))}
            </TextField>
            <TextField select size="small" label={t('contracts.form.budgetLine')} value={form.budgetLineId} onChange={(e) => set('budgetLineId', e.target.value)} error={problemAt('budgetLineId') !== undefined} helperText={problemAt('budgetLineId')}>
              {lines.map((l) => (
                <MenuItem key={l.id} value={l.id}>{`${l.year} · ${l.subjectCode} · ${FUND_SOURCE_LABELS[l.fundSource]}`}</MenuItem>
              ))}
            </TextField>
            <TextField select size="small" label={t('contracts.form.counterparty')} value={form.counterpartyId} onChange={(e) => set('counterpartyId', e.target.value)} error={problemAt('counterpartyId') !== undefined} helperText={problemAt('counterpartyId')}>
              {(payees ?? []).map((p) => (
                <MenuItem key={p.id} value={p.id}>{`${p.name}${p.isSme ? `（${t('contracts.sme')}）` : ''}`}</MenuItem>
              ))}
            </TextField>
            {field('code', t('contracts.form.code'))}
            {field('name', t('contracts.form.name'), { sx: { gridColumn: 'span 2' } })}
            <TextField select size="small" label={t('contracts.form.category')} value={form.category} onChange={(e) => set('category', e.target.value as ContractCategory)}>
              {CONTRACT_CATEGORIES.map((c) => (
                <MenuItem key={c} value={c}>{CONTRACT_CATEGORY_LABELS[c]}</MenuItem>
              ))}
            </TextField>
            {field('amount', t('contracts.form.amount'), { slotProps: { htmlInput: { inputMode: 'decimal' } }, helperText: problemAt('amount') ?? (amountFen ? toChineseCapitals(amountFen) : undefined) })}
            {field('paymentTermDays', t('contracts.form.term'), { slotProps: { htmlInput: { inputMode: 'numeric' } } })}
            {field('labourShare', t('contracts.form.labourShare'), { slotProps: { htmlInput: { inputMode: 'decimal' } } })}
            {field('retentionRate', t('contracts.form.retentionRate'), { slotProps: { htmlInput: { inputMode: 'decimal' } } })}
            {field('endDate', t('contracts.form.endDate'), { type: 'date', slotProps: { inputLabel: { shrink: true } } })}
            <FormControlLabel
              control={<Checkbox checked={form.backToBack} onChange={(e) => set('backToBack', e.target.checked)} />}
              label={<Typography variant="body2" color={problemAt('backToBack') ? 'error' : undefined}>{problemAt('backToBack') ?? t('contracts.form.backToBack')}</Typography>}
            />
          </Box>
          <Typography variant="subtitle2" sx={{ mt: 2, mb: 1 }}>
            {t('contracts.form.milestones')}
          </Typography>
          <MilestoneRows rows={form.milestones} onChange={(rows) => set('milestones', rows)} problemAt={problemAt} />
          {shown.length > 0 ? (
            <Alert severity="warning" role="status" sx={{ mt: 2 }} aria-label={t('contracts.form.ruleHint')}>
              {shown.map((p) => (
                <div key={`${p.field}-${p.message}`}>{p.message}</div>
              ))}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {t('contracts.form.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

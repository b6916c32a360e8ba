import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractDetail } from '../../../../shared/contracts/contract-api-schemas';
import { CONTRACT_CHANGE_KIND_LABELS, CONTRACT_CHANGE_KINDS, type ContractChangeKind } from '../../../../shared/domain/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { fenToYuanString, formatFen, parseYuan, toChineseCapitals } from '../../../../shared/money';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';
import { bpText, percentToBp } from './contract-status';

function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** 登记签订: says exactly what happens (status, R7 against which line) before doing it. */
export function SignDialog({ detail, lineLabel, onClose, onSigned }: { detail: ContractDetail; lineLabel: string; onClose: () => void; onSigned: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [date, setDate] = useState(today());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const c = detail.contract;
  const submit = async () => {
    setBusy(true);
    const envelope = await client.call('contracts.sign', { contractId: c.id, signedAt: date });
    setBusy(false);
    if (envelope.ok) onSigned();
    else setError(envelope.error);
  };
  return (
    <FormDialog title={t('contracts.sign.title')} submitLabel={t('contracts.sign.action')} busy={busy} error={error} onClose={onClose} onSubmit={() => void submit()}>
      <Typography variant="body2">
        {c.code} {c.name} · {formatFen(c.amount)}（{toChineseCapitals(c.amount)}）
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('contracts.sign.confirm', { line: lineLabel })}
      </Typography>
      <TextField type="date" label={t('contracts.sign.date')} value={date} onChange={(e) => setDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
    </FormDialog>
  );
}

/**
 * 合同变更/补充协议: the terms after the change, prefilled with the current ones. The core checks
 * every contract rule on them (and R7 for an increase) and routes the change for approval.
 */
export function ChangeDialog({ detail, onClose, onSubmitted }: { detail: ContractDetail; onClose: () => void; onSubmitted: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const c = detail.contract;
  const [kind, setKind] = useState<ContractChangeKind>('amount');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState(fenToYuanString(c.amount));
  const [term, setTerm] = useState(String(c.paymentTermDays));
  const [labour, setLabour] = useState(bpText(c.labourShare).replace('%', ''));
  const [retention, setRetention] = useState(bpText(c.retentionRate).replace('%', ''));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const parsed = parseYuan(amount, { label: '变更后合同金额' });
  const at = (field: string) => (error?.field === field ? error.message : undefined);

  const submit = async () => {
    const labourShare = percentToBp(labour);
    const retentionRate = percentToBp(retention);
    const days = Number(term);
    if (!parsed.ok) return setError({ code: 'INVALID_AMOUNT', message: parsed.message, field: 'amount' });
    if (labourShare === null || retentionRate === null || !Number.isInteger(days)) return setError({ code: 'VALIDATION_FAILED', message: '比例或天数格式不正确', field: 'paymentTermDays' });
    setBusy(true);
    const envelope = await client.call('contracts.submitChange', { contractId: c.id, kind, reason, amount: parsed.value, paymentTermDays: days, labourShare, retentionRate });
    setBusy(false);
    if (envelope.ok) onSubmitted();
    else setError(envelope.error);
  };
  return (
    <FormDialog title={t('contracts.changeDialog.title')} submitLabel={t('contracts.changeDialog.submit')} busy={busy} error={error} onClose={onClose} onSubmit={() => void submit()}>
      <Typography variant="body2" color="text.secondary">
        {t('contracts.changeDialog.confirm')}
      </Typography>
      <TextField select size="small" label={t('contracts.changeDialog.kind')} value={kind} onChange={(e) => setKind(e.target.value as ContractChangeKind)}>
        {CONTRACT_CHANGE_KINDS.map((k) => (
          <MenuItem key={k} value={k}>
            {CONTRACT_CHANGE_KIND_LABELS[k]}
          </MenuItem>
        ))}
      </TextField>
      <TextField size="small" multiline minRows={2} label={t('contracts.changeDialog.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={at('reason') !== undefined} helperText={at('reason')} />
      <TextField size="small" label={t('contracts.changeDialog.amount')} value={amount} onChange={(e) => setAmount(e.target.value)} error={at('amount') !== undefined} helperText={at('amount') ?? (parsed.ok ? toChineseCapitals(parsed.value) : parsed.message)} />
      <TextField size="small" label={t('contracts.changeDialog.term')} value={term} onChange={(e) => setTerm(e.target.value)} error={at('paymentTermDays') !== undefined} helperText={at('paymentTermDays')} />
      <TextField size="small" label={t('contracts.changeDialog.labourShare')} value={labour} onChange={(e) => setLabour(e.target.value)} error={at('labourShare') !== undefined} helperText={at('labourShare')} />
      <TextField size="small" label={t('contracts.changeDialog.retentionRate')} value={retention} onChange={(e) => setRetention(e.target.value)} error={at('retentionRate') !== undefined} helperText={at('retentionRate')} />
    </FormDialog>
  );
}

/** 合同完工 / 终止: names the consequence (termination frees the budget line) before doing it. */
export function CloseDialog({ detail, status, onClose, onClosed }: { detail: ContractDetail; status: 'completed' | 'terminated'; onClose: () => void; onClosed: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async () => {
    setBusy(true);
    const envelope = await client.call('contracts.close', { contractId: detail.contract.id, status, reason });
    setBusy(false);
    if (envelope.ok) onClosed();
    else setError(envelope.error);
  };
  return (
    <FormDialog
      title={status === 'completed' ? t('contracts.close.completeTitle') : t('contracts.close.terminateTitle')}
      submitLabel={status === 'completed' ? t('contracts.close.complete') : t('contracts.close.terminate')}
      submitColor={status === 'terminated' ? 'error' : 'primary'}
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <Typography variant="body2" color="text.secondary">
        {status === 'completed' ? t('contracts.close.completeHint') : t('contracts.close.terminateHint')}
      </Typography>
      <TextField multiline minRows={2} label={t('contracts.close.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={error?.field === 'reason'} helperText={error?.field === 'reason' ? error.message : ' '} />
    </FormDialog>
  );
}

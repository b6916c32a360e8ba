import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentView } from '../../../../shared/api/methods/attachment-methods';
import type { RequestCheck } from '../../../../shared/api/methods/payment-methods';
import { PAYMENT_KIND_LABELS, PAYMENT_KINDS, type PaymentKind } from '../../../../shared/domain/payment-kind';
import type { ErrorBody } from '../../../../shared/errors';
import { formatFen, parseYuan, toChineseCapitals } from '../../../../shared/money';
import { validateEInvoiceNumber } from '../../../../shared/validators';
import { useApi } from '../../api/api-context';
import { AttachmentDropZone } from '../../components/AttachmentDropZone';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { hashFor } from '../../router/hash-route';
import { useHash } from '../../router/use-hash-path';
import { useCall } from '../../api/use-call';
import { CheckPanel } from './CheckPanel';
import { ConfirmDialog } from './ConfirmDialog';
import { yuanInput } from './request-status';

function invoiceList(text: string): string[] {
  return text.split(/[\s,，;；]+/u).filter((s) => s.length > 0);
}

/**
 * 支付申请表: contract → budget line → type (its template says which evidence is required) →
 * amount with live 大写 and the budget position after this request → invoice numbers →
 * evidence drop zones. Saves drafts; submit confirms first, then the core enforces every rule.
 */
export function RequestForm({ requestId }: { requestId: string | null }) {
  const { t } = useTranslation();
  const client = useApi();
  const [, setHash] = useHash();
  const { data: contracts } = useCall('payments.contractOptions', {});
  const { data: templates } = useCall('payments.templates', {});
  const [id, setId] = useState<string | null>(requestId);
  const [requestNo, setRequestNo] = useState<string | null>(null);
  const [contractId, setContractId] = useState('');
  const [budgetLineId, setBudgetLineId] = useState('');
  const [milestoneId, setMilestoneId] = useState('');
  const [kind, setKind] = useState<PaymentKind>('progress');
  const [amountText, setAmountText] = useState('');
  const [labourText, setLabourText] = useState('');
  const [invoicesText, setInvoicesText] = useState('');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<AttachmentView[]>([]);
  const [check, setCheck] = useState<RequestCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const detail = useCall('payments.contractDetail', { contractId: contractId || '00000000-0000-7000-8000-000000000000' });
  const contractDetail = contractId ? detail.data : null;

  useEffect(() => {
    if (!requestId) return;
    void client.call('payments.get', { id: requestId }).then((envelope) => {
      if (!envelope.ok) return setError(envelope.error);
      const r = envelope.value.request;
      setRequestNo(r.requestNo);
      setContractId(r.contractId);
      setBudgetLineId(r.budgetLineId);
      setMilestoneId(r.milestoneId ?? '');
      setKind(r.kind);
      setAmountText(yuanInput(r.amount));
      setLabourText(r.labourAmount > 0 ? yuanInput(r.labourAmount) : '');
      setInvoicesText(r.invoiceNos.join('\n'));
      setDescription(r.description);
      setFiles(r.attachments);
    });
  }, [client, requestId]);

  const template = templates?.find((tpl) => tpl.kind === kind) ?? null;
  const contract = contracts?.find((c) => c.id === contractId) ?? null;
  const amount = parseYuan(amountText, { label: '申请金额' });
  const labour = labourText.trim() === '' ? ({ ok: true, value: 0 } as const) : parseYuan(labourText, { label: '人工费用' });
  const invoices = invoiceList(invoicesText);
  const badInvoice = invoices.map(validateEInvoiceNumber).find((r) => !r.ok);
  const input = useMemo(
    () =>
      amount.ok && amount.value > 0 && labour.ok && contractId && budgetLineId
        ? {
            ...(id ? { id } : {}),
            contractId,
            budgetLineId,
            milestoneId: milestoneId || null,
            kind,
            amount: amount.value,
            labourAmount: labour.value,
            description,
            invoiceNos: invoices.filter((n) => validateEInvoiceNumber(n).ok),
            attachmentIds: files.map((f) => f.id),
          }
        : null,
    [id, contractId, budgetLineId, milestoneId, kind, amountText, labourText, invoicesText, description, files],
  );

  useEffect(() => {
    if (!input) return setCheck(null);
    setChecking(true);
    // an answer for an input that has changed since (e.g. before the draft got its id) is dropped
    let live = true;
    const timer = setTimeout(() => {
      void client.call('payments.check', input).then((envelope) => {
        if (!live) return;
        setChecking(false);
        setCheck(envelope.ok ? envelope.value : null);
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, input]);

  const milestones = (contractDetail?.milestones ?? []).filter((m) => m.kind === kind);
  // one milestone of this kind (the usual case): choose it, a person would pick nothing else
  const onlyMilestone = milestones.length === 1 ? milestones[0]?.id : undefined;
  // (only when the choice of contract or type changes it, so "no milestone" can still be picked)
  useEffect(() => {
    if (onlyMilestone) setMilestoneId((current) => (current === '' ? onlyMilestone : current));
  }, [onlyMilestone]);

  const save = async (): Promise<string | null> => {
    if (!input) {
      setError({ code: 'VALIDATION_FAILED', message: !contractId ? t('payments.form.chooseContract') : !amount.ok ? amount.message : '请完整填写申请' });
      return null;
    }
    const envelope = await client.call('payments.saveDraft', input);
    if (!envelope.ok) {
      setError(envelope.error);
      return null;
    }
    setError(null);
    setId(envelope.value.request.id);
    setRequestNo(envelope.value.request.requestNo);
    setCheck(envelope.value.check);
    return envelope.value.request.id;
  };

  const onSaveDraft = async () => {
    setBusy(true);
    const saved = await save();
    setBusy(false);
    if (saved) setNotice(t('payments.form.saved', { requestNo: requestNo ?? '' }));
  };

  const onSubmit = async () => {
    setBusy(true);
    const saved = await save();
    if (!saved) {
      setBusy(false);
      setConfirming(false);
      return;
    }
    const envelope = await client.call('payments.submit', { id: saved });
    setBusy(false);
    if (!envelope.ok) {
      setError(envelope.error);
      setConfirming(false);
      return;
    }
    setHash(hashFor('/payments', { id: saved }));
  };

  const fieldError = (field: string) => (error?.field === field || error?.field?.startsWith(`${field}.`) ? error.message : undefined);
  const lineLabel = contractDetail?.budgetLines.find((l) => l.id === budgetLineId)?.label ?? '';

  return (
    <Box>
      <Link href={hashFor('/payments')}>{t('payments.form.back')}</Link>
      <PageHeading title={requestNo ? t('payments.form.editTitle', { requestNo }) : t('payments.form.newTitle')} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2, alignItems: 'start' }}>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Stack spacing={2}>
            <ErrorAlert error={error} />
            {notice ? <Alert severity="success" onClose={() => setNotice(null)}>{notice}</Alert> : null}
            <TextField select label={t('payments.form.contract')} value={contractId} helperText={fieldError('contractId') ?? t('payments.form.contractHelp')} error={!!fieldError('contractId')} onChange={(e) => { setContractId(e.target.value); setBudgetLineId(''); setMilestoneId(''); }} size="small">
              {(contracts ?? []).map((c) => (
                <MenuItem key={c.id} value={c.id}>{`${c.code} ${c.name}`}</MenuItem>
              ))}
            </TextField>
            {contract && contractDetail ? (
              <Typography variant="body2" color="text.secondary">
                {t('payments.form.contractFacts', { amount: formatFen(contract.amount), payee: contract.counterpartyName, certified: formatFen(contractDetail.cumulativeCertified) })}
              </Typography>
            ) : null}
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
              <TextField select label={t('payments.form.budgetLine')} value={budgetLineId} onChange={(e) => setBudgetLineId(e.target.value)} size="small" disabled={!contractDetail} error={!!fieldError('budgetLineId')} helperText={fieldError('budgetLineId')}>
                {(contractDetail?.budgetLines ?? []).map((l) => (
                  <MenuItem key={l.id} value={l.id}>{`${l.label}（${formatFen(l.amount)}）`}</MenuItem>
                ))}
              </TextField>
              <TextField select label={t('payments.form.kind')} value={kind} onChange={(e) => { setKind(e.target.value as PaymentKind); setMilestoneId(''); }} size="small">
                {PAYMENT_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>{PAYMENT_KIND_LABELS[k]}</MenuItem>
                ))}
              </TextField>
            </Box>
            {template?.asksMilestone ? (
              <TextField select label={t('payments.form.milestone')} value={milestoneId} onChange={(e) => setMilestoneId(e.target.value)} size="small" disabled={!contractDetail}>
                <MenuItem value="">{t('payments.form.noMilestone')}</MenuItem>
                {milestones.map((m) => (
                  <MenuItem key={m.id} value={m.id}>{m.name}</MenuItem>
                ))}
              </TextField>
            ) : null}
            {template ? <Alert severity="info">{t('payments.form.cap', { text: template.capNote })}</Alert> : null}
            <Box>
              <TextField
                label={t('payments.form.amount')}
                value={amountText}
                onChange={(e) => setAmountText(e.target.value)}
                size="small"
                fullWidth
                slotProps={{ htmlInput: { inputMode: 'decimal', style: { textAlign: 'right' } } }}
                error={amountText !== '' && !amount.ok ? true : !!fieldError('amount')}
                helperText={amountText !== '' && !amount.ok ? amount.message : fieldError('amount')}
              />
              <Typography variant="body1" sx={{ mt: 0.5, fontWeight: 600 }} data-testid="amount-capitals">
                {amount.ok ? t('payments.form.capitals', { text: toChineseCapitals(amount.value) }) : '\u00a0'}
              </Typography>
            </Box>
            {template?.asksLabourAmount ? (
              <TextField label={t('payments.form.labour')} value={labourText} onChange={(e) => setLabourText(e.target.value)} size="small" slotProps={{ htmlInput: { inputMode: 'decimal', style: { textAlign: 'right' } } }} error={(labourText !== '' && !labour.ok) || !!fieldError('labourAmount')} helperText={!labour.ok ? labour.message : fieldError('labourAmount')} />
            ) : null}
            <TextField label={t('payments.form.invoices')} value={invoicesText} onChange={(e) => setInvoicesText(e.target.value)} multiline minRows={2} size="small" error={!!badInvoice || !!fieldError('invoiceNos')} helperText={badInvoice && !badInvoice.ok ? badInvoice.message : fieldError('invoiceNos')} slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }} />
            <TextField label={t('payments.form.description')} value={description} onChange={(e) => setDescription(e.target.value)} size="small" placeholder={template?.descriptionHint} multiline />
            <Typography variant="subtitle2" component="h2">{t('payments.form.evidence')}</Typography>
            {template ? <Typography variant="caption" color="text.secondary">{t('payments.form.basis', { text: template.basis })}</Typography> : null}
            {(template?.evidence ?? []).map((e) => (
              <AttachmentDropZone
                key={e.purpose}
                purpose={e.purpose}
                label={e.label}
                required={e.required}
                files={files.filter((f) => f.purpose === e.purpose)}
                onUploaded={(f) => setFiles((all) => (all.some((x) => x.id === f.id) ? all : [...all, f]))}
                onRemove={(fid) => setFiles((all) => all.filter((x) => x.id !== fid))}
                disabled={busy}
              />
            ))}
            <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
              <Button variant="outlined" onClick={() => void onSaveDraft()} disabled={busy}>{t('payments.form.saveDraft')}</Button>
              <Button variant="contained" onClick={() => setConfirming(true)} disabled={busy || !input}>{t('payments.form.submit')}</Button>
            </Box>
          </Stack>
        </Paper>
        <Box sx={{ position: 'sticky', top: 0 }}>
          <CheckPanel check={check} busy={checking} />
        </Box>
      </Box>
      {confirming && input ? (
        <ConfirmDialog
          title={t('payments.confirm.submitTitle')}
          body={t('payments.confirm.submitBody', { requestNo: requestNo ?? t('payments.form.newTitle'), kind: PAYMENT_KIND_LABELS[kind], amount: formatFen(input.amount), capitals: toChineseCapitals(input.amount), line: lineLabel })}
          go={t('payments.confirm.submitGo')}
          busy={busy}
          error={error}
          onClose={() => setConfirming(false)}
          onConfirm={() => void onSubmit()}
        />
      ) : null}
    </Box>
  );
}

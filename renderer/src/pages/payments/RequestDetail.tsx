import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestView } from '../../../../shared/api/methods/payment-methods';
import { PAYMENT_KIND_LABELS } from '../../../../shared/domain/payment-kind';
import { nextRequestStatus, REQUEST_STATUS_LABELS } from '../../../../shared/domain/payment-request-status';
import type { ErrorBody } from '../../../../shared/errors';
import { formatFen, toChineseCapitals } from '../../../../shared/money';
import { ATTACHMENT_PURPOSE_LABELS } from '../../../../shared/payments/evidence';
import { useApi } from '../../api/api-context';
import { sizeText } from '../../components/AttachmentDropZone';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FactCard } from '../../components/FactList';
import { PageHeading } from '../../components/PageHeading';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../format/date-time';
import { hashFor } from '../../router/hash-route';
import { useSession } from '../../session/SessionProvider';
import { useCall } from '../../api/use-call';
import { AttachmentPreview } from './AttachmentPreview';
import { ConfirmDialog } from './ConfirmDialog';
import { REQUEST_STATUS_TONE } from './request-status';
import { RouteSteps } from './RouteSteps';

function Attachments({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Paper variant="outlined" component="section" sx={{ p: 2 }}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {t('payments.detail.attachments')}
      </Typography>
      {request.attachments.length === 0 ? <Typography variant="body2">{t('payments.detail.noAttachments')}</Typography> : null}
      <Stack spacing={1}>
        {request.attachments.map((a) => (
          <Box key={a.id}>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>{a.name}</Typography>
              <Typography variant="caption" color="text.secondary">
                {[a.purpose ? ATTACHMENT_PURPOSE_LABELS[a.purpose] : null, sizeText(a.size), `SM3 ${a.sm3.slice(0, 16)}…`].filter(Boolean).join(' · ')}
              </Typography>
              {a.hasFile ? (
                <Button size="small" onClick={() => setOpen(open === a.id ? null : a.id)}>
                  {open === a.id ? t('payments.detail.hidePreview') : t('payments.detail.preview')}
                </Button>
              ) : (
                <Typography variant="caption" color="text.secondary">{t('payments.detail.noFile')}</Typography>
              )}
            </Box>
            {open === a.id ? <AttachmentPreview file={a} /> : null}
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}

/** 支付申请详情: its facts with 大写, attachments with preview, the route with each step's state. */
export function RequestDetail({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const client = useApi();
  const { user } = useSession();
  const { data, error, reload } = useCall('payments.get', { id: requestId });
  const [dialog, setDialog] = useState<'submit' | 'withdraw' | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ErrorBody | null>(null);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <LinearProgress />;
  const r = data.request;
  const mine = r.applicantId === user.id;
  const run = async (action: 'submit' | 'withdraw', reason: string) => {
    setBusy(true);
    const envelope = action === 'submit' ? await client.call('payments.submit', { id: r.id }) : await client.call('payments.withdraw', { id: r.id, reason });
    setBusy(false);
    if (!envelope.ok) return setActionError(envelope.error);
    setActionError(null);
    setDialog(null);
    reload();
  };
  const facts = [
    { label: t('payments.detail.contract'), value: `${r.contractCode} ${r.contractName}` },
    { label: t('payments.detail.payee'), value: r.counterpartyName },
    { label: t('payments.detail.project'), value: r.projectName },
    { label: t('payments.detail.budgetLine'), value: r.budgetLineLabel },
    { label: t('payments.detail.kind'), value: PAYMENT_KIND_LABELS[r.kind] },
    ...(r.milestoneName ? [{ label: t('payments.detail.milestone'), value: r.milestoneName }] : []),
    { label: t('payments.detail.amount'), value: <strong>{formatFen(r.amount)}</strong> },
    { label: t('payments.detail.capitals'), value: r.amountCapitals },
    ...(r.labourAmount > 0 ? [{ label: t('payments.detail.labour'), value: formatFen(r.labourAmount) }] : []),
    { label: t('payments.detail.invoices'), value: r.invoiceNos.join('、') || '—' },
    { label: t('payments.detail.description'), value: r.description || '—' },
    { label: t('payments.detail.applicant'), value: r.applicantName },
    { label: t('payments.detail.submittedAt'), value: r.submittedAt ? formatDateTime(r.submittedAt) : '—' },
  ];
  return (
    <Box>
      <Link href={hashFor('/payments')}>{t('payments.detail.back')}</Link>
      <PageHeading
        title={`${r.requestNo} ${PAYMENT_KIND_LABELS[r.kind]} ${formatFen(r.amount)}`}
        subtitle={r.contractName}
        actions={
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <StatusChip label={REQUEST_STATUS_LABELS[r.status]} tone={REQUEST_STATUS_TONE[r.status]} />
            {mine && r.status === 'draft' ? <Button variant="outlined" href={hashFor('/payments', { edit: r.id })}>{t('payments.detail.edit')}</Button> : null}
            {mine && nextRequestStatus(r.status, 'submit') ? <Button variant="contained" onClick={() => setDialog('submit')}>{t('payments.detail.submit')}</Button> : null}
            {mine && nextRequestStatus(r.status, 'withdraw') ? <Button color="error" variant="outlined" onClick={() => setDialog('withdraw')}>{t('payments.detail.withdraw')}</Button> : null}
          </Box>
        }
      />
      <ErrorAlert error={actionError && !dialog ? actionError : null} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
        <Stack spacing={2}>
          <FactCard title={t('payments.detail.facts')} facts={facts} />
          <Attachments request={r} />
        </Stack>
        <RouteSteps request={r} />
      </Box>
      {dialog === 'submit' ? (
        <ConfirmDialog
          title={t('payments.confirm.submitTitle')}
          body={t('payments.confirm.submitBody', { requestNo: r.requestNo, kind: PAYMENT_KIND_LABELS[r.kind], amount: formatFen(r.amount), capitals: toChineseCapitals(r.amount), line: r.budgetLineLabel })}
          go={t('payments.confirm.submitGo')}
          busy={busy}
          error={actionError}
          onClose={() => setDialog(null)}
          onConfirm={() => void run('submit', '')}
        />
      ) : null}
      {dialog === 'withdraw' ? (
        <ConfirmDialog
          title={t('payments.confirm.withdrawTitle')}
          body={t('payments.confirm.withdrawBody', { requestNo: r.requestNo, amount: formatFen(r.amount) })}
          go={t('payments.confirm.withdrawGo')}
          color="error"
          reasonLabel={t('payments.confirm.withdrawReason')}
          busy={busy}
          error={actionError}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => void run('withdraw', reason)}
        />
      ) : null}
    </Box>
  );
}

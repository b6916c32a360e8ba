import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Snackbar from '@mui/material/Snackbar';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTRACT_CATEGORY_LABELS } from '../../../../shared/contracts/contract-category';
import type { ContractDetail as Detail } from '../../../../shared/contracts/contract-api-schemas';
import { CONTRACT_STATUS_LABELS } from '../../../../shared/domain/contract';
import { FUND_SOURCE_LABELS } from '../../../../shared/domain/fund-source';
import { formatFen, toChineseCapitals } from '../../../../shared/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FactCard, type Fact } from '../../components/FactList';
import { PageHeading } from '../../components/PageHeading';
import { StatusChip } from '../../components/StatusChip';
import { hashFor } from '../../router/hash-route';
import { useSession } from '../../session/SessionProvider';
import { CertificatesTable } from './CertificatesTable';
import { ChangeDialog, CloseDialog, SignDialog } from './ContractDialogs';
import { ContractFormDialog } from './ContractFormDialog';
import { bpText, CONTRACT_STATUS_TONE } from './contract-status';
import { DocumentPanel } from './DocumentPanel';
import { MilestoneTimeline } from './MilestoneTimeline';
import { useCall } from '../../api/use-call';
import { VersionHistory } from './VersionHistory';

/** 合同 page: the facts, the payment timeline, versions and changes, certificates, the signed document. */
export function ContractDetail({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { data, error, reload } = useCall('contracts.get', { contractId });
  const canWrite = user.roles.includes('projectLead') || user.roles.includes('finance');
  const { data: options } = useCall('contracts.formOptions', {});
  const [dialog, setDialog] = useState<'edit' | 'sign' | 'change' | 'completed' | 'terminated' | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  if (!data) return error ? <ErrorAlert error={error} /> : <LinearProgress aria-label={t('common.loading')} />;
  const c = data.contract;
  const line = options?.budgetLines.find((l) => l.id === c.budgetLineId);
  const lineLabel = line ? `${line.year} · ${line.subjectCode} · ${FUND_SOURCE_LABELS[line.fundSource]}` : (c.budgetLineId ?? t('contracts.facts.notRecorded'));
  const done = (message: string) => {
    setDialog(null);
    setToast(message);
    reload();
  };

  const facts: Fact[] = [
    { label: t('contracts.facts.amount'), value: <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(c.amount)}</span> },
    { label: t('contracts.facts.capitals'), value: toChineseCapitals(c.amount) },
    { label: t('contracts.facts.category'), value: CONTRACT_CATEGORY_LABELS[c.category] },
    { label: t('contracts.facts.term'), value: t('contracts.facts.termValue', { days: c.paymentTermDays }) },
    { label: t('contracts.facts.labourShare'), value: bpText(c.labourShare) },
    { label: t('contracts.facts.retentionRate'), value: bpText(c.retentionRate) },
    { label: t('contracts.facts.signedAt'), value: c.signedAt ?? t('common.empty') },
    { label: t('contracts.facts.signedBy'), value: c.signedByName ?? t('common.empty') },
    { label: t('contracts.facts.endDate'), value: c.endDate ?? t('contracts.facts.notRecorded') },
    { label: t('contracts.facts.budgetLine'), value: c.budgetLineId ? lineLabel : t('contracts.facts.notRecorded') },
    { label: t('contracts.facts.paid'), value: `${formatFen(c.paid)} / ${formatFen(c.reserved)}` },
  ];
  const p = data.counterparty;
  const payeeFacts: Fact[] = [
    { label: t('contracts.payee.title'), value: <>{p.name}{p.isSme ? <Chip size="small" variant="outlined" label={t('contracts.sme')} sx={{ ml: 0.5 }} /> : null}</> },
    { label: t('contracts.payee.uscc'), value: <span style={{ fontFamily: 'monospace' }}>{p.uscc}</span> },
    { label: t('contracts.payee.bank'), value: p.bankName },
    { label: t('contracts.payee.account'), value: <span style={{ fontFamily: 'monospace' }}>{p.bankAccount}</span> },
    { label: t('contracts.payee.wageAccount'), value: <span style={{ fontFamily: 'monospace' }}>{p.wageAccount ?? t('contracts.payee.none')}</span> },
  ];

  const actions = (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
      <Button startIcon={<ArrowBackIcon />} href={hashFor('/contracts')}>
        {t('contracts.back')}
      </Button>
      {canWrite && c.status === 'draft' ? (
        <>
          <Button variant="outlined" onClick={() => setDialog('edit')}>
            {t('contracts.form.editTitle')}
          </Button>
          <Button variant="contained" onClick={() => setDialog('sign')}>
            {t('contracts.sign.action')}
          </Button>
        </>
      ) : null}
      {user.roles.includes('projectLead') && (c.status === 'active' || c.status === 'completed') ? (
        <Button variant="outlined" onClick={() => setDialog('change')}>
          {t('contracts.versions.submit')}
        </Button>
      ) : null}
      {canWrite && c.status === 'active' ? (
        <Button variant="outlined" onClick={() => setDialog('completed')}>
          {t('contracts.close.complete')}
        </Button>
      ) : null}
      {canWrite && (c.status === 'active' || c.status === 'completed') ? (
        <Button variant="outlined" color="error" onClick={() => setDialog('terminated')}>
          {t('contracts.close.terminate')}
        </Button>
      ) : null}
    </Box>
  );

  return (
    <>
      <PageHeading title={`${c.code} ${c.name}`} subtitle={`${c.projectName} · ${t('contracts.versions.v', { version: c.version })}`} actions={actions} />
      <Box sx={{ mb: 2 }}>
        <StatusChip tone={CONTRACT_STATUS_TONE[c.status]} label={CONTRACT_STATUS_LABELS[c.status]} />
      </Box>
      <Box sx={{ display: 'grid', gap: 2 }}>
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))' }}>
          <FactCard title={t('contracts.facts.title')} facts={facts} />
          <FactCard title={t('contracts.payee.title')} facts={payeeFacts} />
        </Box>
        <MilestoneTimeline milestones={data.milestones} canEdit={canWrite && c.status !== 'draft'} onChanged={reload} />
        <VersionHistory versions={data.versions} changes={data.changes} />
        <CertificatesTable contractId={c.id} certificates={data.certificates} canConfirm={canWrite} canRecord={user.roles.includes('projectLead') && (c.status === 'active' || c.status === 'completed')} onChanged={reload} />
        <DocumentPanel detail={data} canArchive={canWrite} onChanged={reload} />
      </Box>
      {dialog === 'edit' ? <ContractFormDialog contract={data as Detail} onClose={() => setDialog(null)} onSaved={() => done(t('contracts.form.saved'))} /> : null}
      {dialog === 'sign' ? <SignDialog detail={data} lineLabel={lineLabel} onClose={() => setDialog(null)} onSigned={() => done(t('contracts.sign.done'))} /> : null}
      {dialog === 'change' ? <ChangeDialog detail={data} onClose={() => setDialog(null)} onSubmitted={() => done(t('contracts.changeDialog.submitted'))} /> : null}
      {dialog === 'completed' || dialog === 'terminated' ? <CloseDialog detail={data} status={dialog} onClose={() => setDialog(null)} onClosed={() => done(CONTRACT_STATUS_LABELS[dialog])} /> : null}
      <Snackbar open={toast !== null} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} />
    </>
  );
}

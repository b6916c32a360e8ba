import AddIcon from '@mui/icons-material/Add';
import BusinessIcon from '@mui/icons-material/Business';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractView } from '../../../../shared/contracts/contract-api-schemas';
import { CONTRACT_STATUS_LABELS, CONTRACT_STATUSES, type ContractStatus } from '../../../../shared/domain/contract';
import { formatFen } from '../../../../shared/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { StatusChip } from '../../components/StatusChip';
import { hashFor } from '../../router/hash-route';
import { useSession } from '../../session/SessionProvider';
import { CONTRACT_STATUS_TONE } from './contract-status';
import { ContractFormDialog } from './ContractFormDialog';
import { CounterpartiesDialog } from './CounterpartiesDialog';
import { useCall } from '../../api/use-call';

/** 合同列表 with filters (search, status, project); a row opens the contract page. */
export function ContractList() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<ContractStatus | ''>('');
  const [projectId, setProjectId] = useState('');
  const [dialog, setDialog] = useState<'create' | 'payees' | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const params = { ...(search.trim() ? { search: search.trim() } : {}), ...(status ? { status } : {}), ...(projectId ? { projectId } : {}) };
  const { data: contracts, error, reload } = useCall('contracts.list', params);
  const { data: all } = useCall('contracts.list', {});
  const projects = [...new Map((all ?? []).map((c) => [c.projectId, c.projectName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
  const canWrite = user.roles.includes('projectLead') || user.roles.includes('finance');

  const actions = (
    <Box sx={{ display: 'flex', gap: 1 }}>
      <Button variant="outlined" startIcon={<BusinessIcon />} onClick={() => setDialog('payees')}>
        {t('contracts.counterparties')}
      </Button>
      {canWrite ? (
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog('create')}>
          {t('contracts.create')}
        </Button>
      ) : null}
    </Box>
  );

  return (
    <>
      <PageHeading title={t('contracts.title')} subtitle={contracts ? t('contracts.count', { count: contracts.length }) : undefined} actions={actions} />
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', mb: 2 }}>
        <TextField size="small" label={t('contracts.search')} value={search} onChange={(e) => setSearch(e.target.value)} fullWidth={false} sx={{ width: 300 }} />
        <TextField select size="small" label={t('contracts.filterStatus')} value={status} onChange={(e) => setStatus(e.target.value as ContractStatus | '')} fullWidth={false} sx={{ width: 160 }}>
          <MenuItem value="">{t('contracts.all')}</MenuItem>
          {CONTRACT_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              {CONTRACT_STATUS_LABELS[s]}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={t('contracts.filterProject')} value={projectId} onChange={(e) => setProjectId(e.target.value)} fullWidth={false} sx={{ width: 320 }}>
          <MenuItem value="">{t('contracts.all')}</MenuItem>
          {projects.map(([id, name]) => (
            <MenuItem key={id} value={id}>
              {name}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <ErrorAlert error={error} />
      {contracts ? <ContractTable contracts={contracts} /> : error ? null : <LinearProgress aria-label={t('common.loading')} />}
      {dialog === 'create' ? (
        <ContractFormDialog
          contract={null}
          onClose={() => setDialog(null)}
          onSaved={(c) => {
            setDialog(null);
            setToast(t('contracts.form.saved'));
            window.location.hash = hashFor('/contracts', { id: c.id });
          }}
        />
      ) : null}
      {dialog === 'payees' ? <CounterpartiesDialog onClose={() => { setDialog(null); reload(); }} /> : null}
      <Snackbar open={toast !== null} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} />
    </>
  );
}

function ContractTable({ contracts }: { contracts: readonly ContractView[] }) {
  const { t } = useTranslation();
  if (contracts.length === 0) return <Paper variant="outlined" sx={{ p: 3, color: 'text.secondary' }}>{t('contracts.empty')}</Paper>;
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 250px)' }}>
      <Table stickyHeader size="small" aria-label={t('contracts.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('contracts.col.code')}</TableCell>
            <TableCell>{t('contracts.col.name')}</TableCell>
            <TableCell>{t('contracts.col.counterparty')}</TableCell>
            <TableCell align="right">{t('contracts.col.amount')}</TableCell>
            <TableCell align="right">{t('contracts.col.paid')}</TableCell>
            <TableCell>{t('contracts.col.signedAt')}</TableCell>
            <TableCell>{t('contracts.col.version')}</TableCell>
            <TableCell>{t('contracts.col.status')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {contracts.map((c) => (
            <TableRow key={c.id} hover>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Link href={hashFor('/contracts', { id: c.id })}>{c.code}</Link>
              </TableCell>
              <TableCell>
                {c.name}
                <Box component="div" sx={{ color: 'text.secondary', fontSize: 12 }}>
                  {c.projectName}
                </Box>
              </TableCell>
              <TableCell>
                {c.counterpartyName}
                {c.counterpartyIsSme ? <Chip size="small" variant="outlined" label={t('contracts.sme')} sx={{ ml: 0.5 }} /> : null}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {formatFen(c.amount)}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {formatFen(c.paid)}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.signedAt ?? t('common.empty')}</TableCell>
              <TableCell>{`v${c.version}`}</TableCell>
              <TableCell>
                <StatusChip tone={CONTRACT_STATUS_TONE[c.status]} label={CONTRACT_STATUS_LABELS[c.status]} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TablePagination from '@mui/material/TablePagination';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_KIND_LABELS, PAYMENT_KINDS, type PaymentKind } from '../../../../shared/domain/payment-kind';
import { REQUEST_STATUS_LABELS, REQUEST_STATUSES, type RequestStatus } from '../../../../shared/domain/payment-request-status';
import { formatFen } from '../../../../shared/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../format/date-time';
import { hashFor } from '../../router/hash-route';
import { useSession } from '../../session/SessionProvider';
import { useCall } from '../../api/use-call';
import { REQUEST_STATUS_TONE } from './request-status';

function Select<T extends string>(props: { label: string; value: T | ''; options: readonly T[]; labels: Record<T, string>; all: string; onChange: (v: T | '') => void }) {
  return (
    <TextField select size="small" fullWidth={false} label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as T | '')} sx={{ width: 160 }}>
      <MenuItem value="">{props.all}</MenuItem>
      {props.options.map((o) => (
        <MenuItem key={o} value={o}>
          {props.labels[o]}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** 支付申请列表: status chips, filters (status, type, mine, number), newest first. */
export function RequestList() {
  const { t } = useTranslation();
  const { user } = useSession();
  const canFile = user.roles.includes('projectLead');
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const [kind, setKind] = useState<PaymentKind | ''>('');
  const [mine, setMine] = useState(canFile);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(100);
  const params = {
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(search.trim() ? { search: search.trim() } : {}),
    mine,
    limit: rowsPerPage,
    offset: page * rowsPerPage,
  };
  // A changed filter starts again at the first page.
  const filtered = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(0);
  };
  const { data, error } = useCall('payments.list', params);

  return (
    <Box>
      <PageHeading
        title={t('payments.title')}
        subtitle={data ? t('payments.count', { count: data.total }) : undefined}
        actions={
          canFile ? (
            <Button variant="contained" startIcon={<AddIcon />} href={hashFor('/payments', { new: '1' })}>
              {t('payments.create')}
            </Button>
          ) : (
            <Typography variant="body2" color="text.secondary">
              {t('payments.readOnly')}
            </Typography>
          )
        }
      />
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
        <TextField size="small" fullWidth={false} sx={{ width: 220 }} label={t('payments.search')} value={search} onChange={(e) => filtered(setSearch)(e.target.value)} />
        <Select label={t('payments.filterStatus')} value={status} options={REQUEST_STATUSES} labels={REQUEST_STATUS_LABELS} all={t('payments.all')} onChange={filtered(setStatus)} />
        <Select label={t('payments.filterKind')} value={kind} options={PAYMENT_KINDS} labels={PAYMENT_KIND_LABELS} all={t('payments.all')} onChange={filtered(setKind)} />
        <FormControlLabel control={<Switch checked={mine} onChange={(e) => filtered(setMine)(e.target.checked)} />} label={t('payments.mine')} />
      </Box>
      <ErrorAlert error={error} />
      {!data && !error ? <LinearProgress /> : null}
      {data ? (
        <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 260px)' }}>
          <Table stickyHeader size="small" aria-label={t('payments.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('payments.col.requestNo')}</TableCell>
                <TableCell>{t('payments.col.contract')}</TableCell>
                <TableCell>{t('payments.col.kind')}</TableCell>
                <TableCell align="right">{t('payments.col.amount')}</TableCell>
                <TableCell>{t('payments.col.status')}</TableCell>
                <TableCell>{t('payments.col.step')}</TableCell>
                <TableCell>{t('payments.col.applicant')}</TableCell>
                <TableCell>{t('payments.col.updatedAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={8}>{t('payments.empty')}</TableCell>
                </TableRow>
              ) : null}
              {data.items.map((r) => (
                <TableRow key={r.id} hover>
                  <TableCell>
                    <Link href={hashFor('/payments', { id: r.id })}>{r.requestNo}</Link>
                  </TableCell>
                  <TableCell>
                    <Typography variant="body2">{r.contractName}</Typography>
                    <Typography variant="caption" color="text.secondary">
                      {r.contractCode} · {r.projectName}
                    </Typography>
                  </TableCell>
                  <TableCell>{PAYMENT_KIND_LABELS[r.kind]}</TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {formatFen(r.amount)}
                  </TableCell>
                  <TableCell>
                    <StatusChip label={REQUEST_STATUS_LABELS[r.status]} tone={REQUEST_STATUS_TONE[r.status]} />
                  </TableCell>
                  <TableCell>{r.currentStepLabel ?? '—'}</TableCell>
                  <TableCell>{r.applicantName}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {data && data.total > 0 ? (
        <TablePagination
          component="div"
          count={data.total}
          page={page}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={[50, 100, 200]}
          onPageChange={(_event, next) => setPage(next)}
          onRowsPerPageChange={(e) => {
            setRowsPerPage(Number(e.target.value));
            setPage(0);
          }}
          labelRowsPerPage={t('payments.rowsPerPage')}
          labelDisplayedRows={({ from, to, count }) => t('payments.displayedRows', { from, to, count })}
        />
      ) : null}
    </Box>
  );
}

import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVAL_SUBJECT_LABELS, type ApprovalSubject } from '../../../../shared/domain/approval';
import { formatFen } from '../../../../shared/money';
import { useSubscription } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../format/date-time';
import { useCall } from '../../api/use-call';

/** The inbox table; it reloads whenever the core pushes a new count (approval.inbox topic). */
export function InboxPanel({ onOpen }: { onOpen: (subject: ApprovalSubject, id: string) => void }) {
  const { t } = useTranslation();
  const { data, error, reload } = useCall('approval.inbox', {});
  const live = useSubscription('approval.inbox', {});
  const pushed = live.data ? `${live.data.total}:${live.data.newestAt ?? ''}:${live.data.delegated}` : '';
  useEffect(() => {
    if (pushed) reload();
  }, [pushed, reload]);
  const counts = data?.counts;
  return (
    <>
      {counts ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} role="status">
          {t('approval.count', { total: counts.total, payments: counts.paymentRequest, changes: counts.contractChange, delegated: counts.delegated })}
        </Typography>
      ) : null}
      <ErrorAlert error={error} />
      {!data && !error ? <LinearProgress aria-label={t('common.loading')} /> : null}
      {data && data.items.length === 0 ? (
        <Typography color="text.secondary" sx={{ mt: 2 }}>
          {t('approval.empty')}
        </Typography>
      ) : null}
      {data && data.items.length > 0 ? (
        <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 260px)' }}>
          <Table size="small" stickyHeader aria-label={t('approval.inboxTab')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('approval.col.subject')}</TableCell>
                <TableCell>{t('approval.col.title')}</TableCell>
                <TableCell>{t('approval.col.project')}</TableCell>
                <TableCell>{t('approval.col.applicant')}</TableCell>
                <TableCell align="right">{t('approval.col.amount')}</TableCell>
                <TableCell>{t('approval.col.step')}</TableCell>
                <TableCell>{t('approval.col.submittedAt')}</TableCell>
                <TableCell>{t('approval.col.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map((item) => (
                <TableRow key={item.id} hover>
                  <TableCell>{APPROVAL_SUBJECT_LABELS[item.subject]}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{item.title}</TableCell>
                  <TableCell>
                    <div>{item.projectName}</div>
                    <Typography variant="caption" color="text.secondary">
                      {item.contractName}
                    </Typography>
                  </TableCell>
                  <TableCell>{item.applicantName}</TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {formatFen(item.amount)}
                  </TableCell>
                  <TableCell>
                    <div>
                      {item.stepLabel} <Typography component="span" variant="caption" color="text.secondary">{t('approval.stepOf', { step: item.step + 1, count: item.stepCount })}</Typography>
                    </div>
                    {item.mode === 'all' ? <StatusChip tone="busy" label={t('approval.countersign', { signed: item.signed, required: item.required })} /> : null}
                    {item.onBehalfOfName ? <StatusChip tone="warn" label={t('approval.delegatedFor', { name: item.onBehalfOfName })} /> : null}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{item.submittedAt ? formatDateTime(item.submittedAt) : ''}</TableCell>
                  <TableCell>
                    <Button size="small" variant="outlined" onClick={() => onOpen(item.subject, item.id)}>
                      {t('approval.open')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
    </>
  );
}

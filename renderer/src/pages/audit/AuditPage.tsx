import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import RefreshIcon from '@mui/icons-material/Refresh';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodResult } from '../../../../shared/api/contract';
import type { ChainReportView } from '../../../../shared/api/methods/audit-methods';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { AuditTable } from './AuditTable';
import { VerifyResult } from './VerifyResult';
import { NEWEST, currentCursor, olderCursor, popNewer, pushOlder, type CursorStack } from './audit-paging';

const PAGE_SIZE = 50;

type AuditPageData = MethodResult<'audit.events'>;

/** 审计: the audit chain of this computer, newest first, paged by sequence number. */
export function AuditPage() {
  const { t } = useTranslation();
  const client = useApi();
  const [stack, setStack] = useState<CursorStack>(NEWEST);
  const [page, setPage] = useState<AuditPageData | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloadCount, setReloadCount] = useState(0);
  const [verifying, setVerifying] = useState(false);
  const [report, setReport] = useState<ChainReportView | null>(null);
  const cursor = currentCursor(stack);

  const verify = () => {
    setVerifying(true);
    setReport(null);
    void client.call('audit.verify', {}).then((envelope) => {
      setVerifying(false);
      if (envelope.ok) {
        setReport(envelope.value);
        setError(null);
      } else {
        setError(envelope.error);
      }
      // the check itself is recorded in the chain: show that event too
      setReloadCount((n) => n + 1);
    });
  };

  useEffect(() => {
    let live = true;
    setLoading(true);
    const params = cursor === undefined ? { limit: PAGE_SIZE } : { beforeSeq: cursor, limit: PAGE_SIZE };
    void client.call('audit.events', params).then((envelope) => {
      if (!live) return;
      setLoading(false);
      if (envelope.ok) {
        setPage(envelope.value);
        setError(null);
      } else {
        setError(envelope.error);
      }
    });
    return () => {
      live = false;
    };
  }, [client, cursor, reloadCount]);

  const events = page?.events ?? [];
  const older = olderCursor(events, PAGE_SIZE);
  const first = events[0];
  const last = events[events.length - 1];

  return (
    <>
      <PageHeading
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={
          <Stack direction="row" spacing={1}>
            <Button variant="contained" startIcon={<VerifiedUserIcon />} onClick={verify} disabled={verifying}>
              {verifying ? t('audit.verify.running') : t('audit.verify.button')}
            </Button>
            <Button startIcon={<RefreshIcon />} onClick={() => setReloadCount((n) => n + 1)} disabled={loading}>
              {t('common.refresh')}
            </Button>
          </Stack>
        }
      />
      <ErrorAlert error={error} />
      {report ? <VerifyResult report={report} /> : null}
      <Box sx={{ height: 4, mb: 1 }}>{loading || verifying ? <LinearProgress aria-label={t('common.loading')} /> : null}</Box>
      {page ? <AuditTable events={events} /> : null}
      {page ? (
        <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
            {t('audit.total', { total: page.total })}
            {first && last ? ` · ${t('audit.range', { from: last.seq, to: first.seq })}` : ''}
          </Typography>
          <Button onClick={() => setStack(NEWEST)} disabled={loading || stack.length === 1}>
            {t('audit.newest')}
          </Button>
          <Button startIcon={<NavigateBeforeIcon />} onClick={() => setStack(popNewer(stack))} disabled={loading || stack.length === 1}>
            {t('audit.newer')}
          </Button>
          <Button
            endIcon={<NavigateNextIcon />}
            onClick={() => older !== null && setStack(pushOlder(stack, older))}
            disabled={loading || older === null}
          >
            {t('audit.older')}
          </Button>
        </Stack>
      ) : null}
    </>
  );
}

import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import GlobalStyles from '@mui/material/GlobalStyles';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVAL_DECISION_LABELS, APPROVAL_SUBJECT_LABELS, type ApprovalDecision, type ApprovalSubject } from '../../../../shared/domain/approval';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../format/date-time';
import { DecisionDialog } from './DecisionDialog';
import { RouteStepsTable } from './RouteStepsTable';
import { SheetFactsTable } from './SheetFactsTable';
import { SignaturesTable } from './SignaturesTable';
import { useCall } from '../../api/use-call';

/*
 * Printing shows the sheet alone on white paper: everything else of the app is hidden, and the
 * buttons (class no-print) too. window.print() is also Electron's way to a PDF (printToPDF dialog).
 */
const PRINT_STYLES = (
  <GlobalStyles
    styles={{
      '@media print': {
        'body *': { visibility: 'hidden' },
        '#approval-sheet, #approval-sheet *': { visibility: 'visible' },
        '#approval-sheet': { position: 'absolute', left: 0, top: 0, width: '100%', boxShadow: 'none', border: 'none' },
        '.no-print': { display: 'none !important' },
        '@page': { size: 'A4', margin: '15mm' },
      },
    }}
  />
);

/** 审批单: the facts, the route with each step's state, every signature verified, the decision buttons. */
export function ApprovalSheet({ subject, id, onBack }: { subject: ApprovalSubject; id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { data, error, reload } = useCall('approval.route', { subject, requestId: id });
  const [deciding, setDeciding] = useState<ApprovalDecision | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  return (
    <>
      {PRINT_STYLES}
      <Stack direction="row" spacing={1} sx={{ mb: 2 }} className="no-print">
        <Button startIcon={<ArrowBackIcon />} onClick={onBack}>
          {t('approval.sheet.back')}
        </Button>
        <Box sx={{ flexGrow: 1 }} />
        <Button startIcon={<PrintIcon />} variant="outlined" onClick={() => window.print()} disabled={!data}>
          {t('approval.sheet.print')}
        </Button>
      </Stack>
      <ErrorAlert error={error} />
      {!data && !error ? <LinearProgress aria-label={t('common.loading')} /> : null}
      {data ? (
        <Paper id="approval-sheet" variant="outlined" sx={{ p: 3, maxWidth: 960 }}>
          <Box sx={{ textAlign: 'center', mb: 2 }}>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 700, letterSpacing: 4 }}>
              {APPROVAL_SUBJECT_LABELS[data.facts.subject]}{t('approval.sheet.title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {data.facts.unitName} · {data.facts.title} · <StatusChip tone={data.facts.status === 'approved' ? 'ok' : data.facts.status === 'rejected' ? 'bad' : data.facts.status === 'submitted' ? 'busy' : 'neutral'} label={data.facts.statusLabel} />
            </Typography>
          </Box>
          <SheetFactsTable facts={data.facts} />
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mt: 3, mb: 1 }}>
            {t('approval.sheet.route')}
          </Typography>
          {data.route ? (
            <>
              <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
                {t('approval.sheet.routeTable', { name: data.route.tableName, version: data.route.decisionTableVersion, at: formatDateTime(data.route.routedAt) })}
              </Typography>
              <RouteStepsTable steps={data.route.steps} />
            </>
          ) : null}
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mt: 3, mb: 1 }}>
            {t('approval.sheet.signatures')}
          </Typography>
          <SignaturesTable decisions={data.decisions} />
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 2, display: 'none', '@media print': { display: 'block' } }}>
            {t('approval.sheet.printedAt', { at: formatDateTime(Date.now()) })}
          </Typography>
          <Box className="no-print" sx={{ mt: 3 }}>
            {data.mayDecide.ok ? (
              <Stack spacing={1}>
                {data.mayDecide.onBehalfOfName ? <Alert severity="info">{t('approval.sheet.onBehalf', { name: data.mayDecide.onBehalfOfName })}</Alert> : null}
                <Stack direction="row" spacing={1}>
                  <Button variant="contained" onClick={() => setDeciding('approve')}>
                    {t('approval.decide.approve')}
                  </Button>
                  <Button variant="outlined" color="warning" onClick={() => setDeciding('return')}>
                    {t('approval.decide.return')}
                  </Button>
                  <Button variant="outlined" color="error" onClick={() => setDeciding('reject')}>
                    {t('approval.decide.reject')}
                  </Button>
                </Stack>
              </Stack>
            ) : data.facts.status === 'submitted' ? (
              <Alert severity="info">{t('approval.sheet.cannotDecide', { reason: data.mayDecide.message })}</Alert>
            ) : null}
          </Box>
        </Paper>
      ) : null}
      {deciding && data ? (
        <DecisionDialog
          decision={deciding}
          view={data}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setToast(t('approval.decide.done', { decision: APPROVAL_DECISION_LABELS[deciding], title: data.facts.title }));
            setDeciding(null);
            reload();
          }}
        />
      ) : null}
      <Snackbar open={toast !== null} autoHideDuration={5000} onClose={() => setToast(null)} message={toast ?? ''} />
    </>
  );
}

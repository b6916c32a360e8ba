import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PrintIcon from '@mui/icons-material/Print';
import TableViewIcon from '@mui/icons-material/TableView';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import GlobalStyles from '@mui/material/GlobalStyles';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FUND_SOURCE_LABELS } from '../../../../shared/domain/fund-source';
import { RISK_STATE_LABELS, type RiskState } from '../../../../shared/domain/risk';
import type { ErrorBody } from '../../../../shared/errors';
import { formatFen } from '../../../../shared/money';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/date-time';
import { hashFor } from '../../router/hash-route';
import { downloadBase64, useCall } from '../../api/use-call';

/**
 * 预算执行预警报告 (R8), made to be printed: on paper only the report shows (the app frame, the
 * buttons and the navigation are hidden by @media print), and 打印/导出PDF uses the browser's
 * print, which saves a PDF (Electron's printToPDF is not available in browser mode).
 */
export function WarningReport() {
  const { t } = useTranslation();
  const client = useApi();
  const { data, error } = useCall('budget.warningReport', {});
  const [exportError, setExportError] = useState<ErrorBody | null>(null);
  const excel = async () => {
    const envelope = await client.call('budget.warningReportXlsx', {});
    if (envelope.ok) downloadBase64(envelope.value);
    else setExportError(envelope.error);
  };
  const NUM = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
  return (
    <>
      <GlobalStyles
        styles={{
          '@media print': {
            // only the report: everything else keeps its place but is not printed, and the
            // report is moved to the page's top left (the app frame is a fixed-height flex box)
            'body *': { visibility: 'hidden' },
            '.print-report, .print-report *': { visibility: 'visible' },
            '.print-report': { position: 'absolute', left: 0, top: 0, width: '100%' },
            '.no-print': { display: 'none !important' },
            body: { background: '#fff' },
            '@page': { size: 'A4 landscape', margin: '12mm' },
          },
        }}
      />
      <Box className="no-print" sx={{ display: 'flex', gap: 1, mb: 2, flexWrap: 'wrap' }}>
        <Button startIcon={<ArrowBackIcon />} href={hashFor('/projects')}>
          {t('projects.reportPage.back')}
        </Button>
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="outlined" startIcon={<TableViewIcon />} onClick={() => void excel()} disabled={!data}>
          {t('projects.reportPage.excel')}
        </Button>
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()} disabled={!data}>
          {t('projects.reportPage.print')}
        </Button>
      </Box>
      <ErrorAlert error={error ?? exportError} />
      {data ? (
        <Box component="article" className="print-report" aria-label={t('projects.reportPage.title')} sx={{ bgcolor: 'background.paper', p: 3, border: 1, borderColor: 'divider', '@media print': { border: 0, p: 0 } }}>
          <Typography variant="h5" component="h1" align="center" gutterBottom>
            {data.unitName} {t('projects.reportPage.title')}
          </Typography>
          <Typography variant="body2" align="center">
            {t('projects.reportPage.basis', { percent: Math.round(data.warnRatio * 100) })}
          </Typography>
          <Typography variant="body2" align="center" sx={{ mb: 2 }}>
            {t('projects.reportPage.unit', { unit: data.unitName })} · {t('projects.reportPage.generated', { time: formatDateTime(data.generatedAt) })}
          </Typography>
          {data.notices.length === 0 ? (
            <Typography align="center">{t('projects.reportPage.none')}</Typography>
          ) : (
            <Table size="small" aria-label={t('projects.reportPage.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('projects.col.code')}</TableCell>
                  <TableCell>{t('projects.col.name')}</TableCell>
                  <TableCell>{t('projects.col.year')}</TableCell>
                  <TableCell>{t('projects.col.subject')}</TableCell>
                  <TableCell>{t('projects.col.fund')}</TableCell>
                  <TableCell align="right">{t('projects.col.amount')}</TableCell>
                  <TableCell align="right">{t('projects.col.reserved')}</TableCell>
                  <TableCell align="right">{t('projects.col.paid')}</TableCell>
                  <TableCell align="right">{t('projects.col.available')}</TableCell>
                  <TableCell align="right">{t('projects.col.usage')}</TableCell>
                  <TableCell>{t('projects.reportPage.alert')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.notices.map((n) => (
                  <TableRow key={n.budgetLineId}>
                    <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{n.projectCode}</TableCell>
                    <TableCell>{n.projectName}</TableCell>
                    <TableCell>{n.year}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{n.subjectCode}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{FUND_SOURCE_LABELS[n.fundSource]}</TableCell>
                    <TableCell align="right" sx={NUM}>{formatFen(n.position.amount)}</TableCell>
                    <TableCell align="right" sx={NUM}>{formatFen(n.position.reserved)}</TableCell>
                    <TableCell align="right" sx={NUM}>{formatFen(n.position.paid)}</TableCell>
                    <TableCell align="right" sx={NUM}>{formatFen(n.position.available)}</TableCell>
                    <TableCell align="right" sx={NUM}>
                      {(n.usedBp / 100).toFixed(2)}% {t(`projects.usage.${n.level}`)}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{n.alert ? (RISK_STATE_LABELS[n.alert.state as RiskState] ?? n.alert.state) : t('common.empty')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Box>
      ) : error ? null : (
        <LinearProgress aria-label={t('common.loading')} />
      )}
    </>
  );
}

import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ChainReportView } from '../../../../shared/api/methods/audit-methods';
import { shortHash } from '../../format/date-time';

/**
 * The answer of 校验审计链: green when every link holds, red naming the first broken link and why.
 * The core's message is Chinese in both languages (it is the official wording, as for errors);
 * the reason beside it is translated.
 */
export function VerifyResult({ report }: { report: ChainReportView }) {
  const { t } = useTranslation();
  const seconds = (report.durationMs / 1000).toFixed(1);
  const broken = report.firstBroken;
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      {broken === null ? (
        <Alert severity="success" role="status">
          <AlertTitle>{t('audit.verify.okTitle')}</AlertTitle>
          {t('audit.verify.ok', { checked: report.checked })}
          <Typography component="div" variant="caption" color="text.secondary">
            {report.head
              ? t('audit.verify.okDetail', { seq: report.head.seq, hash: shortHash(report.head.hash, 16), seconds })
              : t('audit.verify.emptyDetail', { seconds })}
          </Typography>
        </Alert>
      ) : (
        <Alert severity="error" role="alert">
          <AlertTitle>{t('audit.verify.brokenTitle', { seq: broken.seq, reason: t(`audit.verify.reasons.${broken.reason}`) })}</AlertTitle>
          {broken.message}
          <Typography component="div" variant="caption" color="text.secondary">
            {t('audit.verify.brokenDetail', { checked: report.checked, seconds })}
          </Typography>
        </Alert>
      )}
      {report.warnings.map((warning) => (
        <Alert key={warning} severity="warning">
          {warning}
        </Alert>
      ))}
    </Stack>
  );
}

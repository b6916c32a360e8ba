import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { RequestCheck } from '../../../../shared/api/methods/payment-methods';
import { formatFen } from '../../../../shared/money';
import { UsageBar } from '../projects/UsageBar';

/**
 * What the core's rules say about the request as typed: blocking findings (submit will refuse
 * them with the same words), notes that never block (R4's 80 % floor), the contract's caps and
 * where the budget line stands before and after this request.
 */
export function CheckPanel({ check, busy }: { check: RequestCheck | null; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" component="section" sx={{ p: 2 }} aria-live="polite">
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {t('payments.check.title')}
      </Typography>
      {!check ? <Typography variant="body2" color="text.secondary">{t(busy ? 'payments.check.checking' : 'payments.check.waiting')}</Typography> : null}
      {check ? (
        <Box sx={{ display: 'grid', gap: 1 }}>
          {check.violations.length === 0 ? (
            <Alert severity="success">{t('payments.check.ok')}</Alert>
          ) : (
            <Alert severity="error" data-testid="check-violations">
              {t('payments.check.blocking')}
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {check.violations.map((v) => (
                  <li key={`${v.code}-${v.field}-${v.message}`}>{v.message}</li>
                ))}
              </Box>
            </Alert>
          )}
          {check.flags.length > 0 ? (
            <Alert severity="warning">
              {t('payments.check.flags')}
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {check.flags.map((f) => (
                  <li key={f.message}>{f.message}</li>
                ))}
              </Box>
            </Alert>
          ) : null}
          <Typography variant="body2" color="text.secondary">
            {t('payments.check.caps', {
              advanceCap: formatFen(check.figures.advanceCap),
              progressCap: formatFen(check.figures.progressCap),
              remaining: formatFen(check.figures.contractRemaining),
            })}
          </Typography>
          {check.budget ? (
            <Box>
              <Typography variant="body2">
                {t('payments.check.budget', {
                  amount: formatFen(check.budget.amount),
                  reserved: formatFen(check.budget.reserved),
                  paid: formatFen(check.budget.paid),
                  available: formatFen(check.budget.available),
                })}
              </Typography>
              <UsageBar position={check.budget} />
              {check.availableAfter !== null ? (
                <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600 }} color={check.availableAfter < 0 ? 'error' : 'text.primary'} data-testid="available-after">
                  {t('payments.check.after', { after: formatFen(check.availableAfter) })}
                  {check.availableAfter < 0 ? ` — ${t('payments.check.overBudget', { over: formatFen(-check.availableAfter) })}` : ''}
                </Typography>
              ) : null}
            </Box>
          ) : null}
        </Box>
      ) : null}
    </Paper>
  );
}

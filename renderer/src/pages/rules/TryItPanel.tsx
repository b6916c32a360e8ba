import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodResult } from '../../../../shared/api/contract';
import type { TableDraftView } from '../../../../shared/api/methods/approval-methods';
import { STEP_MODE_LABELS, STEP_SCOPE_LABELS } from '../../../../shared/domain/approval';
import { FUND_SOURCE_LABELS, FUND_SOURCES, type FundSource } from '../../../../shared/domain/fund-source';
import { PAYMENT_KIND_LABELS, PAYMENT_KINDS, type PaymentKind } from '../../../../shared/domain/payment-kind';
import { PROJECT_TYPE_LABELS, PROJECT_TYPES, type ProjectType } from '../../../../shared/domain/project';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import type { ErrorBody } from '../../../../shared/errors';
import { parseYuan, toChineseCapitals } from '../../../../shared/money';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';

type Outcome = MethodResult<'approval.tables.tryRoute'>;

/** 试算: facts in, the route the draft table gives and the rules it hit out. */
export function TryItPanel({ draft }: { draft: TableDraftView }) {
  const { t } = useTranslation();
  const client = useApi();
  const [amountText, setAmountText] = useState('600000');
  const [projectType, setProjectType] = useState<ProjectType>('municipalRoad');
  const [fundSource, setFundSource] = useState<FundSource>('fiscal');
  const [paymentKind, setPaymentKind] = useState<PaymentKind>('progress');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const parsed = parseYuan(amountText);
  const run = async () => {
    if (!parsed.ok) return;
    const envelope = await client.call('approval.tables.tryRoute', {
      table: draft,
      facts: { amount: parsed.value, projectType, fundSource, paymentKind: draft.subject === 'contractChange' ? null : paymentKind },
    });
    if (envelope.ok) {
      setOutcome(envelope.value);
      setError(null);
    } else setError(envelope.error);
  };
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={t('approval.rules.tryIt')}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {t('approval.rules.tryIt')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField size="small" label={t('approval.rules.tryAmount')} value={amountText} onChange={(e) => setAmountText(e.target.value)} error={!parsed.ok} helperText={parsed.ok ? toChineseCapitals(parsed.value) : parsed.message} sx={{ width: 220 }} />
        <TextField select size="small" label={t('approval.fact.projectType')} value={projectType} onChange={(e) => setProjectType(e.target.value as ProjectType)} sx={{ width: 130 }}>
          {PROJECT_TYPES.map((p) => (
            <MenuItem key={p} value={p}>
              {PROJECT_TYPE_LABELS[p]}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={t('approval.fact.fundSource')} value={fundSource} onChange={(e) => setFundSource(e.target.value as FundSource)} sx={{ width: 120 }}>
          {FUND_SOURCES.map((f) => (
            <MenuItem key={f} value={f}>
              {FUND_SOURCE_LABELS[f]}
            </MenuItem>
          ))}
        </TextField>
        {draft.subject === 'paymentRequest' ? (
          <TextField select size="small" label={t('approval.fact.kind')} value={paymentKind} onChange={(e) => setPaymentKind(e.target.value as PaymentKind)} sx={{ width: 130 }}>
            {PAYMENT_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {PAYMENT_KIND_LABELS[k]}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
        <Button variant="outlined" onClick={() => void run()} disabled={!parsed.ok}>
          {t('approval.rules.tryRun')}
        </Button>
      </Stack>
      <ErrorAlert error={error} />
      {outcome ? (
        outcome.issues.some((i) => i.severity === 'error') ? (
          <Alert severity="error" sx={{ mt: 1 }}>
            {t('approval.rules.errors', { count: outcome.issues.filter((i) => i.severity === 'error').length })}
          </Alert>
        ) : outcome.steps.length === 0 ? (
          <Alert severity="warning" sx={{ mt: 1 }} data-testid="try-result">
            {t('approval.rules.tryNone')}
          </Alert>
        ) : (
          <Alert severity="success" sx={{ mt: 1 }} data-testid="try-result">
            <div>{outcome.steps.map((s, i) => `${i + 1}. ${s.label}（${ROLE_LABELS[s.role]}，${STEP_SCOPE_LABELS[s.scope]}，${STEP_MODE_LABELS[s.mode]}）`).join(' → ')}</div>
            <div>{t('approval.rules.tryHits', { rules: outcome.hits.map((h) => `#${h.index + 1} ${h.id}${h.note ? `（${h.note}）` : ''}`).join('；') })}</div>
          </Alert>
        )
      ) : null}
    </Paper>
  );
}

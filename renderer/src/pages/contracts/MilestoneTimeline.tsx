import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MilestoneView } from '../../../../shared/contracts/contract-api-schemas';
import { MILESTONE_STATUS_LABELS } from '../../../../shared/domain/contract';
import { PAYMENT_KIND_LABELS } from '../../../../shared/domain/payment-kind';
import type { ErrorBody } from '../../../../shared/errors';
import { formatFen } from '../../../../shared/money';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';
import { StatusChip } from '../../components/StatusChip';
import { bpText } from './contract-status';

const STATUS_TONE = { open: 'busy', settled: 'ok', cancelled: 'neutral' } as const;

/**
 * 付款节点 as a timeline in contract order: what each pays, when it falls due (R1: acceptance +
 * agreed days), what was paid. A settled step is shown completed; cancelled ones (replaced by an
 * approved change) stay visible, struck through, so the history reads whole.
 */
export function MilestoneTimeline({ milestones, canEdit, onChanged }: { milestones: readonly MilestoneView[]; canEdit: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<MilestoneView | null>(null);
  const active = milestones.findIndex((m) => m.status === 'open');
  return (
    <Paper variant="outlined" component="section" sx={{ p: 2 }} aria-label={t('contracts.timeline.title')}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 2 }}>
        {t('contracts.timeline.title')}
      </Typography>
      <Stepper alternativeLabel activeStep={active < 0 ? milestones.length : active}>
        {milestones.map((m) => (
          <Step key={m.id} completed={m.status === 'settled'} disabled={m.status === 'cancelled'}>
            <StepLabel optional={<StepFacts milestone={m} />}>
              <Box component="span" sx={{ textDecoration: m.status === 'cancelled' ? 'line-through' : 'none' }}>
                {m.name}
              </Box>
            </StepLabel>
            <Box sx={{ textAlign: 'center', mt: 1 }}>
              <StatusChip tone={STATUS_TONE[m.status]} label={MILESTONE_STATUS_LABELS[m.status]} />
              {canEdit && m.status === 'open' ? (
                <Box>
                  <Button size="small" onClick={() => setEditing(m)}>
                    {t('contracts.timeline.setDate')}
                  </Button>
                </Box>
              ) : null}
            </Box>
          </Step>
        ))}
      </Stepper>
      {editing ? <DateDialog milestone={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); onChanged(); }} /> : null}
    </Paper>
  );
}

function StepFacts({ milestone: m }: { milestone: MilestoneView }) {
  const { t } = useTranslation();
  const ratio = m.kind === 'progress' ? t('contracts.timeline.ratioOfCertified', { percent: bpText(m.ratio) }) : t('contracts.timeline.ratioOfAmount', { percent: bpText(m.ratio) });
  return (
    <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
      {PAYMENT_KIND_LABELS[m.kind]} · {ratio}
      <br />
      {m.dueRule === 'afterAcceptance' && m.dueDays !== null ? t('contracts.timeline.afterAcceptance', { days: m.dueDays }) : null}
      {m.acceptedAt ? ` · ${t('contracts.timeline.accepted', { date: m.acceptedAt })}` : null}
      <br />
      {m.dueDate ? t('contracts.timeline.due', { date: m.dueDate }) : t('contracts.timeline.dueUnknown')}
      <br />
      {m.plannedAmount !== null ? `${t('contracts.timeline.planned', { amount: formatFen(m.plannedAmount) })} · ` : null}
      {t('contracts.timeline.paidAmount', { amount: formatFen(m.paidAmount) })}
    </Typography>
  );
}

/** Records the acceptance date (afterAcceptance) or the agreed day (fixedDate) of one milestone. */
function DateDialog({ milestone, onClose, onSaved }: { milestone: MilestoneView; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [date, setDate] = useState(milestone.acceptedAt ?? milestone.dueDate ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const accept = milestone.dueRule === 'afterAcceptance';
  const submit = async () => {
    setBusy(true);
    const envelope = await client.call('contracts.setMilestoneDate', { milestoneId: milestone.id, date });
    setBusy(false);
    if (envelope.ok) onSaved();
    else setError(envelope.error);
  };
  return (
    <FormDialog
      title={accept ? t('contracts.timeline.acceptDialog', { name: milestone.name }) : t('contracts.timeline.fixDialog', { name: milestone.name })}
      submitLabel={t('common.save')}
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <TextField
        type="date"
        label={t('contracts.timeline.date')}
        value={date}
        onChange={(e) => setDate(e.target.value)}
        helperText={accept ? t('contracts.timeline.acceptHelp', { days: milestone.dueDays ?? 0 }) : ' '}
        slotProps={{ inputLabel: { shrink: true } }}
      />
    </FormDialog>
  );
}

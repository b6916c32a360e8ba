import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteView } from '../../../../shared/api/methods/approval-methods';
import type { RequestView } from '../../../../shared/api/methods/payment-methods';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { STEP_MODE_LABELS } from '../../../../shared/domain/approval';
import { useApi } from '../../api/api-context';
import { StatusChip, type StatusTone } from '../../components/StatusChip';

type StepState = 'approved' | 'current' | 'waiting' | 'returned' | 'rejected';
const TONE: Record<StepState, StatusTone> = { approved: 'ok', current: 'busy', waiting: 'neutral', returned: 'warn', rejected: 'bad' };

interface ShownStep {
  label: string;
  role: string;
  mode: string;
  state: StepState;
  signed: number | null;
  required: number | null;
  pending: string[];
}

/** The pinned route alone, for when the approval sheet cannot be read: state follows currentStep. */
function fromPinned(request: RequestView): ShownStep[] {
  const route = request.route;
  if (!route) return [];
  return route.steps.map((s, i) => {
    let state: StepState = i < route.currentStep ? 'approved' : 'waiting';
    if (i === route.currentStep && request.status === 'submitted') state = 'current';
    if (i === route.currentStep && request.status === 'rejected') state = 'rejected';
    return { label: s.label, role: ROLE_LABELS[s.role], mode: STEP_MODE_LABELS[s.mode], state, signed: null, required: null, pending: [] };
  });
}

/**
 * 审批路线 of a request with each step's state. Reads APPROVAL's sheet (approval.route: who
 * signed, who may still sign); falls back to the route pinned on the request.
 */
export function RouteSteps({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const client = useApi();
  const [sheet, setSheet] = useState<RouteView | null>(null);
  useEffect(() => {
    if (!request.route) return;
    let live = true;
    void client.call('approval.route', { subject: 'paymentRequest', requestId: request.id }).then((envelope) => {
      if (live && envelope.ok) setSheet(envelope.value);
    });
    return () => {
      live = false;
    };
  }, [client, request]);
  const steps: ShownStep[] = sheet?.route
    ? sheet.route.steps.map((s) => ({ label: s.label, role: ROLE_LABELS[s.role], mode: STEP_MODE_LABELS[s.mode], state: s.state, signed: s.signed, required: s.required, pending: s.pendingNames }))
    : fromPinned(request);
  const active = steps.findIndex((s) => s.state === 'current');
  return (
    <Paper variant="outlined" component="section" sx={{ p: 2 }}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {t('payments.detail.route')}
        {request.route ? (
          <Typography component="span" variant="caption" color="text.secondary">{`  ${t('payments.detail.tableVersion', { version: request.route.decisionTableVersion })}`}</Typography>
        ) : null}
      </Typography>
      {steps.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('payments.detail.noRoute')}
        </Typography>
      ) : (
        <Stepper orientation="vertical" activeStep={active < 0 ? steps.length : active} aria-label={t('payments.detail.route')}>
          {steps.map((s, i) => (
            <Step key={`${i}-${s.label}`} completed={s.state === 'approved'}>
              <StepLabel error={s.state === 'rejected'}>
                <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>{s.label}</Typography>
                  <StatusChip label={t(`payments.detail.stepState.${s.state}`)} tone={TONE[s.state]} />
                  <Typography variant="caption" color="text.secondary">
                    {s.role} · {s.mode}
                    {s.signed !== null && s.required !== null ? ` · ${t('payments.detail.stepSigned', { signed: s.signed, required: s.required })}` : ''}
                    {s.pending.length > 0 && s.state === 'current' ? ` · ${s.pending.join('、')}` : ''}
                  </Typography>
                </Box>
              </StepLabel>
            </Step>
          ))}
        </Stepper>
      )}
    </Paper>
  );
}

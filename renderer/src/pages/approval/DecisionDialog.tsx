import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteView } from '../../../../shared/api/methods/approval-methods';
import { APPROVAL_DECISION_LABELS, type ApprovalDecision } from '../../../../shared/domain/approval';
import type { ErrorBody } from '../../../../shared/errors';
import { formatFen, toChineseCapitals } from '../../../../shared/money';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';

/** 同意 / 退回修改 / 驳回 with a required comment, signed with the key the password unlocks. */
export function DecisionDialog({ decision, view, onClose, onDone }: { decision: ApprovalDecision; view: RouteView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [comment, setComment] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  // what exactly this decision will do, in words, before the approver signs it
  const consequence = (): string => {
    if (decision === 'return') return t('approval.decide.what.return');
    if (decision === 'reject') return t('approval.decide.what.reject');
    const route = view.route;
    const step = route?.steps[route.currentStep];
    if (!route || !step) return '';
    if (step.mode === 'all' && step.signed + 1 < step.required) {
      return t('approval.decide.what.approveCountersign', { label: step.label, signed: step.signed, required: step.required });
    }
    const next = route.steps[route.currentStep + 1];
    if (!next) return t('approval.decide.what.approveLast', { label: step.label });
    return t('approval.decide.what.approveNext', { step: route.currentStep + 1, label: step.label, next: next.index + 1, nextLabel: next.label });
  };
  const submit = async () => {
    setBusy(true);
    const envelope = await client.call('approval.decide', {
      subject: view.facts.subject,
      requestId: view.facts.id,
      decision,
      comment,
      password,
      ...(view.route ? { expectedStep: view.route.currentStep } : {}),
    });
    setBusy(false);
    if (envelope.ok) onDone();
    else setError(envelope.error);
  };
  const label = APPROVAL_DECISION_LABELS[decision];
  return (
    <FormDialog
      title={t('approval.decide.title', { decision: label, title: view.facts.title })}
      submitLabel={t('approval.decide.submit')}
      submitColor={decision === 'approve' ? 'primary' : 'error'}
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <Typography variant="body2">
        {formatFen(view.facts.amount)}（{toChineseCapitals(view.facts.amount)}）
      </Typography>
      <Alert severity={decision === 'approve' ? 'info' : 'warning'} data-testid="decision-consequence">
        {consequence()}
        {decision === 'approve' && view.facts.subject === 'paymentRequest' ? ` ${t('approval.decide.what.budget')}` : ''} {t('approval.decide.what.sign')}
      </Alert>
      <TextField
        label={t('approval.decide.comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        multiline
        minRows={2}
        required
        autoFocus
        error={error?.field === 'comment'}
        slotProps={{ htmlInput: { maxLength: 500 } }}
      />
      <TextField
        label={t('approval.decide.password')}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        autoComplete="current-password"
        error={error?.field === 'password'}
      />
    </FormDialog>
  );
}

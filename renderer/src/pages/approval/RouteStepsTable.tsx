import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import type { StepView } from '../../../../shared/api/methods/approval-methods';
import { STEP_MODE_LABELS, STEP_SCOPE_LABELS } from '../../../../shared/domain/approval';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { StatusChip, type StatusTone } from '../../components/StatusChip';

const TONE: Record<StepView['state'], StatusTone> = { approved: 'ok', current: 'busy', waiting: 'neutral', returned: 'warn', rejected: 'bad' };

/** The pinned route, one row per step: who, where, how, and how far it got (N of M for 会签). */
export function RouteStepsTable({ steps }: { steps: readonly StepView[] }) {
  const { t } = useTranslation();
  return (
    <Table size="small" aria-label={t('approval.sheet.route')} sx={{ '& td, & th': { border: 1, borderColor: 'divider' } }}>
      <TableHead>
        <TableRow>
          <TableCell>#</TableCell>
          <TableCell>{t('approval.rules.stepLabel')}</TableCell>
          <TableCell>{t('approval.rules.role')}</TableCell>
          <TableCell>{t('approval.rules.scope')}</TableCell>
          <TableCell>{t('approval.rules.mode')}</TableCell>
          <TableCell>{t('approval.fact.status')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {steps.map((step) => (
          <TableRow key={step.index} data-testid={`route-step-${step.index}`}>
            <TableCell>{step.index + 1}</TableCell>
            <TableCell>{step.label}</TableCell>
            <TableCell>{ROLE_LABELS[step.role]}</TableCell>
            <TableCell>{STEP_SCOPE_LABELS[step.scope]}</TableCell>
            <TableCell>
              {STEP_MODE_LABELS[step.mode]}
              {step.mode === 'all' ? ` ${step.signed}/${step.required}` : ''}
            </TableCell>
            <TableCell>
              <StatusChip tone={TONE[step.state]} label={t(`approval.stepState.${step.state}`)} />
              {step.state === 'current' ? (
                <div style={{ fontSize: 12, marginTop: 4 }}>
                  {step.pendingNames.length > 0 ? t('approval.sheet.pending', { names: step.pendingNames.join('、') }) : t('approval.sheet.nobody')}
                </div>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

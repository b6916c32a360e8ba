import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { APPROVER_ROLES } from '../../../../shared/domain/approval';
import { useSubscription } from '../../api/api-context';
import { FactCard } from '../../components/FactList';
import { hashFor } from '../../router/hash-route';
import { useSession } from '../../session/SessionProvider';

/** 工作台 card: what waits for my approval now (live), with the way to the inbox. */
export function ApprovalDashboardCard() {
  const { t } = useTranslation();
  const session = useSession();
  const approver = session.user.roles.some((r) => (APPROVER_ROLES as readonly string[]).includes(r));
  const { data } = useSubscription('approval.inbox', {}, approver);
  if (!approver || !data) return null;
  return (
    <FactCard
      title={t('approval.dashboard.title')}
      facts={[
        { label: t('approval.dashboard.total'), value: <strong data-testid="approval-waiting">{data.total}</strong> },
        { label: t('approval.dashboard.payments'), value: data.paymentRequest },
        { label: t('approval.dashboard.changes'), value: data.contractChange },
        { label: t('approval.dashboard.delegated'), value: data.delegated },
      ]}
    >
      <Button href={hashFor('/approval')} size="small" sx={{ mt: 1 }}>
        {t('approval.open')}
      </Button>
    </FactCard>
  );
}

import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { REQUEST_STATUS_LABELS, REQUEST_STATUSES } from '../../../../shared/domain/payment-request-status';
import { formatFen } from '../../../../shared/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusChip } from '../../components/StatusChip';
import { hashFor } from '../../router/hash-route';
import { useSession } from '../../session/SessionProvider';
import { useCall } from '../../api/use-call';
import { REQUEST_STATUS_TONE } from './request-status';

/** 工作台 card for a project lead: their requests by status, and those returned for changes. */
export function MyRequestsCard() {
  const { user } = useSession();
  if (!user.roles.includes('projectLead')) return null;
  return <Counts />;
}

function Counts() {
  const { t } = useTranslation();
  const { data, error } = useCall('payments.list', { mine: true, limit: 500 });
  // a draft that was submitted before came back: 退回 (APPROVAL returns requests to draft)
  const returned = (data?.items ?? []).filter((r) => r.status === 'draft' && r.submittedAt !== null);
  return (
    <Card variant="outlined" aria-label={t('payments.card.title')}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('payments.card.title')}
        </Typography>
        <ErrorAlert error={error} />
        {data && data.total === 0 ? <Typography color="text.secondary">{t('payments.card.none')}</Typography> : null}
        {data && data.total > 0 ? (
          <>
            <List dense disablePadding sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 1 }}>
              {REQUEST_STATUSES.map((s) => {
                const count = data.items.filter((r) => r.status === s).length;
                return count === 0 ? null : (
                  <ListItem key={s} disableGutters sx={{ width: 'auto' }}>
                    <StatusChip label={`${REQUEST_STATUS_LABELS[s]} ${count}`} tone={REQUEST_STATUS_TONE[s]} />
                  </ListItem>
                );
              })}
            </List>
            {returned.length > 0 ? (
              <Alert severity="warning">
                {t('payments.card.returned', { count: returned.length })}
                {returned.slice(0, 5).map((r) => (
                  <div key={r.id}>
                    <Link href={hashFor('/payments', { id: r.id })}>{r.requestNo}</Link> {formatFen(r.amount)}
                  </div>
                ))}
              </Alert>
            ) : null}
          </>
        ) : null}
        <Link href={hashFor('/payments')}>{t('payments.card.all')}</Link>
      </CardContent>
    </Card>
  );
}

import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { MethodResult } from '../../../../shared/api/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusChip, type StatusTone } from '../../components/StatusChip';
import { hashFor } from '../../router/hash-route';
import { useSession } from '../../session/SessionProvider';
import { useCall } from '../../api/use-call';

type Reminder = MethodResult<'contracts.reminders'>[number];

const SHOWN = 6;
const READERS = ['projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer'] as const;
const TONE: Record<Reminder['reminder'], StatusTone> = { overdue: 'bad', nearDue: 'warn', retentionDue: 'warn', retentionEnding: 'busy' };

/** 工作台 card: payments overdue or due within 7 days (R1) and defect periods ending (R5). */
export function ContractRemindersCard() {
  const { user } = useSession();
  if (!READERS.some((r) => user.roles.includes(r))) return null;
  return <RemindersCard />;
}

function RemindersCard() {
  const { t } = useTranslation();
  const { data, error } = useCall('contracts.reminders', {});
  const label = (r: Reminder): string => {
    if (r.reminder === 'overdue') return t('contracts.reminders.overdue', { days: -r.daysLeft });
    if (r.reminder === 'nearDue') return r.daysLeft === 0 ? t('contracts.reminders.today') : t('contracts.reminders.nearDue', { days: r.daysLeft });
    if (r.reminder === 'retentionDue') return t('contracts.reminders.retentionDue', { days: -r.daysLeft });
    return t('contracts.reminders.retentionEnding', { days: r.daysLeft });
  };
  return (
    <Card variant="outlined" aria-label={t('contracts.reminders.title')}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('contracts.reminders.title')}
        </Typography>
        <ErrorAlert error={error} />
        {data && data.length === 0 ? <Typography color="text.secondary">{t('contracts.reminders.none')}</Typography> : null}
        <List dense disablePadding>
          {(data ?? []).slice(0, SHOWN).map((r) => (
            <ListItem key={r.milestoneId} disableGutters sx={{ display: 'block' }}>
              <StatusChip tone={TONE[r.reminder]} label={label(r)} />{' '}
              <Link href={hashFor('/contracts', { id: r.contractId })}>{r.contractCode}</Link> {r.name}
              <Typography variant="caption" color="text.secondary" component="div">
                {r.counterpartyName}
                {r.isSme ? <Chip size="small" variant="outlined" label={t('contracts.sme')} sx={{ ml: 0.5, height: 18 }} /> : null} · {r.dueDate}
              </Typography>
            </ListItem>
          ))}
        </List>
        {data && data.length > SHOWN ? <Typography variant="caption" color="text.secondary">{t('contracts.reminders.more', { count: data.length - SHOWN })}</Typography> : null}
      </CardContent>
    </Card>
  );
}

import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { hashFor } from '../../router/hash-route';
import { useSession } from '../../session/SessionProvider';
import { BudgetSettingsCard } from './BudgetSettingsCard';
import { UsageBar } from './UsageBar';
import { useLiveCall } from './use-call';

const SHOWN = 5;
const READERS = ['projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer'] as const;

/** 工作台 notice of budget lines at or over the R8 warning ratio, most used first (admins: the ratio). */
export function BudgetNoticesCard() {
  const { user } = useSession();
  // the administrator sees no budget data, only the threshold they may tighten
  if (user.roles.includes('admin')) return <BudgetSettingsCard />;
  if (!READERS.some((r) => user.roles.includes(r))) return null;
  return <NoticesCard />;
}

function NoticesCard() {
  const { t } = useTranslation();
  const { data: notices, error } = useLiveCall('budget.notices', {});
  const percent = notices?.[0] ? Math.round(notices[0].position.warnRatio * 100) : 90;
  return (
    <Card variant="outlined" aria-label={t('projects.notices.title')}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('projects.notices.title')}
        </Typography>
        <ErrorAlert error={error} />
        {notices && notices.length === 0 ? <Typography color="text.secondary">{t('projects.notices.none')}</Typography> : null}
        {notices && notices.length > 0 ? (
          <>
            <Alert severity="warning" sx={{ mb: 1 }}>
              {t('projects.notices.intro', { percent })}
            </Alert>
            <List dense disablePadding>
              {notices.slice(0, SHOWN).map((n) => (
                <ListItem key={n.budgetLineId} disableGutters sx={{ display: 'block' }}>
                  <Link href={hashFor('/projects', { id: n.projectId })}>
                    {n.projectCode} {n.projectName}
                  </Link>
                  <Typography variant="caption" color="text.secondary" component="div">
                    {n.year} · {n.subjectCode}
                  </Typography>
                  <UsageBar position={n.position} compact />
                </ListItem>
              ))}
            </List>
            {notices.length > SHOWN ? <Typography variant="body2">{t('projects.notices.more', { count: notices.length - SHOWN })}</Typography> : null}
            <Link href={hashFor('/projects', { view: 'report' })}>{t('projects.notices.open')}</Link>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../api/api-context';
import { ApprovalNotifier } from '../pages/approval/ApprovalNotifier';
import { ApprovalPage } from '../pages/approval/ApprovalPage';
import { AuditPage } from '../pages/audit/AuditPage';
import { BackupPage } from '../pages/backup/BackupPage';
import { ContractsPage } from '../pages/contracts/ContractsPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { PaymentsPage } from '../pages/payments/PaymentsPage';
import { ProjectsPage } from '../pages/projects/ProjectsPage';
import { RulesPage } from '../pages/rules/RulesPage';
import { DemoBanner } from '../pages/setup/DemoBanner';
import { UsersPage } from '../pages/users/UsersPage';
import { matchRoute } from '../router/hash-route';
import { useHash } from '../router/use-hash-path';
import { useSession } from '../session/SessionProvider';
import { NAV_ITEMS, visibleNavItems, type PageId } from './nav-items';
import { NavMenu } from './NavMenu';
import { TopBar } from './TopBar';

const PAGES: Record<PageId, ComponentType> = {
  dashboard: DashboardPage,
  projects: ProjectsPage,
  contracts: ContractsPage,
  payments: PaymentsPage,
  approval: ApprovalPage,
  rules: RulesPage,
  audit: AuditPage,
  users: UsersPage,
  backup: BackupPage,
};

const DASHBOARD = NAV_ITEMS[0]!;

/**
 * The signed-in frame: top bar, the navigation the user's roles allow, and the current page.
 * A hash naming a page the user may not see lands on the dashboard (the core would refuse the
 * page's calls anyway).
 */
export function AppShell() {
  const { t } = useTranslation();
  const session = useSession();
  const connection = useConnectionState();
  const [hash] = useHash();
  const items = visibleNavItems(session.user.roles);
  const route = matchRoute(items, hash, DASHBOARD);
  const Page = PAGES[route.id];

  useEffect(() => {
    document.title = `${t(route.labelKey)} - ${t('app.title')}`;
  }, [route, t]);

  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <TopBar />
      <ApprovalNotifier />
      <DemoBanner />
      {connection.status === 'online' ? null : (
        <Alert severity="warning" square role="status">
          {t('connection.offlineBanner')}
        </Alert>
      )}
      <Box sx={{ flexGrow: 1, display: 'flex', minHeight: 0 }}>
        <Box
          sx={{ width: 200, flexShrink: 0, borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper', overflowY: 'auto' }}
        >
          <NavMenu items={items} current={route.id} />
        </Box>
        <Box component="main" sx={{ flexGrow: 1, overflow: 'auto', p: 3, minWidth: 0 }}>
          <Page key={route.id} />
        </Box>
      </Box>
    </Box>
  );
}

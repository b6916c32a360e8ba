import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import AssignmentTurnedInIcon from '@mui/icons-material/AssignmentTurnedIn';
import RuleIcon from '@mui/icons-material/Rule';
import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import BackupIcon from '@mui/icons-material/Backup';
import DashboardIcon from '@mui/icons-material/Dashboard';
import HandshakeIcon from '@mui/icons-material/Handshake';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import GroupIcon from '@mui/icons-material/Group';
import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { hashFor } from '../router/hash-route';
import type { NavItem, PageId } from './nav-items';

const ICONS: Record<PageId, ReactElement> = {
  dashboard: <DashboardIcon fontSize="small" />,
  projects: <AccountBalanceIcon fontSize="small" />,
  contracts: <HandshakeIcon fontSize="small" />,
  payments: <RequestQuoteIcon fontSize="small" />,
  approval: <AssignmentTurnedInIcon fontSize="small" />,
  rules: <RuleIcon fontSize="small" />,
  audit: <FactCheckIcon fontSize="small" />,
  users: <GroupIcon fontSize="small" />,
  backup: <BackupIcon fontSize="small" />,
};

/**
 * The left navigation: real links (`href="#/…"`), so Tab reaches them, Enter opens them, and the
 * current one is announced with aria-current.
 */
export function NavMenu({ items, current }: { items: readonly NavItem[]; current: PageId }) {
  const { t } = useTranslation();
  const top = items.filter((item) => item.group === null);
  const admin = items.filter((item) => item.group === 'systemAdmin');
  const link = (item: NavItem, indent: boolean) => (
    <ListItem key={item.id} disablePadding>
    <ListItemButton
      component="a"
      href={hashFor(item.path)}
      selected={item.id === current}
      aria-current={item.id === current ? 'page' : undefined}
      sx={indent ? { pl: 4 } : undefined}
    >
      <ListItemIcon sx={{ minWidth: 34 }}>{ICONS[item.id]}</ListItemIcon>
      <ListItemText primary={t(item.labelKey)} />
    </ListItemButton>
    </ListItem>
  );
  return (
    <nav aria-label={t('shell.navLabel')}>
      <List dense>
        {top.map((item) => link(item, false))}
        {admin.length > 0 ? (
          <ListSubheader disableSticky sx={{ display: 'flex', alignItems: 'center', gap: 1, lineHeight: '36px', bgcolor: 'transparent' }}>
            <AdminPanelSettingsIcon fontSize="small" />
            {t('nav.systemAdmin')}
          </ListSubheader>
        ) : null}
        {admin.map((item) => link(item, true))}
      </List>
    </nav>
  );
}

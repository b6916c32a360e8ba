import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/api/common-schemas';
import { RoleChips } from '../../components/RoleChips';
import { StatusChip } from '../../components/StatusChip';
import { formatDate, formatDateTime } from '../../format/date-time';
import { USER_STATE_TONE, userState } from './user-state';

export type UserAction = 'setRoles' | 'disable' | 'enable' | 'resetPassword';

interface Props {
  users: readonly UserView[];
  /** null: read-only (auditors) — no action column at all */
  onAction: ((action: UserAction, user: UserView) => void) | null;
  currentUserId: string;
}

/** Dense table with a sticky header; every state is a chip with text. */
export function UsersTable({ users, onAction, currentUserId }: Props) {
  const { t } = useTranslation();
  const now = Date.now();
  const empty = t('common.empty');
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 220px)' }}>
      <Table stickyHeader aria-label={t('users.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('users.col.login')}</TableCell>
            <TableCell>{t('users.col.name')}</TableCell>
            <TableCell>{t('users.col.roles')}</TableCell>
            <TableCell>{t('users.col.state')}</TableCell>
            <TableCell>{t('users.col.lastLogin')}</TableCell>
            <TableCell>{t('users.col.created')}</TableCell>
            {onAction ? <TableCell>{t('users.col.actions')}</TableCell> : null}
          </TableRow>
        </TableHead>
        <TableBody>
          {users.length === 0 ? (
            <TableRow>
              <TableCell colSpan={onAction ? 7 : 6} align="center">
                {t('users.empty')}
              </TableCell>
            </TableRow>
          ) : null}
          {users.map((user) => {
            const state = userState(user, now);
            const stateTitle =
              state === 'disabled' && user.disabledReason
                ? t('users.disabledReason', { reason: user.disabledReason })
                : state === 'locked' && user.lockedUntil
                  ? t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })
                  : undefined;
            return (
              <TableRow key={user.id} hover>
                <TableCell sx={{ fontFamily: 'monospace' }}>{user.login}</TableCell>
                <TableCell>{user.name}</TableCell>
                <TableCell>
                  <RoleChips roles={user.roles} />
                </TableCell>
                <TableCell>
                  <Stack direction="row" spacing={0.5}>
                    <StatusChip tone={USER_STATE_TONE[state]} label={t(`users.state.${state}`)} title={stateTitle} />
                    {user.mustChangePassword && !user.disabled ? <StatusChip tone="busy" label={t('users.state.mustChange')} /> : null}
                  </Stack>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : empty}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(user.createdAt)}</TableCell>
                {onAction ? (
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Button size="small" onClick={() => onAction('setRoles', user)}>
                      {t('users.action.setRoles')}
                    </Button>
                    <Button size="small" onClick={() => onAction('resetPassword', user)}>
                      {t('users.action.resetPassword')}
                    </Button>
                    {user.disabled ? (
                      <Button size="small" onClick={() => onAction('enable', user)}>
                        {t('users.action.enable')}
                      </Button>
                    ) : user.id !== currentUserId ? (
                      // Not offered on one's own row: the core refuses self-disable (SELF_DISABLE).
                      <Button size="small" color="error" onClick={() => onAction('disable', user)}>
                        {t('users.action.disable')}
                      </Button>
                    ) : null}
                  </TableCell>
                ) : null}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

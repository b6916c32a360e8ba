import PersonAddIcon from '@mui/icons-material/PersonAdd';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/api/common-schemas';
import { useSubscription } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useSession } from '../../session/SessionProvider';
import { CreateUserDialog } from './CreateUserDialog';
import { ReasonDialog } from './ReasonDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { RolesDialog } from './RolesDialog';
import { UsersTable, type UserAction } from './UsersTable';

type OpenDialog = { kind: 'create' } | { kind: UserAction; user: UserView } | null;

/**
 * 用户与角色: a live list (the `users.changed` topic pushes every change, so the table updates
 * after a dialog closes without a reload). Administrators manage; auditors only read.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canManage = session.user.roles.includes('admin');
  const { data: users, error } = useSubscription('users.changed', {});
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [toast, setToast] = useState<string | null>(null);

  const done = (message: string) => {
    setDialog(null);
    setToast(message);
  };

  return (
    <>
      <PageHeading
        title={t('users.title')}
        subtitle={users ? t('users.count', { count: users.length }) : undefined}
        actions={
          canManage ? (
            <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setDialog({ kind: 'create' })}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      {canManage ? null : (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('users.readOnly')}
        </Alert>
      )}
      <ErrorAlert error={error} />
      {users ? (
        <UsersTable users={users} currentUserId={session.user.id} onAction={canManage ? (kind, user) => setDialog({ kind, user }) : null} />
      ) : error ? null : (
        <>
          <LinearProgress aria-label={t('common.loading')} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t('common.loading')}
          </Typography>
        </>
      )}

      {dialog?.kind === 'create' ? (
        <CreateUserDialog onClose={() => setDialog(null)} onCreated={(user) => done(t('users.createDialog.done', { login: user.login }))} />
      ) : null}
      {dialog?.kind === 'setRoles' ? (
        <RolesDialog user={dialog.user} onClose={() => setDialog(null)} onSaved={(user) => done(t('users.rolesDialog.done', { login: user.login }))} />
      ) : null}
      {dialog?.kind === 'disable' || dialog?.kind === 'enable' ? (
        <ReasonDialog
          mode={dialog.kind}
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={(user) =>
            done(
              dialog.kind === 'disable'
                ? t('users.disableDialog.done', { login: user.login })
                : t('users.enableDialog.done', { login: user.login }),
            )
          }
        />
      ) : null}
      {dialog?.kind === 'resetPassword' ? (
        <ResetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} onDone={(user) => done(t('users.resetDialog.done', { login: user.login }))} />
      ) : null}

      <Snackbar
        open={toast !== null}
        autoHideDuration={4000}
        onClose={() => setToast(null)}
        message={toast}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      />
    </>
  );
}

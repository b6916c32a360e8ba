import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVER_ROLES, type ApproverRole } from '../../../../shared/domain/approval';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { StatusChip } from '../../components/StatusChip';
import { useSession } from '../../session/SessionProvider';
import { useCall } from '../../api/use-call';

function today(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function CreateDelegationDialog({ roles, onClose, onDone }: { roles: ApproverRole[]; onClose: () => void; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [role, setRole] = useState<ApproverRole>(roles[0] ?? 'leader');
  const [toUserId, setToUserId] = useState('');
  const [fromDay, setFromDay] = useState(today());
  const [toDay, setToDay] = useState(today(7));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const delegates = useCall('approval.delegates', { role });
  const submit = async () => {
    setBusy(true);
    const envelope = await client.call('approval.delegations.create', { toUserId, role, fromDay, toDay, reason });
    setBusy(false);
    if (envelope.ok) onDone(envelope.value.toName);
    else setError(envelope.error);
  };
  return (
    <FormDialog title={t('approval.delegation.dialogTitle')} submitLabel={t('approval.delegation.submit')} busy={busy} error={error} onClose={onClose} onSubmit={() => void submit()}>
      {/* the dialog's content clips the first field's floating label without a little room */}
      <Box sx={{ pt: 1 }}>
        <TextField select label={t('approval.delegation.role')} value={role} onChange={(e) => setRole(e.target.value as ApproverRole)} fullWidth>
          {roles.map((r) => (
            <MenuItem key={r} value={r}>
              {ROLE_LABELS[r]}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <TextField select label={t('approval.delegation.to')} value={toUserId} onChange={(e) => setToUserId(e.target.value)} error={error?.field === 'toUserId'} required>
        {(delegates.data ?? []).map((u) => (
          <MenuItem key={u.id} value={u.id}>
            {u.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField type="date" label={t('approval.delegation.fromDay')} value={fromDay} onChange={(e) => setFromDay(e.target.value)} error={error?.field === 'fromDay'} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField type="date" label={t('approval.delegation.toDay')} value={toDay} onChange={(e) => setToDay(e.target.value)} error={error?.field === 'toDay'} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField label={t('approval.delegation.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={error?.field === 'reason'} required />
    </FormDialog>
  );
}

/** 审批委托: what I delegated and what was delegated to me; create and revoke. */
export function DelegationPanel() {
  const { t } = useTranslation();
  const client = useApi();
  const session = useSession();
  const { data, error, reload } = useCall('approval.delegations.list', {});
  const [creating, setCreating] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<ErrorBody | null>(null);
  const myRoles = APPROVER_ROLES.filter((r) => session.user.roles.includes(r));
  const revoke = async (id: string) => {
    const envelope = await client.call('approval.delegations.revoke', { delegationId: id });
    if (envelope.ok) {
      setToast(t('approval.delegation.revokeDone'));
      reload();
    } else setRevokeError(envelope.error);
  };
  return (
    <>
      <Alert severity="info" sx={{ mb: 2 }}>
        {t('approval.delegation.intro')}
      </Alert>
      {myRoles.length > 0 ? (
        <Button variant="contained" startIcon={<AddIcon />} sx={{ mb: 2 }} onClick={() => setCreating(true)}>
          {t('approval.delegation.create')}
        </Button>
      ) : null}
      <ErrorAlert error={error ?? revokeError} />
      {data && data.length === 0 ? <Typography color="text.secondary">{t('approval.delegation.empty')}</Typography> : null}
      {data && data.length > 0 ? (
        <Paper variant="outlined">
          <Table size="small" aria-label={t('approval.delegation.title')}>
            <TableHead>
              <TableRow>
                {(['from', 'to', 'role', 'period', 'reason', 'state', 'actions'] as const).map((c) => (
                  <TableCell key={c}>{t(`approval.delegation.col.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((d) => (
                <TableRow key={d.id}>
                  <TableCell>{d.fromName}</TableCell>
                  <TableCell>{d.toName}</TableCell>
                  <TableCell>{ROLE_LABELS[d.role]}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {d.fromDay} 至 {d.toDay}
                  </TableCell>
                  <TableCell>{d.reason}</TableCell>
                  <TableCell>
                    {d.revokedAt !== null ? (
                      <StatusChip tone="neutral" label={t('approval.delegation.revoked')} />
                    ) : d.active ? (
                      <StatusChip tone="ok" label={t('approval.delegation.active')} />
                    ) : (
                      <StatusChip tone="neutral" label={t('approval.delegation.inactive')} />
                    )}
                  </TableCell>
                  <TableCell>
                    {d.revokedAt === null && (d.fromUserId === session.user.id || session.user.roles.includes('admin')) ? (
                      <Button size="small" color="error" onClick={() => void revoke(d.id)}>
                        {t('approval.delegation.revoke')}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      ) : null}
      {creating ? (
        <CreateDelegationDialog
          roles={[...myRoles]}
          onClose={() => setCreating(false)}
          onDone={(name) => {
            setCreating(false);
            setToast(t('approval.delegation.done', { name }));
            reload();
          }}
        />
      ) : null}
      <Snackbar open={toast !== null} autoHideDuration={5000} onClose={() => setToast(null)} message={toast ?? ''} />
    </>
  );
}

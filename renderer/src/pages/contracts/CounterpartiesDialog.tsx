import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../../../shared/errors';
import { validateBankAccount, validateUscc } from '../../../../shared/validators';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/SessionProvider';
import { useCall } from '../../api/use-call';

const EMPTY = { name: '', uscc: '', isSme: true, bankName: '', bankAccount: '', wageBankName: '', wageAccount: '' };
type Draft = typeof EMPTY;

/** Live checks of the identifiers (the same validators the core's schemas use). */
function problemsOf(d: Draft): Partial<Record<keyof Draft, string>> {
  const out: Partial<Record<keyof Draft, string>> = {};
  if (d.name.trim().length < 2) out.name = '单位名称至少 2 个字';
  const uscc = validateUscc(d.uscc);
  if (!uscc.ok) out.uscc = uscc.message;
  if (d.bankName.trim().length < 2) out.bankName = '请输入开户银行';
  const bank = validateBankAccount(d.bankAccount, 'account');
  if (!bank.ok) out.bankAccount = bank.message;
  if (d.wageAccount.trim() !== '') {
    const wage = validateBankAccount(d.wageAccount, 'account');
    if (!wage.ok) out.wageAccount = wage.message;
    if (d.wageBankName.trim() === '') out.wageBankName = '请输入农民工工资专户开户行';
  }
  return out;
}

/**
 * 收款单位: the list with accounts as the core shows them to this role (in full for finance,
 * cashier and auditor; `**** **** 1234` otherwise), and the registration form.
 */
export function CounterpartiesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const { user } = useSession();
  const titleId = useId();
  const { data: payees, error: listError, reload } = useCall('counterparties.list', {});
  const [draft, setDraft] = useState<Draft | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const canWrite = user.roles.includes('projectLead') || user.roles.includes('finance');
  const problems = draft ? problemsOf(draft) : {};
  const at = (k: keyof Draft) => (error?.field === k ? error.message : tried || (draft?.[k] ?? '') !== '' ? problems[k] : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!draft || Object.keys(problems).length > 0) return;
    setBusy(true);
    const wage = draft.wageAccount.trim() !== '';
    const envelope = await client.call('counterparties.create', {
      name: draft.name,
      uscc: draft.uscc,
      isSme: draft.isSme,
      bankName: draft.bankName,
      bankAccount: draft.bankAccount,
      wageBankName: wage ? draft.wageBankName : null,
      wageAccount: wage ? draft.wageAccount : null,
    });
    setBusy(false);
    if (!envelope.ok) return setError(envelope.error);
    setDraft(null);
    setTried(false);
    setError(null);
    reload();
  };

  const input = (k: Exclude<keyof Draft, 'isSme'>, label: string) => (
    <TextField size="small" label={label} value={draft?.[k] ?? ''} onChange={(e) => setDraft((d) => (d ? { ...d, [k]: e.target.value } : d))} error={at(k) !== undefined} helperText={at(k)} />
  );

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="lg" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('contracts.cpDialog.listTitle', { count: payees?.length ?? 0 })}</DialogTitle>
      <DialogContent>
        <ErrorAlert error={listError} />
        {payees?.[0] && payees[0].accounts !== 'full' ? <Alert severity="info" sx={{ mb: 1 }}>{payees[0].accounts === 'locked' ? t('contracts.payee.locked') : t('contracts.payee.masked')}</Alert> : null}
        {draft ? (
          <Box component="form" noValidate onSubmit={(e) => void submit(e)} aria-label={t('contracts.cpDialog.title')} sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', mb: 2, p: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}>
            <Box sx={{ gridColumn: 'span 2' }}>
              <ErrorAlert error={error} />
            </Box>
            {input('name', t('contracts.cpDialog.name'))}
            {input('uscc', t('contracts.cpDialog.uscc'))}
            {input('bankName', t('contracts.cpDialog.bankName'))}
            {input('bankAccount', t('contracts.cpDialog.bankAccount'))}
            {input('wageBankName', t('contracts.cpDialog.wageBankName'))}
            {input('wageAccount', t('contracts.cpDialog.wageAccount'))}
            <FormControlLabel control={<Checkbox checked={draft.isSme} onChange={(e) => setDraft({ ...draft, isSme: e.target.checked })} />} label={t('contracts.cpDialog.isSme')} />
            <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1 }}>
              <Button onClick={() => setDraft(null)} disabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant="contained" disabled={busy}>
                {t('contracts.cpDialog.save')}
              </Button>
            </Box>
          </Box>
        ) : null}
        <Table size="small" stickyHeader aria-label={t('contracts.counterparties')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('contracts.cpDialog.name')}</TableCell>
              <TableCell>{t('contracts.payee.uscc')}</TableCell>
              <TableCell>{t('contracts.payee.bank')}</TableCell>
              <TableCell>{t('contracts.payee.account')}</TableCell>
              <TableCell>{t('contracts.payee.wageAccount')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(payees ?? []).map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  {p.name}
                  {p.isSme ? <Chip size="small" variant="outlined" label={t('contracts.sme')} sx={{ ml: 0.5 }} /> : null}
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{p.uscc}</TableCell>
                <TableCell>{p.bankName}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{p.bankAccount}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{p.wageAccount ?? t('contracts.payee.none')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        {canWrite && !draft ? (
          <Button startIcon={<AddIcon />} onClick={() => setDraft({ ...EMPTY })}>
            {t('contracts.cpDialog.add')}
          </Button>
        ) : null}
        <Button onClick={onClose} disabled={busy}>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

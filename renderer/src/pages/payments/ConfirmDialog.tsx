import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { FormDialog } from '../../components/FormDialog';

/**
 * Confirms a submit or withdraw, saying exactly what will happen (DOMAIN.md: every destructive
 * or committing action confirms). With `reasonLabel` it also asks for the reason the audit log keeps.
 */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  go: string;
  color?: 'primary' | 'error';
  reasonLabel?: string;
  busy: boolean;
  error: ErrorBody | null;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <FormDialog title={props.title} submitLabel={props.go} submitColor={props.color ?? 'primary'} busy={props.busy} error={props.error} onClose={props.onClose} onSubmit={() => props.onConfirm(reason)}>
      <Typography variant="body2">{props.body}</Typography>
      {props.reasonLabel ? (
        <TextField label={props.reasonLabel} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus fullWidth size="small" />
      ) : null}
    </FormDialog>
  );
}

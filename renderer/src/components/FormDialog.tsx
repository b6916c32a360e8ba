import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import type { FormEvent, ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../../shared/errors';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  title: string;
  submitLabel: string;
  submitColor?: 'primary' | 'error';
  busy: boolean;
  error: ErrorBody | null;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}

/**
 * A dialog that is a form: Enter submits, Escape and 取消 close (not while a call runs, so the
 * answer is never lost), and both buttons are disabled while busy.
 */
export function FormDialog({ title, submitLabel, submitColor = 'primary', busy, error, onClose, onSubmit, children }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form noValidate onSubmit={handleSubmit}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={1} sx={{ pt: 0.5 }}>
            <ErrorAlert error={error} />
            {children}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" color={submitColor} disabled={busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

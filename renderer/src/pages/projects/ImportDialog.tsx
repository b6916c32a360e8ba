import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRowErrorView } from '../../../../shared/api/methods/budget-methods';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useSubscription } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { downloadBase64 } from '../../api/use-call';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/u, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

type Outcome = { kind: 'checked' | 'saved' | 'refused'; rows: number; saved: number; errors: ImportRowErrorView[] };

/**
 * 导入预算指标: template, upload, check, import. The core checks every row and saves all of them
 * or none; its row-by-row report is shown as a table. Progress comes from `budget.import.progress`
 * under an id this dialog picks before the call, so the bar moves while the call runs.
 */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (saved: number) => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const titleId = useId();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const { data: progress } = useSubscription('budget.import.progress', importId ? { importId } : {}, importId !== null);

  const template = async () => {
    const envelope = await client.call('budget.import.template', {});
    if (envelope.ok) downloadBase64(envelope.value);
    else setError(envelope.error);
  };

  const run = async (mode: 'validate' | 'commit') => {
    if (!file || busy) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    const id = crypto.randomUUID();
    setImportId(id);
    try {
      const fileBase64 = await readAsBase64(file);
      const envelope = await client.call(mode === 'validate' ? 'budget.import.validate' : 'budget.import.commit', { fileBase64, importId: id });
      if (!envelope.ok) return setError(envelope.error);
      const r = envelope.value;
      const kind = r.errors.length > 0 ? 'refused' : mode === 'commit' ? 'saved' : 'checked';
      setOutcome({ kind, ...r });
      if (kind === 'saved') {
        // the file is in; importing it again could only collide with itself
        setFile(null);
        onImported(r.saved);
      }
    } finally {
      setBusy(false);
    }
  };

  const percent = progress && progress.total > 0 ? (progress.done * 100) / progress.total : undefined;
  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('projects.importDialog.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('projects.importDialog.intro')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
          <Button variant="outlined" startIcon={<DownloadIcon />} onClick={() => void template()}>
            {t('projects.importDialog.template')}
          </Button>
          <Button variant="outlined" component="label" htmlFor={inputId} startIcon={<UploadFileIcon />}>
            {t('projects.importDialog.choose')}
            <input
              id={inputId}
              type="file"
              hidden
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-label={t('projects.importDialog.choose')}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setOutcome(null);
                setError(null);
                // so choosing the same file again after correcting it is noticed
                e.target.value = '';
              }}
            />
          </Button>
          {file ? <Typography variant="body2">{t('projects.importDialog.chosen', { name: file.name })}</Typography> : null}
        </Box>
        {busy || (progress && importId && progress.phase !== 'done' && progress.phase !== 'failed' && progress.phase !== 'idle') ? (
          <Box sx={{ mb: 2 }} role="status">
            <LinearProgress variant={percent === undefined ? 'indeterminate' : 'determinate'} value={percent ?? 0} aria-label={t('projects.importDialog.title')} />
            <Typography variant="caption">{progress ? t(`projects.importDialog.phase.${progress.phase}`, { done: progress.done, total: progress.total }) : t('projects.importDialog.phase.reading')}</Typography>
          </Box>
        ) : null}
        <ErrorAlert error={error} />
        {outcome?.kind === 'checked' ? <Alert severity="success">{t('projects.importDialog.ok', { rows: outcome.rows })}</Alert> : null}
        {outcome?.kind === 'saved' ? <Alert severity="success">{t('projects.importDialog.saved', { saved: outcome.saved })}</Alert> : null}
        {outcome?.kind === 'refused' ? (
          <>
            <Alert severity="error" sx={{ mb: 1 }}>
              {t('projects.importDialog.failed', { rows: outcome.rows, count: outcome.errors.length })}
            </Alert>
            <TableContainer sx={{ maxHeight: 320, border: 1, borderColor: 'divider', borderRadius: 1 }}>
              <Table size="small" stickyHeader aria-label={t('projects.importDialog.failed', { rows: outcome.rows, count: outcome.errors.length })}>
                <TableHead>
                  <TableRow>
                    <TableCell align="right">{t('projects.importDialog.colRow')}</TableCell>
                    <TableCell>{t('projects.importDialog.colColumn')}</TableCell>
                    <TableCell>{t('projects.importDialog.colCode')}</TableCell>
                    <TableCell>{t('projects.importDialog.colMessage')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {outcome.errors.map((e, i) => (
                    <TableRow key={`${e.row}-${i}`}>
                      <TableCell align="right">{e.row}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{e.column || '—'}</TableCell>
                      <TableCell sx={{ fontFamily: 'monospace' }}>{e.code}</TableCell>
                      <TableCell>{e.message}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </>
        ) : null}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>
          {t('common.close')}
        </Button>
        <Button onClick={() => void run('validate')} disabled={!file || busy}>
          {t('projects.importDialog.check')}
        </Button>
        <Button variant="contained" onClick={() => void run('commit')} disabled={!file || busy}>
          {t('projects.importDialog.commit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

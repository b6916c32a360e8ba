import PublishIcon from '@mui/icons-material/Publish';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableDraftView, TableIssueView, TableVersionView } from '../../../../shared/api/methods/approval-methods';
import { APPROVAL_SUBJECT_LABELS, APPROVAL_SUBJECTS, type ApprovalSubject } from '../../../../shared/domain/approval';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { PageHeading } from '../../components/PageHeading';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../format/date-time';
import { useCall } from '../../api/use-call';
import { RulesTableEditor } from './RulesTableEditor';
import { TryItPanel } from './TryItPanel';

function draftOf(table: TableVersionView): TableDraftView {
  return { subject: table.subject, name: table.name, hitPolicy: table.hitPolicy, inputs: table.inputs, rules: table.rules };
}

/** Asks the core to check the draft while it is edited (debounced), so errors sit on their cells. */
function useIssues(draft: TableDraftView | null): { issues: TableIssueView[]; checking: boolean } {
  const client = useApi();
  const [issues, setIssues] = useState<TableIssueView[]>([]);
  const [checking, setChecking] = useState(false);
  const key = draft ? JSON.stringify(draft) : '';
  useEffect(() => {
    if (!key) return;
    let live = true;
    setChecking(true);
    const timer = setTimeout(() => {
      void client.call('approval.tables.validate', { table: JSON.parse(key) as TableDraftView }).then((envelope) => {
        if (!live) return;
        setChecking(false);
        setIssues(envelope.ok ? envelope.value : [{ severity: 'error', message: envelope.error.message, rule: null, column: null, field: envelope.error.field ?? '' }]);
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, key]);
  return { issues, checking };
}

/** 系统管理 → 审批规则: versions, the editor with the core's check inline, try it, publish. */
export function RulesPage() {
  const { t } = useTranslation();
  const client = useApi();
  const [subject, setSubject] = useState<ApprovalSubject>('paymentRequest');
  const versions = useCall('approval.tables.list', { subject });
  const [selected, setSelected] = useState<TableVersionView | null>(null);
  const [draft, setDraft] = useState<TableDraftView | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const { issues, checking } = useIssues(draft);
  const list = versions.data;
  useEffect(() => {
    const current = list?.find((v) => v.inForce) ?? list?.[0] ?? null;
    setSelected(current);
    setDraft(current ? draftOf(current) : null);
  }, [list]);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const nextVersion = (list?.[0]?.version ?? 0) + 1;
  // publishing an unchanged copy of the selected version would only add noise to the history
  const unchanged = selected !== null && draft !== null && JSON.stringify(draftOf(selected)) === JSON.stringify(draft);
  const publish = async () => {
    if (!draft) return;
    setBusy(true);
    const envelope = await client.call('approval.tables.publish', { table: draft, activeFrom: null });
    setBusy(false);
    if (envelope.ok) {
      setPublishing(false);
      setToast(t('approval.rules.publishDone', { version: envelope.value.table.version }));
      versions.reload();
    } else setPublishError(envelope.error);
  };
  return (
    <>
      <PageHeading
        title={t('approval.rules.title')}
        actions={
          <Stack direction="row" spacing={1}>
            <TextField select size="small" label={t('approval.rules.subject')} value={subject} onChange={(e) => setSubject(e.target.value as ApprovalSubject)} sx={{ width: 140 }}>
              {APPROVAL_SUBJECTS.map((s) => (
                <MenuItem key={s} value={s}>
                  {APPROVAL_SUBJECT_LABELS[s]}
                </MenuItem>
              ))}
            </TextField>
            <Button variant="contained" startIcon={<PublishIcon />} disabled={!draft || unchanged || errors.length > 0 || checking} onClick={() => { setPublishError(null); setPublishing(true); }}>
              {t('approval.rules.publish')}
            </Button>
          </Stack>
        }
      />
      <ErrorAlert error={versions.error} />
      <Box sx={{ display: 'grid', gridTemplateColumns: '220px 1fr', gap: 2, alignItems: 'start' }}>
        <Paper variant="outlined" component="nav" aria-label={t('approval.rules.versions')}>
          <Typography variant="subtitle2" sx={{ px: 2, pt: 1 }}>
            {t('approval.rules.versions')}
          </Typography>
          <List dense>
            {(list ?? []).map((v) => (
              <ListItemButton key={v.id} selected={selected?.id === v.id} onClick={() => { setSelected(v); setDraft(draftOf(v)); }}>
                <ListItemText
                  primary={
                    <span>
                      {t('approval.rules.version', { version: v.version })} {v.inForce ? <StatusChip tone="ok" label={t('approval.rules.inForce')} /> : null}
                    </span>
                  }
                  secondary={`${t('approval.rules.activeFrom', { at: formatDateTime(v.activeFrom) })} · ${t('approval.rules.by', { name: v.createdByName })}`}
                />
              </ListItemButton>
            ))}
          </List>
        </Paper>
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          <Alert severity="info">{t('approval.rules.editorHint')}</Alert>
          {draft ? <RulesTableEditor draft={draft} issues={issues} onChange={setDraft} /> : null}
          <Box aria-live="polite" data-testid="table-check">
            {checking ? (
              <Typography variant="body2" color="text.secondary">
                {t('approval.rules.checking')}
              </Typography>
            ) : issues.length === 0 ? (
              <Alert severity="success">{t('approval.rules.clean')}</Alert>
            ) : (
              <Stack spacing={0.5}>
                {errors.length > 0 ? <Typography color="error" variant="subtitle2">{t('approval.rules.errors', { count: errors.length })}</Typography> : null}
                {errors.map((i) => (
                  <Alert key={`${i.field}-${i.message}`} severity="error">{i.message}</Alert>
                ))}
                {warnings.length > 0 ? <Typography variant="subtitle2">{t('approval.rules.warnings', { count: warnings.length })}</Typography> : null}
                {warnings.map((i) => (
                  <Alert key={`${i.field}-${i.message}`} severity="warning">{i.message}</Alert>
                ))}
              </Stack>
            )}
          </Box>
          {selected && draft ? (
            <Button sx={{ alignSelf: 'flex-start' }} onClick={() => setDraft(draftOf(selected))}>
              {t('approval.rules.reset')}
            </Button>
          ) : null}
          {draft ? <TryItPanel draft={draft} /> : null}
        </Stack>
      </Box>
      {publishing && draft ? (
        <FormDialog title={t('approval.rules.publishTitle')} submitLabel={t('approval.rules.publish')} busy={busy} error={publishError} onClose={() => setPublishing(false)} onSubmit={() => void publish()}>
          <Typography>{t('approval.rules.publishWhat', { name: draft.name, version: nextVersion, subject: APPROVAL_SUBJECT_LABELS[draft.subject] })}</Typography>
          {warnings.map((i) => (
            <Alert key={i.message} severity="warning">{i.message}</Alert>
          ))}
        </FormDialog>
      ) : null}
      <Snackbar open={toast !== null} autoHideDuration={5000} onClose={() => setToast(null)} message={toast ?? ''} />
    </>
  );
}

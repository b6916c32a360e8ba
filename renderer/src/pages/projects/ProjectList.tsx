import AddIcon from '@mui/icons-material/Add';
import AssessmentIcon from '@mui/icons-material/Assessment';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectView } from '../../../../shared/api/methods/project-methods';
import { DEFAULT_WARN_RATIO } from '../../../../shared/budget/threshold';
import { FUND_SOURCE_LABELS, FUND_SOURCES, type FundSource } from '../../../../shared/domain/fund-source';
import { PROJECT_STATUS_LABELS, PROJECT_STATUSES, PROJECT_TYPE_LABELS, PROJECT_TYPES, type ProjectStatus, type ProjectType } from '../../../../shared/domain/project';
import { formatFen } from '../../../../shared/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { StatusChip } from '../../components/StatusChip';
import { hashFor } from '../../router/hash-route';
import { useSession } from '../../session/SessionProvider';
import { ImportDialog } from './ImportDialog';
import { ProjectDialog } from './ProjectDialog';
import { UsageBar } from './UsageBar';
import { useCall } from '../../api/use-call';
import { useLiveCall } from './use-call';

const STATUS_TONE = { preparing: 'neutral', active: 'busy', completed: 'ok', closed: 'neutral' } as const;

function SelectFilter<T extends string>(props: { label: string; value: T | ''; options: readonly T[]; labels: Record<T, string>; onChange: (v: T | '') => void; all: string }) {
  return (
    <TextField select fullWidth={false} size="small" label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as T | '')} sx={{ minWidth: 140 }}>
      <MenuItem value="">{props.all}</MenuItem>
      {props.options.map((o) => (
        <MenuItem key={o} value={o}>
          {props.labels[o]}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** 项目列表 with filters; each row shows the project's budget use over all its lines. */
export function ProjectList() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [search, setSearch] = useState('');
  const [type, setType] = useState<ProjectType | ''>('');
  const [status, setStatus] = useState<ProjectStatus | ''>('');
  const [fundSource, setFundSource] = useState<FundSource | ''>('');
  const [warningOnly, setWarningOnly] = useState(false);
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const params = {
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(type ? { type } : {}),
    ...(status ? { status } : {}),
    ...(fundSource ? { fundSource } : {}),
    ...(warningOnly ? { warningOnly } : {}),
  };
  const { data: projects, error, reload } = useLiveCall('projects.list', params);
  const { data: settings } = useCall('budget.settings.get', {});
  const canCreate = user.roles.includes('projectLead') || user.roles.includes('finance');
  const isFinance = user.roles.includes('finance');

  const actions = (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
      <Button variant="outlined" startIcon={<AssessmentIcon />} href={hashFor('/projects', { view: 'report' })}>
        {t('projects.report')}
      </Button>
      {isFinance ? (
        <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setDialog('import')}>
          {t('projects.import')}
        </Button>
      ) : null}
      {canCreate ? (
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog('create')}>
          {t('projects.create')}
        </Button>
      ) : null}
    </Box>
  );

  return (
    <>
      <PageHeading title={t('projects.title')} subtitle={projects ? t('projects.count', { count: projects.length }) : undefined} actions={actions} />
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
        <TextField fullWidth={false} size="small" label={t('projects.search')} value={search} onChange={(e) => setSearch(e.target.value)} sx={{ minWidth: 220 }} />
        <SelectFilter label={t('projects.filterType')} value={type} options={PROJECT_TYPES} labels={PROJECT_TYPE_LABELS} onChange={setType} all={t('projects.all')} />
        <SelectFilter label={t('projects.filterStatus')} value={status} options={PROJECT_STATUSES} labels={PROJECT_STATUS_LABELS} onChange={setStatus} all={t('projects.all')} />
        <SelectFilter label={t('projects.filterFund')} value={fundSource} options={FUND_SOURCES} labels={FUND_SOURCE_LABELS} onChange={setFundSource} all={t('projects.all')} />
        <FormControlLabel control={<Switch checked={warningOnly} onChange={(e) => setWarningOnly(e.target.checked)} />} label={t('projects.warningOnly')} />
      </Box>
      <ErrorAlert error={error} />
      {projects ? <ProjectTable projects={projects} warnRatio={settings?.warnRatio ?? DEFAULT_WARN_RATIO} /> : error ? null : <LinearProgress aria-label={t('common.loading')} />}
      {dialog === 'create' ? (
        <ProjectDialog
          project={null}
          onClose={() => setDialog(null)}
          onSaved={(p) => {
            setDialog(null);
            setToast(t('projects.projectDialog.created', { code: p.code }));
            reload();
          }}
        />
      ) : null}
      {dialog === 'import' ? (
        <ImportDialog
          onClose={() => setDialog(null)}
          onImported={(saved) => {
            setToast(t('projects.importDialog.saved', { saved }));
            reload();
          }}
        />
      ) : null}
      <Snackbar open={toast !== null} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }} />
    </>
  );
}

function ProjectTable({ projects, warnRatio }: { projects: readonly ProjectView[]; warnRatio: number }) {
  const { t } = useTranslation();
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 260px)' }}>
      <Table stickyHeader size="small" aria-label={t('projects.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('projects.col.code')}</TableCell>
            <TableCell>{t('projects.col.name')}</TableCell>
            <TableCell>{t('projects.col.type')}</TableCell>
            <TableCell>{t('projects.col.lead')}</TableCell>
            <TableCell>{t('projects.col.status')}</TableCell>
            <TableCell align="right">{t('projects.col.amount')}</TableCell>
            <TableCell>{t('projects.col.usage')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {projects.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7} align="center">
                {t('projects.empty')}
              </TableCell>
            </TableRow>
          ) : null}
          {projects.map((p) => (
            <TableRow key={p.id} hover>
              <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{p.code}</TableCell>
              <TableCell>
                <Link href={hashFor('/projects', { id: p.id })}>{p.name}</Link>
                {p.warningLines > 0 ? (
                  <Box component="span" sx={{ ml: 1 }}>
                    <StatusChip tone="warn" label={t('projects.usage.warningLines', { count: p.warningLines })} />
                  </Box>
                ) : null}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{PROJECT_TYPE_LABELS[p.type]}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{p.leadName}</TableCell>
              <TableCell>
                <StatusChip tone={STATUS_TONE[p.status]} label={PROJECT_STATUS_LABELS[p.status]} />
              </TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {formatFen(p.totals.amount)}
              </TableCell>
              <TableCell>{p.totals.amount > 0 ? <UsageBar compact position={{ ...p.totals, warnRatio }} /> : t('common.empty')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

import AddIcon from '@mui/icons-material/Add';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import EditIcon from '@mui/icons-material/Edit';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BudgetLineView } from '../../../../shared/api/methods/budget-methods';
import { FUND_SOURCE_LABELS } from '../../../../shared/domain/fund-source';
import { PROJECT_STATUS_LABELS, PROJECT_TYPE_LABELS } from '../../../../shared/domain/project';
import { formatFen } from '../../../../shared/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FactCard } from '../../components/FactList';
import { PageHeading } from '../../components/PageHeading';
import { hashFor } from '../../router/hash-route';
import { useSession } from '../../session/SessionProvider';
import { BudgetLineDialog } from './BudgetLineDialog';
import { ProjectDialog } from './ProjectDialog';
import { UsageBar } from './UsageBar';
import { useLiveCall } from './use-call';

/** The action column stays in view when a narrow window scrolls the wide table sideways. */
const STICKY_RIGHT = { position: 'sticky', right: 0, bgcolor: 'background.paper', whiteSpace: 'nowrap' } as const;

const NUM = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** One project: its facts and every budget line with reserved / paid / available and the bar. */
export function ProjectDetail({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { data, error, reload } = useLiveCall('projects.get', { projectId });
  const [dialog, setDialog] = useState<{ kind: 'project' } | { kind: 'line'; line: BudgetLineView | null } | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const isFinance = user.roles.includes('finance');
  const canEditProject = isFinance || (user.roles.includes('projectLead') && data?.project.leadUserId === user.id);

  if (!data) {
    return (
      <>
        <Button startIcon={<ArrowBackIcon />} href={hashFor('/projects')}>
          {t('projects.detail.back')}
        </Button>
        <ErrorAlert error={error} />
        {error ? null : <LinearProgress aria-label={t('common.loading')} />}
      </>
    );
  }
  const { project, lines } = data;
  const saved = (message: string) => {
    setDialog(null);
    setToast(message);
    reload();
  };

  return (
    <>
      <Button startIcon={<ArrowBackIcon />} href={hashFor('/projects')} sx={{ mb: 1 }}>
        {t('projects.detail.back')}
      </Button>
      <PageHeading
        title={`${project.code} ${project.name}`}
        actions={
          canEditProject ? (
            <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setDialog({ kind: 'project' })}>
              {t('projects.detail.edit')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={error} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'minmax(300px, 1fr) minmax(300px, 1fr)', mb: 2 }}>
        <FactCard
          title={t('projects.detail.facts')}
          facts={[
            { label: t('projects.col.type'), value: PROJECT_TYPE_LABELS[project.type] },
            { label: t('projects.col.status'), value: PROJECT_STATUS_LABELS[project.status] },
            { label: t('projects.detail.owner'), value: project.ownerUnitName },
            { label: t('projects.col.lead'), value: project.leadName },
            { label: t('projects.detail.fundSources'), value: project.fundSources.map((f) => FUND_SOURCE_LABELS[f]).join('、') },
          ]}
        />
        <FactCard
          title={t('projects.detail.totals')}
          facts={[
            { label: t('projects.col.amount'), value: formatFen(project.totals.amount) },
            { label: t('projects.col.reserved'), value: formatFen(project.totals.reserved) },
            { label: t('projects.col.paid'), value: formatFen(project.totals.paid) },
            { label: t('projects.col.available'), value: formatFen(project.totals.available) },
          ]}
        />
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          {t('projects.detail.lines')}
        </Typography>
        {isFinance ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'line', line: null })}>
            {t('projects.detail.addLine')}
          </Button>
        ) : null}
      </Box>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" stickyHeader aria-label={t('projects.detail.lines')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('projects.col.year')}</TableCell>
              <TableCell>{t('projects.col.subject')}</TableCell>
              <TableCell>{t('projects.col.fund')}</TableCell>
              <TableCell align="right">{t('projects.col.amount')}</TableCell>
              <TableCell align="right">{t('projects.col.reserved')}</TableCell>
              <TableCell align="right">{t('projects.col.paid')}</TableCell>
              <TableCell align="right">{t('projects.col.available')}</TableCell>
              <TableCell align="right">{t('projects.col.heldHere')}</TableCell>
              <TableCell>{t('projects.col.usage')}</TableCell>
              {isFinance ? <TableCell sx={{ ...STICKY_RIGHT, zIndex: 3 }}>{t('projects.col.actions')}</TableCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {lines.length === 0 ? (
              <TableRow>
                <TableCell colSpan={10} align="center">
                  {t('projects.detail.noLines')}
                </TableCell>
              </TableRow>
            ) : null}
            {lines.map((l) => (
              <TableRow key={l.id} hover>
                <TableCell>{l.year}</TableCell>
                <TableCell>
                  <Tooltip title={l.subjectName || l.subjectCode}>
                    <span style={{ fontFamily: 'monospace' }}>{l.subjectCode}</span>
                  </Tooltip>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{FUND_SOURCE_LABELS[l.fundSource]}</TableCell>
                <TableCell align="right" sx={NUM}>{formatFen(l.amount)}</TableCell>
                <TableCell align="right" sx={NUM}>{formatFen(l.position.reserved)}</TableCell>
                <TableCell align="right" sx={NUM}>{formatFen(l.position.paid)}</TableCell>
                <TableCell align="right" sx={NUM}>{formatFen(l.position.available)}</TableCell>
                <TableCell align="right" sx={NUM}>{formatFen(l.position.heldHere)}</TableCell>
                <TableCell>
                  <UsageBar position={l.position} compact />
                </TableCell>
                {isFinance ? (
                  <TableCell sx={STICKY_RIGHT}>
                    <Button size="small" onClick={() => setDialog({ kind: 'line', line: l })}>
                      {t('projects.detail.editLine')}
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {dialog?.kind === 'project' ? <ProjectDialog project={project} onClose={() => setDialog(null)} onSaved={(p) => saved(t('projects.projectDialog.saved', { code: p.code }))} /> : null}
      {dialog?.kind === 'line' ? (
        <BudgetLineDialog projectId={project.id} fundSources={project.fundSources} line={dialog.line} onClose={() => setDialog(null)} onSaved={() => saved(t('projects.lineDialog.saved'))} />
      ) : null}
      <Snackbar open={toast !== null} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }} />
    </>
  );
}

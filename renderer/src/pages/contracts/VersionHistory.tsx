import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeView, VersionView } from '../../../../shared/contracts/contract-api-schemas';
import { APPROVAL_DECISION_LABELS } from '../../../../shared/domain/approval';
import { CONTRACT_CHANGE_KIND_LABELS, CONTRACT_CHANGE_STATUS_LABELS } from '../../../../shared/domain/contract';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../format/date-time';

const CHANGE_TONE = { draft: 'warn', submitted: 'busy', approved: 'ok', rejected: 'bad', withdrawn: 'neutral' } as const;

function Changes({ changes }: { changes: VersionView['changes'] }) {
  if (changes.length === 0) return null;
  return (
    <Table size="small" sx={{ mt: 1 }}>
      <TableBody>
        {changes.map((c) => (
          <TableRow key={c.field}>
            <TableCell sx={{ width: 140, color: 'text.secondary' }}>{c.label}</TableCell>
            <TableCell sx={{ textDecoration: 'line-through', color: 'text.secondary' }}>{c.before}</TableCell>
            <TableCell>{c.after}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Signers({ signers }: { signers: VersionView['signers'] }) {
  const { t } = useTranslation();
  if (signers.length === 0) return <Typography variant="caption" color="text.secondary">{t('contracts.versions.noSigners')}</Typography>;
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
      <Typography variant="caption" color="text.secondary">
        {t('contracts.versions.signers')}
      </Typography>
      {signers.map((s) => (
        <Chip
          key={s.decisionId}
          size="small"
          variant="outlined"
          label={`${ROLE_LABELS[s.stepRole]} ${s.userName} · ${APPROVAL_DECISION_LABELS[s.decision]} · ${formatDateTime(s.signedAt)}`}
          title={s.comment}
        />
      ))}
    </Box>
  );
}

function Entry({ title, aside, children }: { title: ReactNode; aside?: ReactNode; children: ReactNode }) {
  return (
    <Box component="li" sx={{ borderLeft: 3, borderColor: 'primary.main', pl: 2, py: 1, listStyle: 'none' }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle2" component="h3">
          {title}
        </Typography>
        {aside}
      </Box>
      {children}
    </Box>
  );
}

/**
 * 版本与变更历史: each version of the contract (as signed, then each approved change) with what
 * changed and who signed the decision; changes still in approval, returned or rejected below.
 */
export function VersionHistory({ versions, changes }: { versions: readonly VersionView[]; changes: readonly ChangeView[] }) {
  const { t } = useTranslation();
  const open = changes.filter((c) => c.status !== 'approved');
  return (
    <Paper variant="outlined" component="section" sx={{ p: 2 }} aria-label={t('contracts.versions.title')}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {t('contracts.versions.title')}
      </Typography>
      {versions.length === 0 ? <Typography color="text.secondary">{t('contracts.versions.none')}</Typography> : null}
      <Box component="ol" sx={{ m: 0, p: 0, display: 'grid', gap: 1 }}>
        {[...versions].reverse().map((v) => (
          <Entry key={v.version} title={`${t('contracts.versions.v', { version: v.version })} · ${v.origin === 'signed' ? t('contracts.versions.signed') : t('contracts.versions.change')} · ${v.at ?? ''}`} aside={v.recordedByName ? <Typography variant="caption" color="text.secondary">{t('contracts.versions.recordedBy', { name: v.recordedByName })}</Typography> : null}>
            {v.reason ? <Typography variant="body2">{t('contracts.versions.reason', { reason: v.reason })}</Typography> : null}
            <Changes changes={v.changes} />
            {v.origin === 'change' ? <Signers signers={v.signers} /> : null}
          </Entry>
        ))}
      </Box>
      {open.length > 0 ? (
        <>
          <Typography variant="subtitle2" sx={{ mt: 2 }}>
            {t('contracts.versions.pending')}
          </Typography>
          <Box component="ol" sx={{ m: 0, p: 0, display: 'grid', gap: 1 }}>
            {open.map((c) => (
              <Entry key={c.id} title={`${CONTRACT_CHANGE_KIND_LABELS[c.kind]} · ${formatDateTime(c.createdAt)} · ${c.createdByName}`} aside={<StatusChip tone={CHANGE_TONE[c.status]} label={CONTRACT_CHANGE_STATUS_LABELS[c.status]} />}>
                <Typography variant="body2">{t('contracts.versions.reason', { reason: c.reason })}</Typography>
                <Changes changes={c.changes} />
                {c.steps.length > 0 ? (
                  <Typography variant="caption" color="text.secondary">
                    {c.steps.map((s, i) => `${i < (c.currentStep ?? 0) ? '✓' : i === c.currentStep ? '▶' : '·'} ${s.label}`).join('  ')}
                  </Typography>
                ) : null}
                <Signers signers={c.decisions} />
              </Entry>
            ))}
          </Box>
        </>
      ) : null}
    </Paper>
  );
}

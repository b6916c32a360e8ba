import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import type { AuditEventView } from '../../../../shared/api/methods/audit-methods';
import { formatDateTime, shortHash } from '../../format/date-time';
import { actionLabel } from './action-label';

/**
 * UUIDv7 ids begin with their creation time, so ids made the same day share their first
 * characters; the random tail is what tells two entities apart at a glance.
 */
function idTail(id: string): string {
  return id.slice(-8);
}

const MONO = { fontFamily: 'monospace', fontSize: '0.8125rem' } as const;

/**
 * One page of the audit chain; hashes are shortened, the full value is in the tooltip. Actions are
 * shown in words, the code itself in the cell's title.
 */
export function AuditTable({ events }: { events: readonly AuditEventView[] }) {
  const { t } = useTranslation();
  const actions = t('audit.actions', { returnObjects: true });
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 230px)' }}>
      <Table stickyHeader aria-label={t('audit.title')}>
        <TableHead>
          <TableRow>
            <TableCell align="right">{t('audit.col.seq')}</TableCell>
            <TableCell>{t('audit.col.time')}</TableCell>
            <TableCell>{t('audit.col.actor')}</TableCell>
            <TableCell>{t('audit.col.action')}</TableCell>
            <TableCell>{t('audit.col.entity')}</TableCell>
            <TableCell>{t('audit.col.summary')}</TableCell>
            <TableCell>{t('audit.col.hash')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {events.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7} align="center">
                {t('audit.empty')}
              </TableCell>
            </TableRow>
          ) : null}
          {events.map((event) => (
            <TableRow key={event.id} hover>
              <TableCell align="right" sx={MONO}>
                {event.seq}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.time)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{event.actorName ?? event.actorId ?? t('audit.systemActor')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }} title={event.action}>
                {actionLabel(actions, event.action)}
              </TableCell>
              <TableCell sx={{ ...MONO, whiteSpace: 'nowrap' }} title={event.entityId ?? undefined}>
                {event.entityId ? `${event.entity} …${idTail(event.entityId)}` : event.entity}
              </TableCell>
              <TableCell sx={{ minWidth: 280 }}>{event.summary}</TableCell>
              <TableCell sx={MONO}>
                <Tooltip title={t('audit.fullHash', { hash: event.hash })}>
                  <span tabIndex={0}>{shortHash(event.hash)}</span>
                </Tooltip>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

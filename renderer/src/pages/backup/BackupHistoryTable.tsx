import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { BackupHistoryEntry } from '../../../../shared/api/methods/backup-methods';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../format/date-time';
import { baseName, formatBytes } from './backup-rules';

const NUMBER = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** 备份记录, newest first: what was written where, how big, how long it took, and who. */
export function BackupHistoryTable({ entries }: { entries: readonly BackupHistoryEntry[] }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" component="section" sx={{ p: 2 }} aria-labelledby="backup-history-title">
      <Typography id="backup-history-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {t('backup.history.title')}
      </Typography>
      <TableContainer sx={{ maxHeight: 420 }}>
        <Table stickyHeader size="small" aria-labelledby="backup-history-title">
          <TableHead>
            <TableRow>
              <TableCell>{t('backup.history.col.time')}</TableCell>
              <TableCell>{t('backup.history.col.kind')}</TableCell>
              <TableCell>{t('backup.history.col.result')}</TableCell>
              <TableCell>{t('backup.history.col.file')}</TableCell>
              <TableCell align="right">{t('backup.history.col.size')}</TableCell>
              <TableCell align="right">{t('backup.history.col.documents')}</TableCell>
              <TableCell align="right">{t('backup.history.col.duration')}</TableCell>
              <TableCell>{t('backup.history.col.by')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.length === 0 ? (
              <TableRow>
                <TableCell colSpan={8} align="center">
                  {t('backup.history.empty')}
                </TableCell>
              </TableRow>
            ) : null}
            {entries.map((entry) => (
              <TableRow key={entry.id} hover>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.startedAt)}</TableCell>
                <TableCell>
                  <StatusChip tone="neutral" label={t(`backup.kind.${entry.kind}`)} />
                </TableCell>
                <TableCell>
                  <StatusChip tone={entry.result === 'ok' ? 'ok' : 'bad'} label={t(`backup.result.${entry.result}`)} />
                </TableCell>
                <TableCell sx={{ minWidth: 260 }}>
                  {entry.file ? (
                    <span title={entry.file} style={{ fontFamily: 'monospace', fontSize: '0.8125rem' }}>
                      {baseName(entry.file)}
                    </span>
                  ) : (
                    <Typography variant="body2" color="error">
                      {entry.error?.message ?? t('common.empty')}
                    </Typography>
                  )}
                  {entry.pruned.length > 0 ? (
                    <Typography variant="caption" color="text.secondary" component="div" title={entry.pruned.join('\n')}>
                      {t('backup.history.pruned', { count: entry.pruned.length })}
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell align="right" sx={NUMBER}>
                  {entry.bytes === null ? t('common.empty') : formatBytes(entry.bytes)}
                </TableCell>
                <TableCell align="right" sx={NUMBER}>
                  {entry.totalDocuments === null ? t('common.empty') : entry.totalDocuments.toLocaleString('zh-CN')}
                </TableCell>
                <TableCell align="right" sx={NUMBER}>
                  {t('backup.history.seconds', { seconds: (entry.durationMs / 1000).toFixed(1) })}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{entry.actorName ?? t('backup.history.system')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

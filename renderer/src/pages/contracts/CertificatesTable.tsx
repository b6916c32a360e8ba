import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateView } from '../../../../shared/contracts/contract-api-schemas';
import { CERTIFICATE_STATUS_LABELS } from '../../../../shared/domain/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { formatFen } from '../../../../shared/money';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusChip } from '../../components/StatusChip';
import { CertificateDialog } from './CertificateDialog';

const TONE = { draft: 'warn', confirmed: 'ok', revoked: 'neutral' } as const;

/** 计量/进度确认 of the contract, oldest first; drafts can be confirmed in order (R4 caps use confirmed ones). */
export function CertificatesTable({ contractId, certificates, canConfirm, canRecord, onChanged }: { contractId: string; certificates: readonly CertificateView[]; canConfirm: boolean; canRecord: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [recording, setRecording] = useState(false);
  const confirm = async (id: string) => {
    const envelope = await client.call('contracts.confirmCertificate', { certificateId: id });
    if (envelope.ok) {
      setError(null);
      onChanged();
    } else setError(envelope.error);
  };
  const money = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;
  return (
    <Paper variant="outlined" component="section" sx={{ p: 2 }} aria-label={t('contracts.certificates.title')}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, flexGrow: 1 }}>
          {t('contracts.certificates.title')}
        </Typography>
        {canRecord ? (
          <Button size="small" variant="outlined" onClick={() => setRecording(true)}>
            {t('contracts.certificates.record')}
          </Button>
        ) : null}
      </Box>
      <ErrorAlert error={error} />
      {certificates.length === 0 ? (
        <Typography color="text.secondary">{t('contracts.certificates.none')}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('contracts.certificates.period')}</TableCell>
              <TableCell align="right">{t('contracts.certificates.value')}</TableCell>
              <TableCell align="right">{t('contracts.certificates.cumulative')}</TableCell>
              <TableCell>{t('contracts.certificates.certifiedAt')}</TableCell>
              <TableCell>{t('contracts.certificates.certifiedBy')}</TableCell>
              <TableCell>{t('contracts.certificates.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {certificates.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{c.period}</TableCell>
                <TableCell align="right" sx={money}>
                  {formatFen(c.certifiedValue)}
                </TableCell>
                <TableCell align="right" sx={money}>
                  {formatFen(c.cumulativeCertified)}
                </TableCell>
                <TableCell>{c.certifiedAt}</TableCell>
                <TableCell>{c.certifiedByName}</TableCell>
                <TableCell>
                  <StatusChip tone={TONE[c.status]} label={CERTIFICATE_STATUS_LABELS[c.status]} />
                  {canConfirm && c.status === 'draft' ? (
                    <Button size="small" onClick={() => void confirm(c.id)}>
                      {t('contracts.certificates.confirm')}
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {recording ? <CertificateDialog contractId={contractId} onClose={() => setRecording(false)} onSaved={() => { setRecording(false); onChanged(); }} /> : null}
    </Paper>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodResult } from '../../../../shared/api/contract';
import type { ContractDetail } from '../../../../shared/contracts/contract-api-schemas';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { AttachmentDropZone } from '../../components/AttachmentDropZone';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FactCard } from '../../components/FactList';
import { formatDateTime, shortHash } from '../../format/date-time';

type Check = MethodResult<'contracts.verifyDocument'>;

/**
 * 合同正本: the e-signed PDF/OFD, its SM3 and the office's SM2 countersignature. Verifying reads
 * the stored file again and checks both, so a swapped or altered file shows here.
 */
export function DocumentPanel({ detail, canArchive, onChanged }: { detail: ContractDetail; canArchive: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [check, setCheck] = useState<Check | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const doc = detail.document;

  const verify = async () => {
    const envelope = await client.call('contracts.verifyDocument', { contractId: detail.contract.id });
    if (envelope.ok) setCheck(envelope.value);
    else setError(envelope.error);
  };
  const archive = async (attachmentId: string) => {
    const envelope = await client.call('contracts.archiveDocument', { contractId: detail.contract.id, attachmentId });
    if (envelope.ok) onChanged();
    else setError(envelope.error);
  };

  if (!doc) {
    return (
      <Paper variant="outlined" component="section" sx={{ p: 2 }} aria-label={t('contracts.document.title')}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
          {t('contracts.document.title')}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 1 }}>
          {t('contracts.document.none')}
        </Typography>
        {detail.contract.documentHash ? (
          <Typography variant="body2" sx={{ mb: 1, wordBreak: 'break-all' }}>
            {t('contracts.document.hashOnly', { sm3: detail.contract.documentHash })}
          </Typography>
        ) : null}
        <ErrorAlert error={error} />
        {canArchive && detail.contract.status !== 'draft' ? (
          <AttachmentDropZone purpose="signedContract" label={t('contracts.document.archive')} required={false} files={[]} onUploaded={(f) => void archive(f.id)} onRemove={() => undefined} />
        ) : null}
      </Paper>
    );
  }
  const failed = check ? [!check.hashMatches ? t('contracts.document.hashBad') : null, !check.signatureValid ? t('contracts.document.signatureBad') : null].filter(Boolean).join('；') : '';
  return (
    <FactCard
      title={t('contracts.document.title')}
      facts={[
        { label: t('contracts.document.file'), value: doc.fileName },
        { label: t('contracts.document.sm3'), value: <span style={{ fontFamily: 'monospace' }} title={doc.sm3}>{doc.sm3}</span> },
        { label: t('contracts.document.signer'), value: <span style={{ fontFamily: 'monospace' }} title={doc.signerPublicKey}>{shortHash(doc.signerPublicKey, 24)}</span> },
        { label: t('contracts.document.archivedAt'), value: formatDateTime(doc.archivedAt) },
        { label: t('contracts.document.archivedBy'), value: doc.archivedByName },
      ]}
    >
      <Box sx={{ mt: 1.5, display: 'grid', gap: 1 }}>
        <ErrorAlert error={error} />
        {check ? (
          <Alert severity={failed ? 'error' : 'success'} role="status">
            {failed ? t('contracts.document.bad', { what: failed }) : t('contracts.document.ok')}
            {check.signerIsThisDevice ? null : ` ${t('contracts.document.otherDevice')}`}
          </Alert>
        ) : null}
        <Box>
          <Button variant="outlined" size="small" onClick={() => void verify()}>
            {t('contracts.document.verify')}
          </Button>
        </Box>
      </Box>
    </FactCard>
  );
}

import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentView } from '../../../../shared/api/methods/attachment-methods';
import type { ErrorBody } from '../../../../shared/errors';
import { parseYuan, toChineseCapitals } from '../../../../shared/money';
import { useApi } from '../../api/api-context';
import { AttachmentDropZone } from '../../components/AttachmentDropZone';
import { FormDialog } from '../../components/FormDialog';

/**
 * 登记计量/进度确认: the period, the value the supervisor certified, who certified it and the
 * scanned certificate. The core computes the cumulative value and refuses one past the contract.
 */
export function CertificateDialog({ contractId, onClose, onSaved }: { contractId: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [period, setPeriod] = useState('');
  const [value, setValue] = useState('');
  const [certifiedAt, setCertifiedAt] = useState('');
  const [by, setBy] = useState('');
  const [files, setFiles] = useState<AttachmentView[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const amount = parseYuan(value, { label: t('contracts.certificates.value') });
  const at = (field: string) => (error?.field === field ? error.message : undefined);

  const submit = async () => {
    if (!amount.ok) return setError({ code: 'INVALID_AMOUNT', message: amount.message, field: 'certifiedValue' });
    setBusy(true);
    const envelope = await client.call('contracts.recordCertificate', { contractId, period, certifiedValue: amount.value, certifiedAt, certifiedByName: by, attachmentIds: files.map((f) => f.id) });
    setBusy(false);
    if (envelope.ok) onSaved();
    else setError(envelope.error);
  };

  return (
    <FormDialog title={t('contracts.certificates.record')} submitLabel={t('common.save')} busy={busy} error={error} onClose={onClose} onSubmit={() => void submit()}>
      <TextField label={t('contracts.certificates.period')} placeholder="2026-11" value={period} onChange={(e) => setPeriod(e.target.value)} error={at('period') !== undefined} helperText={at('period') ?? ' '} />
      <TextField
        label={t('contracts.certificates.valueYuan')}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={at('certifiedValue') !== undefined}
        helperText={at('certifiedValue') ?? (amount.ok ? toChineseCapitals(amount.value) : ' ')}
      />
      <TextField type="date" label={t('contracts.certificates.certifiedAt')} value={certifiedAt} onChange={(e) => setCertifiedAt(e.target.value)} error={at('certifiedAt') !== undefined} helperText={at('certifiedAt') ?? ' '} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField label={t('contracts.certificates.certifiedBy')} value={by} onChange={(e) => setBy(e.target.value)} error={at('certifiedByName') !== undefined} helperText={at('certifiedByName') ?? ' '} />
      <AttachmentDropZone
        purpose="progressCertificate"
        label={t('contracts.certificates.scan')}
        required
        files={files}
        onUploaded={(f) => setFiles((list) => [...list, f])}
        onRemove={(id) => setFiles((list) => list.filter((f) => f.id !== id))}
      />
    </FormDialog>
  );
}

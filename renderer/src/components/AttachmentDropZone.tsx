import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/api-client';
import { useApi } from '../api/api-context';
import type { AttachmentView } from '../../../shared/api/methods/attachment-methods';
// The streaming SM3 of shared/crypto (pure TypeScript): the renderer hashes what it uploads.
import { bytesToHex } from '../../../shared/crypto/bytes';
import { Sm3Hasher } from '../../../shared/crypto/sm3-fast';
import type { ErrorBody } from '../../../shared/errors';
import { ALLOWED_EXTENSIONS, checkAttachment, checkNameAndSize, sniffHead, SNIFF_HEAD_BYTES } from '../../../shared/payments/attachment-types';
import type { AttachmentPurpose } from '../../../shared/payments/evidence';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The same first checks the core makes (size, extension, magic bytes), so a wrong file is
 * refused with the core's words before a byte is sent. The core checks everything again.
 */
export async function precheckFile(file: File): Promise<ErrorBody | null> {
  const early = checkNameAndSize(file.name, file.size);
  if (early && !early.ok) return { code: early.code, message: early.message, field: 'file' };
  const head = new Uint8Array(await file.slice(0, SNIFF_HEAD_BYTES).arrayBuffer());
  const check = checkAttachment(file.name, file.size, sniffHead(head));
  return check.ok ? null : { code: check.code, message: check.message, field: 'file' };
}

/**
 * Uploads one file in pieces (attachments.beginUpload → uploadChunk… → finishUpload): a 50 MB
 * file must not travel as one message. The SM3 is computed while reading, and the core refuses
 * the file if what it received hashes differently.
 */
export async function uploadFile(
  client: ApiClient,
  file: File,
  purpose: AttachmentPurpose,
  onProgress: (sent: number) => void,
): Promise<{ ok: true; value: AttachmentView } | { ok: false; error: ErrorBody }> {
  const refused = await precheckFile(file);
  if (refused) return { ok: false, error: refused };
  const begun = await client.call('attachments.beginUpload', { fileName: file.name, mediaType: file.type, size: file.size, purpose });
  if (!begun.ok) return begun;
  const { uploadId, chunkBytes } = begun.value;
  const hasher = new Sm3Hasher();
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const part = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
    hasher.update(part);
    const sent = await client.call('attachments.uploadChunk', { uploadId, offset, data: toBase64(part) });
    if (!sent.ok) {
      void client.call('attachments.cancelUpload', { uploadId });
      return sent;
    }
    onProgress(offset + part.length);
  }
  return client.call('attachments.finishUpload', { uploadId, sm3: bytesToHex(hasher.digest()) });
}

interface Pending {
  key: string;
  name: string;
  size: number;
  sent: number;
  error: ErrorBody | null;
}

/** 1.2 MB / 35 KB, never 0 KB for a small file. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

interface Props {
  purpose: AttachmentPurpose;
  label: string;
  required: boolean;
  files: readonly AttachmentView[];
  onUploaded: (file: AttachmentView) => void;
  onRemove: (id: string) => void;
  disabled?: boolean;
}

/**
 * 附件投放区: drag files here or pick them; each file shows its own progress bar, and a refused
 * file shows the reason (type, size, SM3) under its name. Uploaded files are listed with their
 * size and can be taken off the request again (the stored file stays: it is evidence by hash).
 */
export function AttachmentDropZone({ purpose, label, required, files, onUploaded, onRemove, disabled = false }: Props) {
  const { t } = useTranslation();
  const client = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [pending, setPending] = useState<Pending[]>([]);

  const update = (key: string, change: Partial<Pending>) => setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const accept = (list: FileList | null) => {
    if (!list) return;
    for (const file of Array.from(list)) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setPending((all) => [...all, { key, name: file.name, size: file.size, sent: 0, error: null }]);
      void uploadFile(client, file, purpose, (sent) => update(key, { sent })).then((result) => {
        if (result.ok) {
          setPending((all) => all.filter((p) => p.key !== key));
          onUploaded(result.value);
        } else update(key, { error: result.error });
      });
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) accept(event.dataTransfer.files);
  };

  const missing = required && files.length === 0;
  return (
    <Box
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-purpose={purpose}
      sx={{
        border: 2,
        borderStyle: 'dashed',
        borderColor: over ? 'primary.main' : missing ? 'warning.main' : 'divider',
        borderRadius: 1,
        p: 1.5,
        bgcolor: over ? 'action.hover' : 'background.paper',
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <CloudUploadIcon color={over ? 'primary' : 'action'} />
        <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>
          {label}
          {required ? <Typography component="span" color={missing ? 'warning.main' : 'text.secondary'}>{` ${t('payments.attachments.required')}`}</Typography> : ` ${t('payments.attachments.optional')}`}
        </Typography>
        <Button size="small" variant="outlined" onClick={() => input.current?.click()} disabled={disabled}>
          {t('payments.attachments.pick')}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={ALLOWED_EXTENSIONS.join(',')}
          aria-label={`${label} ${t('payments.attachments.pick')}`}
          onChange={(e) => {
            accept(e.target.files);
            e.target.value = '';
          }}
        />
      </Box>
      <Typography variant="caption" color="text.secondary">
        {t('payments.attachments.hint')}
      </Typography>
      <Stack spacing={0.5} sx={{ mt: files.length + pending.length > 0 ? 1 : 0 }}>
        {files.map((f) => (
          <Box key={f.id} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Typography variant="body2" sx={{ flexGrow: 1, wordBreak: 'break-all' }}>
              {f.name}
              <Typography component="span" variant="caption" color="text.secondary">{`  ${sizeText(f.size)} · SM3 ${f.sm3.slice(0, 8)}…`}</Typography>
            </Typography>
            <IconButton size="small" aria-label={t('payments.attachments.remove', { name: f.name })} onClick={() => onRemove(f.id)} disabled={disabled}>
              <DeleteOutlineIcon fontSize="small" />
            </IconButton>
          </Box>
        ))}
        {pending.map((p) => (
          <Box key={p.key}>
            <Typography variant="body2">{p.name}</Typography>
            {p.error ? (
              <Alert severity="error" role="alert" onClose={() => setPending((all) => all.filter((x) => x.key !== p.key))}>
                {p.error.message}
              </Alert>
            ) : (
              <LinearProgress variant="determinate" value={p.size > 0 ? (p.sent / p.size) * 100 : 0} aria-label={t('payments.attachments.progress', { name: p.name })} />
            )}
          </Box>
        ))}
      </Stack>
    </Box>
  );
}

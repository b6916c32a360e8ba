import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import type { AttachmentView } from '../../../../shared/api/methods/attachment-methods';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Reads a stored file piece by piece (attachments.readChunk) into a Blob of its type. */
async function readAttachment(client: ApiClient, file: AttachmentView, onProgress: (read: number) => void): Promise<Blob | ErrorBody> {
  const parts: BlobPart[] = [];
  let offset = 0;
  for (;;) {
    const envelope = await client.call('attachments.readChunk', { id: file.id, offset });
    if (!envelope.ok) return envelope.error;
    const bytes = Uint8Array.from(atob(envelope.value.data), (c) => c.charCodeAt(0));
    parts.push(bytes);
    offset += bytes.length;
    onProgress(offset);
    if (envelope.value.done || bytes.length === 0) break;
  }
  return new Blob(parts, { type: file.mimeType });
}

/**
 * 附件预览: images inline, PDFs in an embedded viewer through an object URL (the renderer never
 * touches the file system; the bytes come over the API). Other types (OFD, XLSX) download.
 */
export function AttachmentPreview({ file }: { file: AttachmentView }) {
  const { t } = useTranslation();
  const client = useApi();
  const [url, setUrl] = useState<string | null>(null);
  const [read, setRead] = useState(0);
  const [error, setError] = useState<ErrorBody | null>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    void readAttachment(client, file, (n) => live && setRead(n)).then((result) => {
      if (!live) return;
      if (result instanceof Blob) setUrl((made = URL.createObjectURL(result)));
      else setError(result);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [client, file]);

  if (error) return <ErrorAlert error={error} />;
  if (!url) {
    return (
      <Box>
        <Typography variant="caption">{t('payments.detail.loading')}</Typography>
        <LinearProgress variant="determinate" value={file.size > 0 ? (read / file.size) * 100 : 0} />
      </Box>
    );
  }
  const download = (
    <Button size="small" href={url} download={file.name}>
      {t('payments.detail.download')}
    </Button>
  );
  if (file.mimeType.startsWith('image/')) {
    return (
      <Box>
        <Box component="img" src={url} alt={file.name} sx={{ maxWidth: '100%', maxHeight: 480, border: 1, borderColor: 'divider' }} />
        {download}
      </Box>
    );
  }
  if (file.mimeType === 'application/pdf') {
    return (
      <Box>
        <Box component="iframe" src={url} title={file.name} sx={{ width: '100%', height: 480, border: 1, borderColor: 'divider' }} />
        {download}
      </Box>
    );
  }
  return (
    <Box>
      <Typography variant="body2">{t('payments.detail.noPreview')}</Typography>
      {download}
    </Box>
  );
}

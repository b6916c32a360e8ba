import { useCallback, useEffect, useState } from 'react';
import type { MethodName, MethodParams, MethodResult } from '../../../shared/api/contract';
import type { ErrorBody } from '../../../shared/errors';
import { useApi } from './api-context';

/**
 * One API read with loading, error and `reload` (after a change made on the page); a changed
 * `refreshKey` reloads too (a live topic's tick). Pages share it instead of each writing its own.
 */
export function useCall<M extends MethodName>(method: M, params: MethodParams<M>, refreshKey = 0) {
  const client = useApi();
  const key = JSON.stringify(params);
  const [data, setData] = useState<MethodResult<M> | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void client.call(method, JSON.parse(key) as MethodParams<M>).then((envelope) => {
      if (!live) return;
      if (envelope.ok) {
        setData(envelope.value);
        setError(null);
      } else setError(envelope.error);
    });
    return () => {
      live = false;
    };
  }, [client, method, key, version, refreshKey]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}

/** Saves base64 bytes the core made (template, Excel report) as a download. */
export function downloadBase64(file: { fileName: string; mediaType: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

import { useCallback, useEffect, useState } from 'react';
import type { MethodName, MethodParams, MethodResult } from '../../../../shared/api/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useSubscription } from '../../api/api-context';

/** One API read with loading, error and a reload after changes (dialogs call `reload`). */
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

/**
 * useCall that also reloads when the core reports a change of projects, lines or requests
 * (`budget.changed`), so a bar moves when someone approves in another window. The tick that
 * arrives with the subscription itself (tick 0) is not a change.
 */
export function useLiveCall<M extends MethodName>(method: M, params: MethodParams<M>) {
  const { data: change } = useSubscription('budget.changed', {});
  return useCall(method, params, change?.tick ?? 0);
}

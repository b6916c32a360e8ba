import { useCallback, useEffect, useState } from 'react';
import type { MethodName, MethodParams, MethodResult } from '../../../../shared/api/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';

/** One API read with loading, error and a reload (after a decision, a new delegation, …). */
export function useApprovalCall<M extends MethodName>(method: M, params: MethodParams<M>) {
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
  }, [client, method, key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}

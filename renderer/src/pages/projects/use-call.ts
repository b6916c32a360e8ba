import type { MethodName, MethodParams } from '../../../../shared/api/contract';
import { useSubscription } from '../../api/api-context';
import { useCall } from '../../api/use-call';

/**
 * useCall that also reloads when the core reports a change of projects, lines or requests
 * (`budget.changed`), so a bar moves when someone approves in another window. The tick that
 * arrives with the subscription itself (tick 0) is not a change.
 */
export function useLiveCall<M extends MethodName>(method: M, params: MethodParams<M>) {
  const { data: change } = useSubscription('budget.changed', {});
  return useCall(method, params, change?.tick ?? 0);
}

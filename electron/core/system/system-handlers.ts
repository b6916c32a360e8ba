import { BehaviorSubject } from 'rxjs';
import type { CoreServices } from '../app/core-services';
import { requireActor, type MethodHandlers } from '../api/handler-types';
import { toUnitView } from '../auth/user-views';
import type { UnitDoc } from '../db/schemas';

export type SyncState = 'notConfigured' | 'idle' | 'syncing' | 'error';

export interface SystemStatus {
  online: boolean;
  sync: SyncState;
  lastSyncAt: number | null;
}

/**
 * Connection to the provincial server. Until the sync capability is configured there is no
 * server to reach, so the honest state is "not configured", offline.
 */
export function createSystemStatus(): BehaviorSubject<SystemStatus> {
  return new BehaviorSubject<SystemStatus>({ online: false, sync: 'notConfigured', lastSyncAt: null });
}

export function systemHandlers(services: CoreServices): Pick<MethodHandlers, 'system.info' | 'units.list'> {
  return {
    'system.info': async () => {
      const status = services.status.getValue();
      return {
        productName: '工程款支付管理',
        version: services.version,
        runtime: services.runtime,
        deviceId: services.device.deviceId,
        online: status.online,
        sync: status.sync,
      };
    },
    'units.list': async (_params, ctx) => {
      const actor = requireActor(ctx);
      const units = await services.db.units.find({ selector: { id: { $in: [...actor.scopeUnitIds] } } }).exec();
      return units.map((u) => toUnitView(u.toMutableJSON() as UnitDoc));
    },
  };
}

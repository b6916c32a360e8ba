import type { CoreServices } from '../app/core-services';
import { requireActor, type MethodHandlers } from '../api/handler-types';

/** The 审计 page's calls: read the chain, verify it. */
export function auditHandlers(services: CoreServices): Pick<MethodHandlers, 'audit.events' | 'audit.verify'> {
  return {
    'audit.events': async (params) => {
      const { events, total } = await services.audit.list({ beforeSeq: params.beforeSeq, limit: params.limit });
      return {
        total,
        events: events.map((e) => ({
          id: e.id,
          deviceId: e.deviceId,
          seq: e.seq,
          time: e.time,
          actorId: e.actorId,
          actorName: e.actorName,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
          summary: e.summary,
          hash: e.hash,
        })),
      };
    },
    'audit.verify': async (_params, ctx) => {
      const actor = requireActor(ctx);
      const report = await services.audit.verify();
      // Checking the chain is an auditor's act and goes on record (R11) — after the check, so the
      // record describes what was found and the check never sees its own event.
      await services.audit.append({
        unitId: actor.unit.id,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'audit.verify',
        entity: 'audit',
        entityId: null,
        summary: report.ok
          ? `校验本机审计链：通过，共 ${report.checked} 条，哈希链与签名全部有效`
          : `校验本机审计链：未通过，${report.firstBroken?.message ?? ''}`,
        payload: { ok: report.ok, checked: report.checked, head: report.head, firstBroken: report.firstBroken, warnings: report.warnings },
      });
      return report;
    },
  };
}

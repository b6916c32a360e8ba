import { sm2Verify } from '../../../../shared/crypto';
import { auditEventHash, GENESIS_HASH } from '../../audit/audit-log';
import type { SeedData } from './load-seed-data';

/** Invariant 8: the device's chain is contiguous, each link hashes the last, each is signed. */
export function checkAuditChain(data: SeedData, violations: string[]): void {
  const device = data.settings.find((s) => s.id === 'device')?.value;
  const deviceId = typeof device?.deviceId === 'string' ? device.deviceId : '';
  const publicKey = typeof device?.publicKey === 'string' ? device.publicKey : '';
  const chain = data.auditEvents.filter((e) => e.deviceId === deviceId).sort((a, b) => a.seq - b.seq);
  let previous = GENESIS_HASH;
  chain.forEach((event, i) => {
    if (event.seq !== i + 1) violations.push(`[audit] seq ${event.seq} where ${i + 1} was due`);
    if (event.prevHash !== previous) violations.push(`[audit] seq ${event.seq}: prevHash does not link`);
    if (auditEventHash(event) !== event.hash) violations.push(`[audit] seq ${event.seq}: hash does not match the event`);
    if (!sm2Verify(event.hash, event.signature, publicKey)) violations.push(`[audit] seq ${event.seq}: signature does not verify`);
    previous = event.hash;
  });
  const created = new Set(chain.filter((e) => e.action === 'user.create').map((e) => e.entityId));
  for (const user of data.users) if (!created.has(user.id)) violations.push(`[audit] no user.create event for ${user.login}`);
}

import { z } from 'zod';
import { sm2Sign, sm2Verify } from '../crypto';
import { canonicalJson } from '../encoding/canonical-json';

/**
 * Signed head checkpoints: what makes a cut-off tail visible.
 *
 * A chain cut at its end still verifies by itself — every remaining link is intact. So after each
 * append the device also records "my chain has reached seq N with hash H", signed with the device
 * key, in two places that fail independently: the settings document `auditHead` (inside the
 * database, so it survives copying the file) and the sidecar file `audit-head.json` beside the
 * database (outside it, so it survives replacing or editing the database file). The verifier then
 * requires the chain to reach every valid checkpoint with the same hash.
 *
 * When the device finds on start that its chain no longer reaches a checkpoint (rows deleted,
 * the file swapped for an older copy, a backup restored), the loss is written into every later
 * checkpoint (`losses`) and into the chain itself, so the next append cannot quietly paper over it.
 *
 * Limits, stated plainly: the device key lives on the device. A local attacker who has it (or the
 * database, which holds it) can rewrite the chain, re-sign it and forge matching checkpoints, or
 * put back an older database together with its older sidecar. Only a checkpoint held elsewhere
 * closes that: the provincial server anchors each chain's head (sync issue). That is why the
 * verifier takes the expected public key and trusted heads from its caller — today the device
 * record and these local checkpoints, later the province's.
 */

export const AUDIT_HEAD_SETTING = 'auditHead';
export const AUDIT_HEAD_FILE = 'audit-head.json';

/** Domain tag in the signed text, so a checkpoint signature can never pass for anything else. */
const SIGNING_DOMAIN = 'govpay/audit-head/v1';

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/u);

export const auditChainLossSchema = z.object({
  /** first seq that is no longer in the chain as it was */
  fromSeq: z.number().int().positive(),
  /** the head seq the lost chain had reached, and its hash */
  toSeq: z.number().int().positive(),
  toHash: hashSchema,
  /** 'missing': the chain ends before toSeq; 'rewritten': the chain reaches toSeq with another hash */
  kind: z.enum(['missing', 'rewritten']),
  detectedAt: z.number().int().nonnegative(),
});
export type AuditChainLoss = z.infer<typeof auditChainLossSchema>;

export const auditHeadCheckpointSchema = z.object({
  format: z.literal(1),
  deviceId: z.string().min(1),
  seq: z.number().int().nonnegative(),
  hash: hashSchema,
  time: z.number().int().nonnegative(),
  losses: z.array(auditChainLossSchema),
  signature: z.string(),
});
export type AuditHeadCheckpoint = z.infer<typeof auditHeadCheckpointSchema>;
export type UnsignedAuditHead = Omit<AuditHeadCheckpoint, 'signature'>;

function signingText(head: UnsignedAuditHead): string {
  return canonicalJson({
    domain: SIGNING_DOMAIN,
    format: head.format,
    deviceId: head.deviceId,
    seq: head.seq,
    hash: head.hash,
    time: head.time,
    losses: head.losses.map((l) => ({ fromSeq: l.fromSeq, toSeq: l.toSeq, toHash: l.toHash, kind: l.kind, detectedAt: l.detectedAt })),
  });
}

export function signAuditHead(head: UnsignedAuditHead, privateKey: string, publicKey?: string): AuditHeadCheckpoint {
  const options = publicKey === undefined ? {} : { publicKey };
  return { ...head, signature: sm2Sign(signingText(head), privateKey, options) };
}

export type AuditHeadCheck = { ok: true; checkpoint: AuditHeadCheckpoint } | { ok: false; problem: string };

/**
 * Parses and checks a stored checkpoint against the expected device and key. Never throws: a
 * damaged or foreign checkpoint is a finding to report, not a crash.
 */
export function checkAuditHead(raw: unknown, expected: { deviceId: string; publicKey: string }): AuditHeadCheck {
  const parsed = auditHeadCheckpointSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: '格式不正确' };
  const checkpoint = parsed.data;
  if (checkpoint.deviceId !== expected.deviceId) return { ok: false, problem: `属于另一台设备（${checkpoint.deviceId}）` };
  if (!sm2Verify(signingText(checkpoint), checkpoint.signature, expected.publicKey)) return { ok: false, problem: '签名无效' };
  return { ok: true, checkpoint };
}

function lossKey(loss: AuditChainLoss): string {
  return `${loss.kind}:${loss.fromSeq}:${loss.toSeq}:${loss.toHash}`;
}

/** Union of losses, each once, in the order of their first seq. */
export function mergeLosses(...groups: readonly (readonly AuditChainLoss[])[]): AuditChainLoss[] {
  const byKey = new Map<string, AuditChainLoss>();
  for (const loss of groups.flat()) {
    const known = byKey.get(lossKey(loss));
    if (!known || loss.detectedAt < known.detectedAt) byKey.set(lossKey(loss), loss);
  }
  return [...byKey.values()].sort((a, b) => a.fromSeq - b.fromSeq || a.toSeq - b.toSeq);
}

import { describe, expect, it } from 'vitest';
import { checkAuditHead, mergeLosses, signAuditHead, type AuditChainLoss, type UnsignedAuditHead } from '../../../shared/audit';
import { DEVICE_ID, DEVICE_KEYS, FOREIGN_KEYS, T0 } from './chain-fixture';

const expected = { deviceId: DEVICE_ID, publicKey: DEVICE_KEYS.publicKey };
const loss: AuditChainLoss = { fromSeq: 5, toSeq: 9, toHash: 'c'.repeat(64), kind: 'missing', detectedAt: T0 };
const body: UnsignedAuditHead = { format: 1, deviceId: DEVICE_ID, seq: 12, hash: 'a'.repeat(64), time: T0, losses: [loss] };

describe('signed head checkpoints', () => {
  it('verify with the device key and survive a JSON round trip', () => {
    const checkpoint = signAuditHead(body, DEVICE_KEYS.privateKey);
    expect(checkAuditHead(JSON.parse(JSON.stringify(checkpoint)), expected)).toEqual({ ok: true, checkpoint });
  });

  it.each([
    ['a lower seq', { seq: 9 }],
    ['another hash', { hash: 'b'.repeat(64) }],
    ['a loss removed', { losses: [] }],
  ])('refuse %s written in without the key', (_what, change) => {
    const checkpoint = { ...signAuditHead(body, DEVICE_KEYS.privateKey), ...change };
    expect(checkAuditHead(checkpoint, expected)).toEqual({ ok: false, problem: '签名无效' });
  });

  it('refuse a checkpoint of another device, another key, or no checkpoint shape at all', () => {
    expect(checkAuditHead(signAuditHead({ ...body, deviceId: 'other' }, DEVICE_KEYS.privateKey), expected)).toMatchObject({ ok: false, problem: '属于另一台设备（other）' });
    expect(checkAuditHead(signAuditHead(body, FOREIGN_KEYS.privateKey), expected)).toMatchObject({ ok: false, problem: '签名无效' });
    for (const raw of [null, 'x', { seq: 1 }, { unreadable: true }]) expect(checkAuditHead(raw, expected)).toEqual({ ok: false, problem: '格式不正确' });
  });

  it('merge losses once each, earliest detection kept, in seq order', () => {
    const later = { ...loss, detectedAt: T0 + 1000 };
    const other: AuditChainLoss = { ...loss, fromSeq: 2, kind: 'rewritten', toSeq: 2 };
    expect(mergeLosses([later], [loss, other])).toEqual([other, loss]);
  });
});

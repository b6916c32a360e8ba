import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_HEAD_FILE, AUDIT_HEAD_SETTING, auditEventHash, GENESIS_HASH } from '../../../shared/audit';
import { generateSm2KeyPair, sm2Sign } from '../../../shared/crypto';
import { newId } from '../../../shared/ids/uuidv7';
import { valueOf } from '../../support/test-core';
import { createWorld, DATABASE_FILE, seedChain, withRawFile, type AuditWorld } from './audit-world';

/**
 * Each way of tampering with the database file, done with raw SQL below the core, is detected
 * and named — both by verifying right after reopening (nothing appended yet) and through the API
 * after signing in (which appends: the evidence must survive that).
 */
describe('audit chain tampering on a real database file', () => {
  let world: AuditWorld;
  let length: number;

  let template: AuditWorld;

  // One seeded chain, copied for each test: setting up hashes passwords, which takes seconds.
  beforeAll(async () => {
    template = await createWorld();
    await seedChain(template);
    length = withRawFile(template.dataDir, (file) => file.events().length);
  }, 60_000);

  beforeEach(async () => {
    world = await createWorld();
    cpSync(template.dataDir, world.dataDir, { recursive: true });
    world.clock.advance(60 * 60_000); // later than the seeded events, like a real reopening
  });

  afterEach(async () => {
    await world.close();
    rmSync(world.dataDir, { recursive: true, force: true });
  });

  afterAll(() => rmSync(template.dataDir, { recursive: true, force: true }));

  async function verifyBoth() {
    const core = await world.open();
    const direct = await core.services.audit.verify();
    const api = await world.admin();
    const viaApi = valueOf(await api.call('audit.verify', {}));
    return { direct, viaApi };
  }

  it('an intact chain verifies, with both checkpoints matching its head', async () => {
    expect(length).toBeGreaterThanOrEqual(6);
    const head = withRawFile(world.dataDir, (file) => ({ last: file.eventAt(length).doc, setting: file.setting(AUDIT_HEAD_SETTING) }));
    const sidecar = JSON.parse(readFileSync(join(world.dataDir, AUDIT_HEAD_FILE), 'utf8')) as unknown;
    expect(sidecar).toEqual(head.setting);
    expect(sidecar).toMatchObject({ seq: length, hash: head.last.hash, losses: [] });
    const { direct, viaApi } = await verifyBoth();
    expect(direct).toMatchObject({ ok: true, checked: length, head: { seq: length, hash: head.last.hash }, firstBroken: null, warnings: [] });
    // signing in appended one event; the API's check sees it too
    expect(viaApi).toMatchObject({ ok: true, checked: length + 1, firstBroken: null, warnings: [] });
    const newest = valueOf(await (await world.admin()).call('audit.events', { limit: 2 })).events;
    expect(newest.map((e) => [e.action, e.summary])).toContainEqual(['audit.verify', `校验本机审计链：通过，共 ${length + 1} 条，哈希链与签名全部有效`]);
  });

  it('an edited field of one event: hashMismatch at that event', async () => {
    withRawFile(world.dataDir, (file) => {
      const row = file.eventAt(4);
      file.write({ ...row, doc: { ...row.doc, summary: '（此记录已被修改）' } });
    });
    const { direct, viaApi } = await verifyBoth();
    expect(direct).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4, reason: 'hashMismatch' } });
    expect(viaApi.firstBroken).toEqual(direct.firstBroken);
  });

  it('an edit made while the application runs is seen at once (the check reads past the RxDB cache)', async () => {
    const api = await world.admin();
    // the page has read (and RxDB cached) every event
    valueOf(await api.call('audit.events', { limit: 100 }));
    expect(valueOf(await api.call('audit.verify', {})).ok).toBe(true);
    withRawFile(world.dataDir, (file) => {
      const row = file.eventAt(2);
      file.write({ ...row, doc: { ...row.doc, summary: '（运行中被修改）' } });
    });
    expect(valueOf(await api.call('audit.verify', {})).firstBroken).toMatchObject({ seq: 2, reason: 'hashMismatch' });
  });

  it('an event deleted in the middle: gap naming it', async () => {
    withRawFile(world.dataDir, (file) => file.deleteEvents([5]));
    const { direct, viaApi } = await verifyBoth();
    expect(direct).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 5, reason: 'gap' } });
    expect(viaApi.firstBroken).toEqual(direct.firstBroken);
  });

  it('two events with their seqs swapped: reordered at the lower one', async () => {
    withRawFile(world.dataDir, (file) => {
      const a = file.eventAt(3);
      const b = file.eventAt(6);
      file.write({ ...a, doc: { ...a.doc, seq: 6 } });
      file.write({ ...b, doc: { ...b.doc, seq: 3 } });
    });
    const { direct, viaApi } = await verifyBoth();
    expect(direct).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, reason: 'reordered' } });
    expect(viaApi.firstBroken).toEqual(direct.firstBroken);
  });

  it('a copied event: duplicate', async () => {
    withRawFile(world.dataDir, (file) => file.insertCopy(file.eventAt(6), newId()));
    const { direct } = await verifyBoth();
    expect(direct.firstBroken).toMatchObject({ seq: 6, reason: 'duplicate' });
  });

  it('the tail cut off: truncated at the first missing seq, and still so after new appends', async () => {
    withRawFile(world.dataDir, (file) => file.deleteEvents([length - 1, length]));
    const { direct, viaApi } = await verifyBoth();
    expect(direct).toMatchObject({ ok: false, checked: length - 2, firstBroken: { seq: length - 1, reason: 'truncated' } });
    expect(direct.firstBroken?.message).toContain(`第 ${length - 1}–${length} 条缺失`);
    // signing in appended (the rollback record, the login): the chain itself is whole again, but
    // the loss is carried in the checkpoints and reported
    expect(viaApi).toMatchObject({ ok: false, checked: length, firstBroken: { seq: length - 1, reason: 'truncated' } });
    const events = valueOf(await (await world.admin()).call('audit.events', { limit: 10 })).events;
    const rollback = events.find((e) => e.action === 'audit.rollbackDetected');
    expect(rollback).toMatchObject({ seq: length - 1, actorId: null });
    expect(rollback?.summary).toContain(`第 ${length - 1}–${length} 条不在库中`);
    // and it stays reported over a restart
    await world.close();
    expect((await (await world.open()).services.audit.verify()).firstBroken).toMatchObject({ seq: length - 1, reason: 'truncated' });
  });

  it('the tail cut off together with the checkpoint in the database: the sidecar file still tells', async () => {
    withRawFile(world.dataDir, (file) => {
      file.deleteEvents([length]);
      file.deleteSetting(AUDIT_HEAD_SETTING);
    });
    const { direct } = await verifyBoth();
    expect(direct).toMatchObject({ ok: false, firstBroken: { seq: length, reason: 'truncated' } });
    expect(direct.warnings).toContain('未找到数据库中的链头检查点：无法据此判断链尾是否被截断');
  });

  it('the tail cut off and the sidecar file deleted: the checkpoint in the database still tells', async () => {
    withRawFile(world.dataDir, (file) => file.deleteEvents([length - 2, length - 1, length]));
    rmSync(join(world.dataDir, AUDIT_HEAD_FILE));
    const { direct, viaApi } = await verifyBoth();
    expect(direct).toMatchObject({ ok: false, firstBroken: { seq: length - 2, reason: 'truncated' } });
    expect(direct.warnings).toContain('未找到链头检查点文件 audit-head.json：无法据此判断链尾是否被截断');
    expect(viaApi.firstBroken).toMatchObject({ seq: length - 2, reason: 'truncated' });
  });

  it('an older copy of the database file put back: truncated (the sidecar is outside the file)', async () => {
    const older = join(world.dataDir, 'older-copy.sqlite');
    copyFileSync(join(world.dataDir, DATABASE_FILE), older);
    const api = await world.admin();
    valueOf(await api.call('users.create', { login: 'zhaoliu', name: '赵六', roles: ['finance'], password: 'Init#2026a', passwordConfirm: 'Init#2026a' }));
    await world.close();
    for (const suffix of ['-wal', '-shm']) rmSync(join(world.dataDir, DATABASE_FILE + suffix), { force: true });
    copyFileSync(older, join(world.dataDir, DATABASE_FILE));
    const { direct } = await verifyBoth();
    expect(direct.firstBroken).toMatchObject({ seq: length + 1, reason: 'truncated' });
  });

  it('the whole chain re-signed consistently with a foreign key: badSignature at seq 1', async () => {
    const foreign = generateSm2KeyPair();
    withRawFile(world.dataDir, (file) => {
      let prevHash = GENESIS_HASH;
      for (const row of file.events()) {
        const doc = { ...row.doc, prevHash, summary: `${row.doc.summary}（改）` };
        doc.hash = auditEventHash(doc);
        doc.signature = sm2Sign(doc.hash, foreign.privateKey);
        file.write({ ...row, doc });
        prevHash = doc.hash;
      }
    });
    const { direct, viaApi } = await verifyBoth();
    expect(direct).toMatchObject({ ok: false, checked: 0, head: null, firstBroken: { seq: 1, reason: 'badSignature' } });
    expect(viaApi.firstBroken).toMatchObject({ seq: 1, reason: 'badSignature' });
  });

  it('a damaged sidecar file is reported and then replaced by the next append', async () => {
    const path = join(world.dataDir, AUDIT_HEAD_FILE);
    const checkpoint = JSON.parse(readFileSync(path, 'utf8')) as { seq: number };
    // a lower seq written in by hand, to hide a cut: the signature no longer matches
    writeFileSync(path, JSON.stringify({ ...checkpoint, seq: checkpoint.seq - 3 }));
    const core = await world.open();
    expect((await core.services.audit.verify()).warnings).toContain('链头检查点文件 audit-head.json签名无效，已忽略');
    await world.admin();
    expect(existsSync(path)).toBe(true);
    expect((await core.services.audit.verify()).warnings).toEqual([]);
  });
});

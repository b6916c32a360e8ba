import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, randomBytes } from '../../../shared/crypto';
import { sm3Fast } from '../../../shared/crypto/sm3-fast';
import { CHUNK_HEADER_BYTES, chunkCountFor, DIGEST_BYTES, FORMAT_VERSION, readU32, TRAILER_BYTES, type BackupHeader } from '../../../electron/core/backup/backup-format';
import { backupKeys, checkMatches, keyIdOf, newBackupSalts, newKdfParams } from '../../../electron/core/backup/backup-keys';
import { checkHeaderMac, decryptBackup, openBackup } from '../../../electron/core/backup/backup-reader';
import { headerBytesOf, writeBackupFile } from '../../../electron/core/backup/backup-writer';

/**
 * The file format on its own, with many small chunks of random bytes (not a database), so that
 * reordering, dropping and duplicating chunks can be tried — the integration tests cover the
 * whole flow on real SQLite files.
 */
const CHUNK = 4096;
const dir = mkdtempSync(join(tmpdir(), 'govpay-backup-format-'));
const master = randomBytes(32);
let plain: Uint8Array;
let good: Buffer;
let headerEnd: number;

function header(databaseBytes: number, salts: { backupSalt: Uint8Array; nonce: Uint8Array }): BackupHeader {
  const keys = backupKeys(master, salts.backupSalt);
  return {
    format: FORMAT_VERSION,
    product: 'govpay-desk',
    kdf: newKdfParams(),
    keyId: keyIdOf(master),
    backupSalt: bytesToHex(salts.backupSalt),
    nonce: bytesToHex(salts.nonce),
    keyCheck: bytesToHex(keys.check),
    cipher: 'SM4-CTR',
    mac: 'HMAC-SM3',
    compression: 'brotli',
    chunkBytes: CHUNK,
    manifest: {
      createdAt: 1,
      appVersion: 'test',
      deviceId: 'device-1',
      unit: { id: 'u', name: '测试单位', uscc: '' },
      kind: 'manual',
      createdBy: null,
      schemaVersions: {},
      counts: {},
      databaseBytes,
      chunkCount: chunkCountFor(databaseBytes, CHUNK),
      attachments: { count: 0, bytes: 0 },
    },
  };
}

/** byte ranges of each chunk record in the file */
function chunkRanges(bytes: Buffer): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let at = headerEnd;
  while (at < bytes.length - TRAILER_BYTES) {
    const length = CHUNK_HEADER_BYTES + readU32(bytes, at + 9) + DIGEST_BYTES;
    ranges.push([at, at + length]);
    at += length;
  }
  return ranges;
}

async function decrypt(bytes: Uint8Array, name = `case-${Math.random().toString(36).slice(2)}`): Promise<string> {
  const path = join(dir, `${name}.gpbak`);
  writeFileSync(path, bytes);
  const opened = await openBackup(path);
  try {
    const keys = backupKeys(master, Buffer.from(opened.header.backupSalt, 'hex'));
    expect(checkMatches(keys, opened.header.keyCheck)).toBe(true);
    checkHeaderMac(opened, keys);
    return await decryptBackup(opened, keys, { outPath: `${path}.out`, attachmentsOutDir: null, onProgress: () => undefined });
  } finally {
    await opened.handle.close();
  }
}

beforeAll(async () => {
  // half random (incompressible), half repetitive: both paths of the compressor
  plain = new Uint8Array(CHUNK * 5 + 1234);
  plain.set(randomBytes(CHUNK * 2));
  plain.fill(0x20, CHUNK * 2);
  writeFileSync(join(dir, 'plain.bin'), plain);
  const salts = newBackupSalts();
  const h = header(plain.length, salts);
  headerEnd = headerBytesOf(h).length + 2 * DIGEST_BYTES;
  await writeBackupFile({
    snapshotPath: join(dir, 'plain.bin'),
    outPath: join(dir, 'good.gpbak'),
    header: h,
    keys: backupKeys(master, salts.backupSalt),
    nonce: salts.nonce,
    onProgress: () => undefined,
    cancelled: () => false,
  });
  good = readFileSync(join(dir, 'good.gpbak'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup file format', () => {
  it('round-trips, and the trailer holds the SM3 of the plaintext', async () => {
    expect(chunkRanges(good)).toHaveLength(6);
    expect(await decrypt(good)).toBe(bytesToHex(sm3Fast(plain)));
    expect(readFileSync(join(dir, 'plain.bin'))).toEqual(Buffer.from(plain));
  });

  it('refuses two chunks swapped', async () => {
    const [a, b] = chunkRanges(good);
    const swapped = Buffer.concat([good.subarray(0, a![0]), good.subarray(b![0], b![1]), good.subarray(a![0], a![1]), good.subarray(b![1])]);
    await expect(decrypt(swapped)).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED', message: expect.stringMatching(/第 1\/6 块/) });
  });

  it('refuses a chunk repeated in place of another', async () => {
    const [a, b] = chunkRanges(good);
    const repeated = Buffer.concat([good.subarray(0, b![0]), good.subarray(a![0], a![1]), good.subarray(b![1])]);
    await expect(decrypt(repeated)).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED' });
  });

  it('refuses a file cut exactly after a chunk (truncated), and one with a trailer pasted on (tampered)', async () => {
    const ranges = chunkRanges(good);
    const cut = ranges[4]![1];
    await expect(decrypt(good.subarray(0, cut))).rejects.toMatchObject({ code: 'BACKUP_TRUNCATED' });
    const pasted = Buffer.concat([good.subarray(0, cut), good.subarray(good.length - TRAILER_BYTES)]);
    await expect(decrypt(pasted)).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED', message: expect.stringMatching(/第 6\/6 块/) });
  });

  it('refuses a flipped final flag, a flipped tag, a flipped trailer, and bytes appended', async () => {
    const last = chunkRanges(good)[5]!;
    const flag = Buffer.from(good);
    flag[last[0] + 4] = 0;
    await expect(decrypt(flag)).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED', message: expect.stringMatching(/第 6\/6 块认证失败/) });
    const tag = Buffer.from(good);
    tag[last[1] - 1] = tag[last[1] - 1]! ^ 0x80;
    await expect(decrypt(tag)).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED' });
    const trailer = Buffer.from(good);
    trailer[good.length - 40] = trailer[good.length - 40]! ^ 1;
    await expect(decrypt(trailer)).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED' });
    await expect(decrypt(Buffer.concat([good, Buffer.from([0])]))).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED', message: expect.stringMatching(/多余的数据/) });
  });

  it('leaves no decrypted output behind when it refuses', async () => {
    const flipped = Buffer.from(good);
    const at = chunkRanges(good)[3]![0] + 20;
    flipped[at] = flipped[at]! ^ 1;
    await expect(decrypt(flipped, 'refused')).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED' });
    expect(existsSync(join(dir, 'refused.gpbak.out'))).toBe(false);
  });
});

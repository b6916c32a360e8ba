import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, randomBytes } from '../../../shared/crypto';
import { sm3Fast } from '../../../shared/crypto/sm3-fast';
import { attachmentTotals, listAttachmentFiles, type AttachmentFile } from '../../../electron/core/backup/attachment-section';
import { bodyLayout, CHUNK_HEADER_BYTES, chunkCountFor, DIGEST_BYTES, readU32, TRAILER_BYTES, type BackupHeader } from '../../../electron/core/backup/backup-format';
import { backupKeys, keyIdOf, newBackupSalts, newKdfParams } from '../../../electron/core/backup/backup-keys';
import { checkHeaderMac, decryptBackup, openBackup } from '../../../electron/core/backup/backup-reader';
import { headerBytesOf, writeBackupFile } from '../../../electron/core/backup/backup-writer';
import { writeBackupV1 } from '../../integration/backup/format-v1-writer';

/**
 * The attachment section on its own (format 2), with 4 KiB chunks so that files span chunks,
 * share chunks and end exactly on a chunk boundary.
 */
const CHUNK = 4096;
const dir = mkdtempSync(join(tmpdir(), 'govpay-backup-attach-'));
const dataDir = join(dir, 'data');
const master = randomBytes(32);
const database = randomBytes(CHUNK + 100);
let files: AttachmentFile[];
let good: Buffer;
let header: BackupHeader;

function put(bytes: Uint8Array): string {
  const sm3 = bytesToHex(sm3Fast(bytes));
  mkdirSync(join(dataDir, 'attachments', sm3.slice(0, 2)), { recursive: true });
  writeFileSync(join(dataDir, 'attachments', sm3.slice(0, 2), sm3), bytes);
  return sm3;
}

function headerFor(format: 1 | 2, attachments: AttachmentFile[], salts: { backupSalt: Uint8Array; nonce: Uint8Array }): BackupHeader {
  return {
    format,
    product: 'govpay-desk',
    kdf: newKdfParams(),
    keyId: keyIdOf(master),
    backupSalt: bytesToHex(salts.backupSalt),
    nonce: bytesToHex(salts.nonce),
    keyCheck: bytesToHex(backupKeys(master, salts.backupSalt).check),
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
      databaseBytes: database.length,
      chunkCount: chunkCountFor(database.length, CHUNK),
      ...(format === 2 ? { attachments: attachmentTotals(attachments) } : {}),
    },
  };
}

async function write(name: string, attachments: AttachmentFile[]): Promise<{ path: string; header: BackupHeader }> {
  const salts = newBackupSalts();
  const h = headerFor(2, attachments, salts);
  const path = join(dir, name);
  await writeBackupFile({ snapshotPath: join(dir, 'db.bin'), outPath: path, header: h, keys: backupKeys(master, salts.backupSalt), nonce: salts.nonce, attachments, onProgress: () => undefined, cancelled: () => false });
  return { path, header: h };
}

async function read(bytes: Uint8Array, outDir: string | null) {
  const path = join(dir, `case-${Math.random().toString(36).slice(2)}.gpbak`);
  writeFileSync(path, bytes);
  const opened = await openBackup(path);
  try {
    const keys = backupKeys(master, Buffer.from(opened.header.backupSalt, 'hex'));
    checkHeaderMac(opened, keys);
    return await decryptBackup(opened, keys, { outPath: `${path}.out`, attachmentsOutDir: outDir, onProgress: () => undefined });
  } finally {
    await opened.handle.close();
  }
}

beforeAll(async () => {
  writeFileSync(join(dir, 'db.bin'), database);
  put(randomBytes(3 * CHUNK + 7)); // spans chunks
  put(new TextEncoder().encode('%PDF-1.7 小文件'));
  put(new Uint8Array(0));
  put(randomBytes(CHUNK - 40)); // with its entry header, one chunk's worth
  // not attachments: upload scratch, a half-written temporary, a stray name
  mkdirSync(join(dataDir, 'attachments', '.incoming'), { recursive: true });
  writeFileSync(join(dataDir, 'attachments', '.incoming', 'x'), 'partial');
  mkdirSync(join(dataDir, 'attachments', 'ab'), { recursive: true });
  writeFileSync(join(dataDir, 'attachments', 'ab', `.${'ab'.padEnd(64, '0')}.tmp`), 'x');
  writeFileSync(join(dataDir, 'attachments', 'ab', 'cd'.padEnd(64, '0')), 'not under its first two digits');
  writeFileSync(join(dataDir, 'attachments', 'README'), 'x');
  files = listAttachmentFiles(dataDir);
  ({ header } = await write('good.gpbak', files));
  good = readFileSync(join(dir, 'good.gpbak'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** byte ranges of each chunk record */
function chunkRanges(bytes: Buffer): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let at = headerBytesOf(header).length + 2 * DIGEST_BYTES;
  while (at < bytes.length - TRAILER_BYTES) {
    const length = CHUNK_HEADER_BYTES + readU32(bytes, at + 9) + DIGEST_BYTES;
    ranges.push([at, at + length]);
    at += length;
  }
  return ranges;
}

describe('the attachment section', () => {
  it('lists only content-addressed files, sorted by SM3', () => {
    expect(files).toHaveLength(4);
    expect(files.map((f) => f.sm3)).toEqual([...files.map((f) => f.sm3)].sort());
    expect(header.manifest.attachments).toEqual({ count: 4, bytes: files.reduce((n, f) => n + f.size, 0) });
  });

  it('round-trips every file byte for byte after the database', async () => {
    const layout = bodyLayout(header);
    expect(layout.databaseChunks).toBe(2);
    expect(chunkRanges(good)).toHaveLength(layout.totalChunks);
    const out = join(dir, 'restored');
    expect(await read(good, out)).toBe(bytesToHex(sm3Fast(database)));
    for (const file of files) expect(readFileSync(join(out, file.sm3.slice(0, 2), file.sm3))).toEqual(readFileSync(file.path));
    expect(readdirSync(out).flatMap((d) => readdirSync(join(out, d))).sort()).toEqual(files.map((f) => f.sm3));
    // checking only writes nothing
    expect(await read(good, null)).toBe(bytesToHex(sm3Fast(database)));
  });

  it('refuses a flipped byte, a swapped chunk and a cut in the attachment section', async () => {
    const ranges = chunkRanges(good);
    const last = ranges.at(-1)!;
    const flipped = Buffer.from(good);
    flipped[last[0] + 20] = flipped[last[0] + 20]! ^ 1;
    await expect(read(flipped, null)).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED', message: expect.stringMatching(/块（附件部分）认证失败/) });
    const [, , a, b] = ranges;
    const swapped = Buffer.concat([good.subarray(0, a![0]), good.subarray(b![0], b![1]), good.subarray(a![0], a![1]), good.subarray(b![1])]);
    await expect(read(swapped, null)).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED' });
    await expect(read(good.subarray(0, last[0] + 10), null)).rejects.toMatchObject({ code: 'BACKUP_TRUNCATED' });
    // the database alone with the trailer pasted on: a missing section is never read as "no attachments"
    const dbOnly = Buffer.concat([good.subarray(0, ranges[2]![0]), good.subarray(good.length - TRAILER_BYTES)]);
    await expect(read(dbOnly, null)).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED', message: expect.stringMatching(/第 3\/7 块（附件部分）/) });
  });

  it('leaves nothing behind when it refuses', async () => {
    const flipped = Buffer.from(good);
    const last = chunkRanges(good).at(-1)!;
    flipped[last[1] - 1] = flipped[last[1] - 1]! ^ 1;
    const out = join(dir, 'refused');
    mkdirSync(out);
    await expect(read(flipped, out)).rejects.toMatchObject({ code: 'BACKUP_CORRUPTED' });
    const left = readdirSync(out).flatMap((d) => readdirSync(join(out, d)));
    // files proved before the bad chunk may be there; the caller removes the folder, but no
    // unproved (.part) file is ever named like a finished one
    for (const name of left) expect(files.map((f) => f.sm3).includes(name) || name.endsWith('.part')).toBe(true);
  });

  it('refuses at backup time a file whose content no longer matches its name, and writes no backup', async () => {
    const damaged = put(new TextEncoder().encode('original evidence'));
    writeFileSync(join(dataDir, 'attachments', damaged.slice(0, 2), damaged), 'changed evidence!');
    const list = listAttachmentFiles(dataDir);
    await expect(write('damaged.gpbak', list)).rejects.toMatchObject({
      code: 'BACKUP_FAILED',
      message: expect.stringContaining(`${damaged} 的内容与其名称（SM3 校验值）不符`),
    });
    expect(existsSync(join(dir, 'damaged.gpbak'))).toBe(false);
    expect(existsSync(join(dir, 'damaged.gpbak.part'))).toBe(false);
    rmSync(join(dataDir, 'attachments', damaged.slice(0, 2), damaged));
  });

  it('still reads a version-1 file (database only) written by the earlier format', async () => {
    const salts = newBackupSalts();
    const path = join(dir, 'v1.gpbak');
    writeBackupV1({ sqlitePath: join(dir, 'db.bin'), outPath: path, header: headerFor(1, [], salts), keys: backupKeys(master, salts.backupSalt), nonce: salts.nonce });
    const bytes = readFileSync(path);
    expect(bytes.readUInt16BE(8)).toBe(1);
    const out = join(dir, 'v1-out');
    expect(await read(bytes, out)).toBe(bytesToHex(sm3Fast(database)));
    expect(existsSync(out)).toBe(false);
  });
});

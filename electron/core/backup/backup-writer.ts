import { open, rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, type BrotliOptions } from 'node:zlib';
import { bytesToHex, concatBytes, utf8ToBytes } from '../../../shared/crypto';
import { HmacSm3, hmacSm3Fast, sm3Fast } from '../../../shared/crypto/sm3-fast';
import { sm4Ctr } from '../../../shared/crypto/sm4-fast';
import { attachmentTotals, AttachmentPacker, type AttachmentFile } from './attachment-section';
import {
  bodyLayout,
  encodeChunkHeader,
  LABEL_CHUNK,
  LABEL_FILE,
  LABEL_HEADER,
  plainLengthOf,
  preamble,
  TRAILER_MAGIC,
  writeU32,
  type BackupHeader,
} from './backup-format';
import { chunkCounter, type BackupKeys } from './backup-keys';
import { startFileHash } from './file-hash';
import { readExactlyInto, syncDirectory } from './files';

const brotliAsync = promisify<Buffer, BrotliOptions, Buffer>(brotliCompress);

/**
 * Brotli at quality 0: the SQLite file is mostly index keys padded to their maximum length and
 * repeated JSON field names, which compress ~6× even at the fastest setting. Measured on the
 * benchmark's 200k-document file: brotli q0 ~2.5× the speed of deflate level 1 at a slightly
 * better ratio; higher qualities cost far more time than they save bytes.
 */
export const COMPRESSION: BrotliOptions = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_SIZE_HINT]: 4 << 20 },
  // output in 1 MiB steps (a chunk compresses to about that): zlib then works through a chunk in
  // one or two thread-pool tasks instead of returning to this (busy) thread every 16 KiB
  chunkSize: 1 << 20,
};
/**
 * Chunks being compressed at once. Compression runs on libuv's thread pool, so while one chunk
 * compresses there, this thread hashes the next one and encrypts the previous one.
 */
const PIPELINE_DEPTH = 3;

export interface WriteBackupOptions {
  snapshotPath: string;
  /** the finished file's path; it is written as `<path>.part` and renamed once complete */
  outPath: string;
  header: BackupHeader;
  keys: BackupKeys;
  nonce: Uint8Array;
  /**
   * The attachment files to carry after the database (format 2; attachment-section.ts), in this
   * order; their count and bytes must be the manifest's. Format 1 carries none.
   */
  attachments?: readonly AttachmentFile[];
  onProgress(fraction: number): void;
  cancelled(): boolean;
}

export interface WrittenBackup {
  fileBytes: number;
  databaseSm3: string;
}

export class BackupCancelled extends Error {
  constructor() {
    super('backup cancelled');
    this.name = 'BackupCancelled';
  }
}

export function headerBytesOf(header: BackupHeader): Uint8Array {
  const json = utf8ToBytes(JSON.stringify(header));
  return concatBytes(preamble(json.length, header.format), json);
}

/**
 * Compresses, encrypts and authenticates the snapshot and then the attachment files into a
 * backup file (format in backup-format.ts), streaming: memory stays at a few chunks whatever the
 * database and attachments weigh.
 */
export async function writeBackupFile(options: WriteBackupOptions): Promise<WrittenBackup> {
  const { header, keys } = options;
  const partPath = `${options.outPath}.part`;
  const headerBytes = headerBytesOf(header);
  const headerSm3 = sm3Fast(headerBytes);
  const headerMac = hmacSm3Fast(keys.macKey, LABEL_HEADER, headerBytes);
  const fileMac = new HmacSm3(keys.macKey).update(LABEL_FILE).update(headerSm3);
  const { chunkBytes } = header;
  const { databaseBytes } = header.manifest;
  const attachments = options.attachments ?? [];
  const totals = attachmentTotals(attachments);
  const listed = header.manifest.attachments ?? { count: 0, bytes: 0 };
  if (totals.count !== listed.count || totals.bytes !== listed.bytes || (header.format === 1) !== (header.manifest.attachments === undefined)) {
    throw new Error('the attachments given do not match the manifest');
  }
  const layout = bodyLayout(header);
  const chunkCount = layout.totalChunks;
  const packer = new AttachmentPacker(attachments);
  const plainHash = startFileHash();

  const input = await open(options.snapshotPath, 'r');
  const output = await open(partPath, 'wx', 0o600);
  let written = 0;
  const write = async (...parts: Uint8Array[]) => {
    await output.writev(parts);
    written += parts.reduce((n, p) => n + p.length, 0);
  };
  try {
    await write(headerBytes, headerSm3, headerMac);
    const pending: Array<{ index: number; plainLength: number; compressed: Promise<Buffer> }> = [];

    const finishOldest = async () => {
      const next = pending.shift();
      if (!next) return;
      const ciphertext = await next.compressed;
      sm4Ctr(keys.encRoundKeys, chunkCounter(options.nonce, next.index), ciphertext, ciphertext);
      const chunkHeader = encodeChunkHeader({
        index: next.index,
        final: next.index === chunkCount - 1,
        plainLength: next.plainLength,
        cipherLength: ciphertext.length,
      });
      const tag = hmacSm3Fast(keys.macKey, LABEL_CHUNK, headerSm3, chunkHeader, ciphertext);
      fileMac.update(tag);
      await write(chunkHeader, ciphertext, tag);
      options.onProgress((next.index + 1) / chunkCount);
    };

    // Read buffers are reused round-robin: buffer k is free again once the chunk that used it,
    // PIPELINE_DEPTH + 1 chunks ago, has been compressed and written (finishOldest below).
    const buffers: Buffer[] = [];
    const bufferBytes = Math.min(chunkBytes, Math.max(databaseBytes, layout.attachmentStreamBytes));
    for (let index = 0; index < chunkCount; index += 1) {
      if (options.cancelled()) throw new BackupCancelled();
      const length = plainLengthOf(layout, databaseBytes, chunkBytes, index);
      const slot = index % (PIPELINE_DEPTH + 1);
      const buffer = (buffers[slot] ??= Buffer.allocUnsafe(bufferBytes));
      let plain: Buffer;
      if (index < layout.databaseChunks) {
        const read = await readExactlyInto(input, buffer.subarray(0, length), index * chunkBytes);
        if (!read) throw new Error(`snapshot shorter than expected at chunk ${index}`);
        await plainHash.update(read);
        plain = read;
      } else {
        // the attachment stream; a file whose SM3 is not its name stops the backup here
        plain = await packer.fillInto(buffer.subarray(0, length));
      }
      const compressed = brotliAsync(plain, COMPRESSION);
      // Awaited in order below; this only keeps a failure behind an earlier one from being "unhandled".
      compressed.catch(() => undefined);
      pending.push({ index, plainLength: length, compressed });
      if (pending.length >= PIPELINE_DEPTH) await finishOldest();
    }
    while (pending.length > 0) await finishOldest();
    if (!packer.finished()) throw new Error('attachment stream longer than its manifest');

    const databaseSm3 = await plainHash.digest();
    const trailer = new Uint8Array(TRAILER_MAGIC.length + 4);
    trailer.set(TRAILER_MAGIC);
    writeU32(trailer, TRAILER_MAGIC.length, chunkCount);
    const macInput = concatBytes(trailer, databaseSm3);
    await write(macInput, fileMac.update(macInput).digest());
    await output.sync();
    await output.close();
    await input.close();
    await rename(partPath, options.outPath);
    await syncDirectory(options.outPath);
    return { fileBytes: written, databaseSm3: bytesToHex(databaseSm3) };
  } catch (error) {
    await packer.close();
    await plainHash.close();
    await output.close().catch(() => undefined);
    await input.close().catch(() => undefined);
    await rm(partPath, { force: true });
    throw error;
  }
}

import { open, rm, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliDecompress, type BrotliOptions } from 'node:zlib';
import { bytesToHex, bytesToUtf8, concatBytes, constantTimeEqual } from '../../../shared/crypto';
import { HmacSm3, hmacSm3Fast, Sm3Hasher, sm3Fast } from '../../../shared/crypto/sm3-fast';
import { sm4Ctr } from '../../../shared/crypto/sm4-fast';
import { AppError } from '../../../shared/errors';
import {
  bodyLayout,
  CHUNK_HEADER_BYTES,
  chunkCountFor,
  decodeChunkHeader,
  DIGEST_BYTES,
  headerSchema,
  LABEL_CHUNK,
  LABEL_FILE,
  LABEL_HEADER,
  MAGIC,
  MAX_HEADER_BYTES,
  plainLengthOf,
  PREAMBLE_BYTES,
  READABLE_VERSIONS,
  readU32,
  startsWithMagic,
  TRAILER_BYTES,
  TRAILER_MAGIC,
  type BackupHeader,
} from './backup-format';
import { AttachmentUnpacker } from './attachment-section';
import { chunkCounter, type BackupKeys } from './backup-keys';
import { readExactly } from './files';

const brotliDecompressAsync = promisify<Buffer, BrotliOptions, Buffer>(brotliDecompress);

/**
 * Reading a backup, trusting nothing until it is proved: the header's SM3 (accidental damage),
 * the passphrase (key check), the header's MAC (deliberate change), then every chunk's tag
 * before its bytes are decrypted or inflated, the final flag, the trailer and the file MAC, and
 * the SM3 of the whole decompressed SQLite file. Each failure is an AppError with a code of its
 * own and a Chinese message that says what is wrong and where.
 */

export interface OpenedBackup {
  handle: FileHandle;
  fileBytes: number;
  header: BackupHeader;
  headerBytes: Uint8Array;
  headerSm3: Uint8Array;
  headerMac: Uint8Array;
  /** offset of the first chunk */
  bodyOffset: number;
}

const truncated = (detail: string) => new AppError('BACKUP_TRUNCATED', `备份文件不完整（${detail}），可能复制中断或被截断，不能使用`);
const corrupted = (detail: string) => new AppError('BACKUP_CORRUPTED', `备份文件已损坏或被篡改：${detail}，不能使用`);

/** Opens the file and checks everything that needs no key. The caller closes `handle`. */
export async function openBackup(path: string, field = 'file'): Promise<OpenedBackup> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw new AppError('NOT_FOUND', `找不到备份文件或无权读取：${path}`, field);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError('BACKUP_NOT_A_BACKUP', `不是文件：${path}`, field);
    const start = (await readExactly(handle, 0, Math.min(PREAMBLE_BYTES, info.size))) ?? Buffer.alloc(0);
    if (!startsWithMagic(start)) {
      // A prefix of the magic is a backup cut short; anything else is some other file.
      const isPrefix = start.length < MAGIC.length && start.every((b, i) => b === MAGIC[i]);
      if (isPrefix && start.length > 0) throw truncated(`只有 ${info.size} 字节`);
      throw new AppError('BACKUP_NOT_A_BACKUP', `该文件不是本系统的备份文件（文件开头不是备份标识）：${path}`, field);
    }
    if (start.length < PREAMBLE_BYTES) throw truncated(`只有 ${info.size} 字节`);
    const version = (start[8]! << 8) | start[9]!;
    if (!READABLE_VERSIONS.includes(version)) {
      throw new AppError('BACKUP_INCOMPATIBLE', `备份文件格式版本为 ${version}，本软件只能读取版本 ${READABLE_VERSIONS.join('、')}，请升级软件后再试`, field);
    }
    const headerLength = readU32(start, 10);
    if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) throw corrupted('文件头长度不正确');
    const headerEnd = PREAMBLE_BYTES + headerLength;
    const bodyOffset = headerEnd + 2 * DIGEST_BYTES;
    if (info.size < bodyOffset) throw truncated(`文件头都不完整，只有 ${info.size} 字节`);
    const rest = (await readExactly(handle, PREAMBLE_BYTES, headerLength + 2 * DIGEST_BYTES))!;
    const headerBytes = concatBytes(start, rest.subarray(0, headerLength));
    const headerSm3 = rest.subarray(headerLength, headerLength + DIGEST_BYTES);
    const headerMac = rest.subarray(headerLength + DIGEST_BYTES);
    if (!constantTimeEqual(sm3Fast(headerBytes), headerSm3)) throw corrupted('文件头（备份清单）校验值不符');
    let header: BackupHeader;
    try {
      header = headerSchema.parse(JSON.parse(bytesToUtf8(headerBytes.subarray(PREAMBLE_BYTES))));
    } catch {
      throw corrupted('文件头（备份清单）内容无法识别');
    }
    if (chunkCountFor(header.manifest.databaseBytes, header.chunkBytes) !== header.manifest.chunkCount) {
      throw corrupted('备份清单中的分块数与数据库大小不符');
    }
    // version 2 always lists its attachments (maybe none); version 1 has no attachment section
    if (header.format !== version || (version === 1) !== (header.manifest.attachments === undefined)) {
      throw corrupted('文件头（备份清单）与格式版本不符');
    }
    const { totalChunks } = bodyLayout(header);
    const minimum = bodyOffset + totalChunks * (CHUNK_HEADER_BYTES + DIGEST_BYTES) + TRAILER_BYTES;
    if (info.size < minimum) throw truncated(`清单记载 ${totalChunks} 个数据块，文件只有 ${info.size} 字节`);
    return { handle, fileBytes: info.size, header, headerBytes, headerSm3, headerMac, bodyOffset };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** After the key check passed: the header's MAC, which a forger without the key cannot recompute. */
export function checkHeaderMac(opened: OpenedBackup, keys: BackupKeys): void {
  const expected = hmacSm3Fast(keys.macKey, LABEL_HEADER, opened.headerBytes);
  if (!constantTimeEqual(expected, opened.headerMac)) throw corrupted('文件头（备份清单）认证失败，内容被改动过');
}

export interface DecryptOptions {
  /** where the SQLite file is written; removed again if anything fails */
  outPath: string;
  /**
   * Where the attachment files are written (`<first two>/<sm3>`), or null to check them only;
   * the caller creates nothing there and removes the folder if this fails.
   */
  attachmentsOutDir: string | null;
  onProgress(fraction: number): void;
}

/**
 * Verifies and decrypts every chunk: the SQLite file's into `outPath`, the attachment section's
 * into files under `attachmentsOutDir` (each checked against its SM3), then the trailer, the file
 * MAC and the SM3 of the SQLite file. Returns the SM3 (hex) on success; on failure `outPath` is
 * gone.
 */
export async function decryptBackup(opened: OpenedBackup, keys: BackupKeys, options: DecryptOptions): Promise<string> {
  const { header, handle, headerSm3 } = opened;
  const { databaseBytes } = header.manifest;
  const layout = bodyLayout(header);
  const chunkCount = layout.totalChunks;
  const unpacker = new AttachmentUnpacker(header.manifest.attachments ?? { count: 0, bytes: 0 }, options.attachmentsOutDir);
  const nonce = Buffer.from(header.nonce, 'hex');
  const fileMac = new HmacSm3(keys.macKey).update(LABEL_FILE).update(headerSm3);
  const plainHash = new Sm3Hasher();
  const output = await open(options.outPath, 'wx', 0o600);
  let position = opened.bodyOffset;
  let plainTotal = 0;
  try {
    for (let index = 0; index < chunkCount; index += 1) {
      const chunkNo = index < layout.databaseChunks ? `第 ${index + 1}/${chunkCount} 块` : `第 ${index + 1}/${chunkCount} 块（附件部分）`;
      const rawHeader = await readExactly(handle, position, CHUNK_HEADER_BYTES);
      if (!rawHeader) throw truncated(`${chunkNo}缺失`);
      const chunk = decodeChunkHeader(rawHeader);
      const expectedPlain = plainLengthOf(layout, databaseBytes, header.chunkBytes, index);
      // The lengths are checked before the tag only to avoid reading absurd amounts; a length
      // that is wrong but plausible fails the tag below like any other flipped bit.
      if (chunk.cipherLength > header.chunkBytes + (header.chunkBytes >>> 3) + 1024 || chunk.plainLength !== expectedPlain) {
        throw corrupted(`${chunkNo}的长度字段不正确`);
      }
      const body = await readExactly(handle, position + CHUNK_HEADER_BYTES, chunk.cipherLength + DIGEST_BYTES);
      if (!body) throw truncated(`${chunkNo}不完整`);
      const ciphertext = body.subarray(0, chunk.cipherLength);
      const tag = body.subarray(chunk.cipherLength);
      const expectedTag = hmacSm3Fast(keys.macKey, LABEL_CHUNK, headerSm3, rawHeader, ciphertext);
      if (!constantTimeEqual(expectedTag, tag)) throw corrupted(`${chunkNo}认证失败（数据被改动、顺序被打乱或来自其他备份）`);
      // Authentic, so these are the writer's own values: a mismatch means a writer bug, still refused.
      if (chunk.index !== index || chunk.flags > 1 || chunk.final !== (index === chunkCount - 1)) {
        throw corrupted(`${chunkNo}的序号或结束标记不正确`);
      }
      fileMac.update(tag);
      sm4Ctr(keys.encRoundKeys, chunkCounter(nonce, index), ciphertext, ciphertext);
      let plain: Buffer;
      try {
        plain = await brotliDecompressAsync(ciphertext, { maxOutputLength: header.chunkBytes, chunkSize: header.chunkBytes });
      } catch {
        throw corrupted(`${chunkNo}解压失败`);
      }
      if (plain.length !== chunk.plainLength) throw corrupted(`${chunkNo}解压后的长度不符`);
      if (index < layout.databaseChunks) {
        plainHash.update(plain);
        await output.write(plain);
        plainTotal += plain.length;
      } else {
        await unpacker.push(plain);
      }
      position += CHUNK_HEADER_BYTES + body.length;
      options.onProgress((index + 1) / chunkCount);
    }
    const trailer = await readExactly(handle, position, TRAILER_BYTES);
    if (!trailer) throw truncated('文件末尾的校验信息缺失');
    const macInput = trailer.subarray(0, TRAILER_BYTES - DIGEST_BYTES);
    const trailerMagicOk = TRAILER_MAGIC.every((b, i) => trailer[i] === b);
    if (!trailerMagicOk || readU32(trailer, TRAILER_MAGIC.length) !== chunkCount) throw corrupted('文件末尾的校验信息不正确');
    if (!constantTimeEqual(fileMac.update(macInput).digest(), trailer.subarray(TRAILER_BYTES - DIGEST_BYTES))) {
      throw corrupted('整个文件的认证码（HMAC-SM3）不符');
    }
    if (position + TRAILER_BYTES !== opened.fileBytes) throw corrupted('文件末尾有多余的数据');
    await unpacker.finish();
    const databaseSm3 = plainHash.digest();
    if (plainTotal !== databaseBytes || !constantTimeEqual(databaseSm3, trailer.subarray(TRAILER_MAGIC.length + 4, TRAILER_MAGIC.length + 4 + DIGEST_BYTES))) {
      throw corrupted('解密后数据库文件的 SM3 校验值与备份清单不符');
    }
    await output.sync();
    await output.close();
    return bytesToHex(databaseSm3);
  } catch (error) {
    await unpacker.abort();
    await output.close().catch(() => undefined);
    await rm(options.outPath, { force: true });
    throw error;
  }
}

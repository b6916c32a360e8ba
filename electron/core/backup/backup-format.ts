import { z } from 'zod';
import { utf8ToBytes } from '../../../shared/crypto';

/**
 * The backup file format, version 2 (`.gpbak`). All integers big-endian.
 *
 *   preamble   magic "\x89GPBAK\r\n" (8) ‖ format version u16 ‖ header length u32
 *   header     UTF-8 JSON (BackupHeader below: KDF parameters and salts, cipher names, manifest)
 *   headerSm3  SM3(preamble ‖ header)                        — catches accidental damage, no key
 *   headerMac  HMAC-SM3(macKey, "GPBAK header" ‖ preamble ‖ header) — catches deliberate change
 *   chunk × n  index u32 ‖ flags u8 (bit 0: final) ‖ plain length u32 ‖ cipher length u32 ‖
 *              ciphertext ‖ tag (32)
 *              — first the SQLite file's chunks, then (version 2) the attachment section's
 *   trailer    "GPBAKEND" (8) ‖ chunk count u32 (all chunks) ‖ SM3 of the SQLite file (32) ‖ fileMac (32)
 *
 * Each chunk is up to `chunkBytes` of the SQLite file, compressed (brotli) and encrypted with
 * SM4-CTR (counter = nonce ‖ chunk index ‖ block number); its tag is
 * HMAC-SM3(macKey, "GPBAK chunk" ‖ headerSm3 ‖ the 13 chunk-header bytes ‖ ciphertext), so a
 * chunk is bound to this backup, its position, its lengths and whether it is the last one:
 * truncation, reordering, splicing and bit flips all fail. fileMac =
 * HMAC-SM3(macKey, "GPBAK file" ‖ headerSm3 ‖ every chunk tag ‖ trailer up to fileMac) closes the
 * file. The SQLite file's SM3 sits in the trailer because it is known only after the last chunk;
 * the manifest in the header has everything known before (counts, versions, sizes).
 *
 *
 * Version 2 adds the attachment files (evidence, signed contracts: `<dataDir>/attachments/<first
 * two hex>/<sm3>`). Their entries — SM3 (32) ‖ size u64 ‖ the file's bytes, one after the other,
 * sorted by SM3 — form a second plaintext stream that is cut into chunks exactly like the SQLite
 * file: same chunk header, compression, SM4-CTR and tag, indices continuing after the database's
 * (so no counter block is ever used twice), the final flag on the last chunk of the whole file,
 * every tag in the file MAC. The manifest states the attachments' count and total bytes, so the
 * section's length and chunk count are known from the authenticated header; an empty section
 * has no chunks. The reader checks each file's SM3 against the SM3 in its entry.
 * Version 1 (no attachment section, no `attachments` in the manifest) is still read.
 *
 * The magic starts with a byte ≥ 0x80 and holds CR LF, as PNG's does, so a transfer that strips
 * the 8th bit or converts line ends is caught at the first bytes.
 */

export const MAGIC = Uint8Array.of(0x89, 0x47, 0x50, 0x42, 0x41, 0x4b, 0x0d, 0x0a);
export const TRAILER_MAGIC = utf8ToBytes('GPBAKEND');
export const FORMAT_VERSION = 2;
/** versions this build reads: 1 (database only) and 2 (database and attachment files) */
export const READABLE_VERSIONS: readonly number[] = [1, 2];

export const PREAMBLE_BYTES = MAGIC.length + 2 + 4;
export const MAX_HEADER_BYTES = 1 << 20;
export const DIGEST_BYTES = 32;
/** an attachment entry's header in the attachment stream: SM3 (32) ‖ size u64 */
export const ATTACHMENT_ENTRY_BYTES = DIGEST_BYTES + 8;
export const CHUNK_HEADER_BYTES = 4 + 1 + 4 + 4;
export const TRAILER_BYTES = TRAILER_MAGIC.length + 4 + DIGEST_BYTES + DIGEST_BYTES;
/** 4 MiB of the SQLite file per chunk: big enough for deflate, small enough to verify in steps */
export const CHUNK_BYTES = 4 << 20;
/** refuse to inflate a chunk beyond this, whatever its header claims */
export const MAX_CHUNK_BYTES = 64 << 20;
export const FLAG_FINAL = 1;
export const BACKUP_EXTENSION = '.gpbak';

export const LABEL_HEADER = utf8ToBytes('GPBAK header');
export const LABEL_CHUNK = utf8ToBytes('GPBAK chunk');
export const LABEL_FILE = utf8ToBytes('GPBAK file');

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`, 'u'));
const counts = z.record(z.string().max(64), z.number().int().nonnegative());

/** scrypt parameters travel with each backup, so a restore on a new machine needs only the passphrase. */
export const kdfParamsSchema = z.object({
  alg: z.literal('scrypt'),
  // Bounded so that a crafted file cannot make a restore allocate gigabytes.
  N: z.number().int().min(1024).max(1 << 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: hex(16),
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

export const manifestSchema = z.object({
  createdAt: z.number().int().nonnegative(),
  appVersion: z.string().max(64),
  deviceId: z.string().max(64),
  unit: z.object({ id: z.string().max(64), name: z.string().max(200), uscc: z.string().max(32) }),
  kind: z.enum(['manual', 'scheduled']),
  createdBy: z.object({ id: z.string().max(64), name: z.string().max(100) }).nullable(),
  schemaVersions: counts,
  counts,
  databaseBytes: z.number().int().nonnegative(),
  /** chunks of the SQLite file (the attachment section's follow from `attachments`) */
  chunkCount: z.number().int().positive(),
  /** version 2: the attachment files carried after the database; absent in version 1 */
  attachments: z.object({ count: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }).optional(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export const headerSchema = z.object({
  format: z.union([z.literal(1), z.literal(FORMAT_VERSION)]),
  product: z.literal('govpay-desk'),
  kdf: kdfParamsSchema,
  keyId: hex(8),
  backupSalt: hex(16),
  nonce: hex(8),
  keyCheck: hex(16),
  cipher: z.literal('SM4-CTR'),
  mac: z.literal('HMAC-SM3'),
  compression: z.literal('brotli'),
  chunkBytes: z.number().int().min(4096).max(MAX_CHUNK_BYTES),
  manifest: manifestSchema,
});
export type BackupHeader = z.infer<typeof headerSchema>;

export function writeU32(target: Uint8Array, offset: number, value: number): void {
  target[offset] = value >>> 24;
  target[offset + 1] = value >>> 16;
  target[offset + 2] = value >>> 8;
  target[offset + 3] = value;
}

export function readU32(source: Uint8Array, offset: number): number {
  return ((source[offset]! << 24) | (source[offset + 1]! << 16) | (source[offset + 2]! << 8) | source[offset + 3]!) >>> 0;
}

export function preamble(headerLength: number, version: number = FORMAT_VERSION): Uint8Array {
  const out = new Uint8Array(PREAMBLE_BYTES);
  out.set(MAGIC);
  out[8] = version >>> 8;
  out[9] = version & 0xff;
  writeU32(out, 10, headerLength);
  return out;
}

export function startsWithMagic(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

export interface ChunkHeader {
  index: number;
  final: boolean;
  plainLength: number;
  cipherLength: number;
}

export function encodeChunkHeader(chunk: ChunkHeader): Uint8Array {
  const out = new Uint8Array(CHUNK_HEADER_BYTES);
  writeU32(out, 0, chunk.index);
  out[4] = chunk.final ? FLAG_FINAL : 0;
  writeU32(out, 5, chunk.plainLength);
  writeU32(out, 9, chunk.cipherLength);
  return out;
}

export function decodeChunkHeader(bytes: Uint8Array): ChunkHeader & { flags: number } {
  return {
    index: readU32(bytes, 0),
    flags: bytes[4]!,
    final: (bytes[4]! & FLAG_FINAL) !== 0,
    plainLength: readU32(bytes, 5),
    cipherLength: readU32(bytes, 9),
  };
}

/** Number of chunks a SQLite file of `bytes` is cut into (an empty file still has one). */
export function chunkCountFor(bytes: number, chunkBytes: number): number {
  return Math.max(1, Math.ceil(bytes / chunkBytes));
}

/** Bytes of the attachment stream: each entry's SM3 and size, then its content. */
export function attachmentStreamBytes(attachments: { count: number; bytes: number } | undefined): number {
  return attachments ? attachments.count * ATTACHMENT_ENTRY_BYTES + attachments.bytes : 0;
}

/**
 * Where each part of the body is: the SQLite file's chunks (indices 0 … databaseChunks − 1),
 * then the attachment stream's. Everything here follows from the authenticated header.
 */
export interface BodyLayout {
  databaseChunks: number;
  attachmentChunks: number;
  attachmentStreamBytes: number;
  totalChunks: number;
}

export function bodyLayout(header: { chunkBytes: number; manifest: BackupManifest }): BodyLayout {
  const databaseChunks = header.manifest.chunkCount;
  const streamBytes = attachmentStreamBytes(header.manifest.attachments);
  const attachmentChunks = Math.ceil(streamBytes / header.chunkBytes);
  return { databaseChunks, attachmentChunks, attachmentStreamBytes: streamBytes, totalChunks: databaseChunks + attachmentChunks };
}

/** Plain length of chunk `index` (counting from the file's first chunk). */
export function plainLengthOf(layout: BodyLayout, databaseBytes: number, chunkBytes: number, index: number): number {
  if (index < layout.databaseChunks) return Math.min(chunkBytes, databaseBytes - index * chunkBytes);
  return Math.min(chunkBytes, layout.attachmentStreamBytes - (index - layout.databaseChunks) * chunkBytes);
}

export function encodeAttachmentEntry(sm3: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(ATTACHMENT_ENTRY_BYTES);
  out.set(sm3);
  writeU32(out, DIGEST_BYTES, Math.floor(size / 0x1_0000_0000));
  writeU32(out, DIGEST_BYTES + 4, size >>> 0);
  return out;
}

export function decodeAttachmentEntry(bytes: Uint8Array): { sm3: Uint8Array; size: number } {
  return { sm3: bytes.slice(0, DIGEST_BYTES), size: readU32(bytes, DIGEST_BYTES) * 0x1_0000_0000 + readU32(bytes, DIGEST_BYTES + 4) };
}

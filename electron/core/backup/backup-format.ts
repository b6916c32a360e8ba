import { z } from 'zod';
import { utf8ToBytes } from '../../../shared/crypto';

/**
 * The backup file format, version 1 (`.gpbak`). All integers big-endian.
 *
 *   preamble   magic "\x89GPBAK\r\n" (8) ‖ format version u16 ‖ header length u32
 *   header     UTF-8 JSON (BackupHeader below: KDF parameters and salts, cipher names, manifest)
 *   headerSm3  SM3(preamble ‖ header)                        — catches accidental damage, no key
 *   headerMac  HMAC-SM3(macKey, "GPBAK header" ‖ preamble ‖ header) — catches deliberate change
 *   chunk × n  index u32 ‖ flags u8 (bit 0: final) ‖ plain length u32 ‖ cipher length u32 ‖
 *              ciphertext ‖ tag (32)
 *   trailer    "GPBAKEND" (8) ‖ chunk count u32 ‖ SM3 of the SQLite file (32) ‖ fileMac (32)
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
 * The magic starts with a byte ≥ 0x80 and holds CR LF, as PNG's does, so a transfer that strips
 * the 8th bit or converts line ends is caught at the first bytes.
 */

export const MAGIC = Uint8Array.of(0x89, 0x47, 0x50, 0x42, 0x41, 0x4b, 0x0d, 0x0a);
export const TRAILER_MAGIC = utf8ToBytes('GPBAKEND');
export const FORMAT_VERSION = 1;
export const PREAMBLE_BYTES = MAGIC.length + 2 + 4;
export const MAX_HEADER_BYTES = 1 << 20;
export const DIGEST_BYTES = 32;
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
  chunkCount: z.number().int().positive(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export const headerSchema = z.object({
  format: z.literal(FORMAT_VERSION),
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

export function preamble(headerLength: number): Uint8Array {
  const out = new Uint8Array(PREAMBLE_BYTES);
  out.set(MAGIC);
  out[8] = FORMAT_VERSION >>> 8;
  out[9] = FORMAT_VERSION & 0xff;
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

import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { concatBytes, utf8ToBytes } from '../../../shared/crypto';
import { HmacSm3, hmacSm3Fast, sm3Fast } from '../../../shared/crypto/sm3-fast';
import { sm4Ctr } from '../../../shared/crypto/sm4-fast';
import { chunkCounter, type BackupKeys } from '../../../electron/core/backup/backup-keys';

/**
 * A writer of backup format version 1 (the SQLite file only, as released before the attachment
 * section existed), written from the format's description and independent of the production
 * writer, so the tests prove that today's reader still restores what yesterday's software wrote.
 * Small and in memory: fixtures only.
 *
 *   preamble  magic ‖ version u16 = 1 ‖ header length u32;  header JSON;  SM3(preamble ‖ header);
 *   HMAC-SM3(mac, "GPBAK header" ‖ preamble ‖ header);  chunks;  "GPBAKEND" ‖ count u32 ‖
 *   SM3(SQLite file) ‖ HMAC-SM3(mac, "GPBAK file" ‖ headerSm3 ‖ tags ‖ trailer up to the MAC)
 */
const MAGIC = Uint8Array.of(0x89, 0x47, 0x50, 0x42, 0x41, 0x4b, 0x0d, 0x0a);

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

/** `header` must be a version-1 header (format 1, no `attachments` in the manifest). */
export function writeBackupV1(options: { sqlitePath: string; outPath: string; header: Record<string, unknown> & { chunkBytes: number }; keys: BackupKeys; nonce: Uint8Array }): void {
  const { keys, header } = options;
  const json = utf8ToBytes(JSON.stringify(header));
  const headerBytes = concatBytes(MAGIC, Uint8Array.of(0, 1), u32(json.length), json);
  const headerSm3 = sm3Fast(headerBytes);
  const parts: Uint8Array[] = [headerBytes, headerSm3, hmacSm3Fast(keys.macKey, utf8ToBytes('GPBAK header'), headerBytes)];
  const fileMac = new HmacSm3(keys.macKey).update(utf8ToBytes('GPBAK file')).update(headerSm3);
  const plain = new Uint8Array(readFileSync(options.sqlitePath));
  const count = Math.max(1, Math.ceil(plain.length / header.chunkBytes));
  for (let index = 0; index < count; index += 1) {
    const piece = plain.subarray(index * header.chunkBytes, (index + 1) * header.chunkBytes);
    const ciphertext = new Uint8Array(brotliCompressSync(piece, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }));
    sm4Ctr(keys.encRoundKeys, chunkCounter(options.nonce, index), ciphertext, ciphertext);
    const chunkHeader = concatBytes(u32(index), Uint8Array.of(index === count - 1 ? 1 : 0), u32(piece.length), u32(ciphertext.length));
    const tag = hmacSm3Fast(keys.macKey, utf8ToBytes('GPBAK chunk'), headerSm3, chunkHeader, ciphertext);
    fileMac.update(tag);
    parts.push(chunkHeader, ciphertext, tag);
  }
  const macInput = concatBytes(utf8ToBytes('GPBAKEND'), u32(count), sm3Fast(plain));
  parts.push(macInput, fileMac.update(macInput).digest());
  writeFileSync(options.outPath, concatBytes(...parts));
}

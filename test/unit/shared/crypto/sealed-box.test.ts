import { describe, expect, it } from 'vitest';
import {
  CryptoIntegrityError,
  SEALED_OVERHEAD_BYTES,
  bytesToUtf8,
  decodeSealedBox,
  encodeSealedBox,
  generateSm4Key,
  openSm4,
  sealSm4,
  type SealedBox,
} from '../../../../shared/crypto';
import { AppError } from '../../../../shared/errors/app-error';

function flipped(bytes: Uint8Array, i: number): Uint8Array {
  return bytes.map((b, j) => (j === i ? b ^ 0x80 : b));
}

describe('sealSm4 / openSm4', () => {
  const key = generateSm4Key();

  it('round-trips text and bytes, with a fresh IV every time', () => {
    const a = sealSm4('收款人账号 6222021234567890123', key);
    const b = sealSm4('收款人账号 6222021234567890123', key);
    expect(a.iv.length).toBe(12);
    expect(a.tag.length).toBe(16);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ciphertext).not.toEqual(b.ciphertext);
    expect(bytesToUtf8(openSm4(a, key))).toBe('收款人账号 6222021234567890123');
    expect(openSm4(sealSm4(new Uint8Array(0), key), key)).toEqual(new Uint8Array(0));
  });

  it('detects tampering with any part, and throws a typed error', () => {
    const box = sealSm4('pay ¥100.00', key);
    const tampered: SealedBox[] = [
      { ...box, iv: flipped(box.iv, 0) },
      { ...box, ciphertext: flipped(box.ciphertext, 3) },
      { ...box, tag: flipped(box.tag, 15) },
      { ...box, ciphertext: box.ciphertext.subarray(1) },
      { ...box, tag: box.tag.subarray(0, 12) },
    ];
    for (const t of tampered) {
      let caught: unknown;
      try {
        openSm4(t, key);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CryptoIntegrityError);
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('INTEGRITY_CHECK_FAILED');
    }
    expect(() => openSm4(box, generateSm4Key())).toThrow(CryptoIntegrityError);
  });

  it('binds the associated data', () => {
    const box = sealSm4('secret', key, 'payee:42');
    expect(bytesToUtf8(openSm4(box, key, 'payee:42'))).toBe('secret');
    expect(() => openSm4(box, key, 'payee:43')).toThrow(CryptoIntegrityError);
    expect(() => openSm4(box, key)).toThrow(CryptoIntegrityError);
  });

  it('rejects a wrong-sized key with RangeError (a bug, not bad data)', () => {
    expect(() => sealSm4('x', new Uint8Array(32))).toThrow(RangeError);
    expect(() => openSm4(sealSm4('x', key), new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('encodeSealedBox / decodeSealedBox', () => {
  const key = generateSm4Key();

  it('packs version ‖ IV ‖ ciphertext ‖ tag and reads it back', () => {
    const box = sealSm4('hello', key);
    const bytes = encodeSealedBox(box);
    expect(bytes.length).toBe(SEALED_OVERHEAD_BYTES + 5);
    expect(bytes[0]).toBe(1);
    expect(decodeSealedBox(bytes)).toEqual(box);
    expect(bytesToUtf8(openSm4(decodeSealedBox(bytes), key))).toBe('hello');
  });

  it('detects a flip of any byte of the packed form', () => {
    const bytes = encodeSealedBox(sealSm4('hello', key));
    for (let i = 0; i < bytes.length; i += 1) {
      expect(() => openSm4(decodeSealedBox(flipped(bytes, i)), key)).toThrow(CryptoIntegrityError);
    }
  });

  it('rejects short input and unknown versions', () => {
    expect(() => decodeSealedBox(new Uint8Array(SEALED_OVERHEAD_BYTES - 1).fill(1))).toThrow(CryptoIntegrityError);
    const bytes = encodeSealedBox(sealSm4('hello', key));
    bytes[0] = 2;
    expect(() => decodeSealedBox(bytes)).toThrow(CryptoIntegrityError);
  });
});

import fc from 'fast-check';
import { sm2 as smV2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import {
  CryptoIntegrityError,
  SM2_DEFAULT_USER_ID,
  bytesToHex,
  bytesToUtf8,
  clearSm2KeyCache,
  concatBytes,
  generateSm2KeyPair,
  hexToBytes,
  sm2Decrypt,
  sm2Encrypt,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2Verify,
  sm3Hex,
  utf8ToBytes,
} from '../../../../shared/crypto';
import { smCryptoV1 } from './sm-crypto-v1';

/**
 * The worked example on the recommended curve (GB/T 32918.5-2017 / GM/T 0003.5-2012, the one
 * OpenSSL, GmSSL and Tongsuo test against): key pair, message "message digest", default user id,
 * nonce k, and the resulting r, s.
 */
const STD = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '04' +
    '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  za: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  e: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  signature:
    'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3' +
    'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
  // Encryption example with the same key and k: M = "encryption standard", C = 04‖C1‖C3‖C2.
  plaintext: 'encryption standard',
  ciphertext:
    '04' +
    '04ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73' +
    'e858f9d81e5430a57b36daab8f950a3c64e6ee6a63094d99283aff767e124df0' +
    '59983c18f809e262923c53aec295d30383b54e39d609d160afcb1908d0bd8766' +
    '21886ca989ca9c7d58087307ca93092d651efa',
};

/** Curve parameters of GB/T 32918.5, for recomputing Z_A independently of either library. */
const CURVE_HEX =
  'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc' + // a
  '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93' + // b
  '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7' + // Gx
  'bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0'; // Gy
const N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

function compress(publicKey: string): string {
  const y = BigInt(`0x${publicKey.slice(66)}`);
  return (y % 2n === 0n ? '02' : '03') + publicKey.slice(2, 66);
}

function flipHexAt(hex: string, i: number): string {
  const c = hex.charAt(i) === '0' ? '1' : '0';
  return hex.slice(0, i) + c + hex.slice(i + 1);
}

describe('SM2 — the standard example', () => {
  it('derives the example public key from its private key', () => {
    expect(sm2PublicKeyFromPrivate(STD.d)).toBe(STD.publicKey);
    expect(sm2PublicKeyFromPrivate(STD.d.toUpperCase())).toBe(STD.publicKey);
  });

  it('signs SM3(Z_A ‖ M) with Z_A over the default id 1234567812345678', () => {
    const entl = new Uint8Array([0x00, 0x80]); // 16 bytes of id = 128 bits
    const za = sm3Hex(concatBytes(entl, utf8ToBytes(SM2_DEFAULT_USER_ID), hexToBytes(CURVE_HEX + STD.publicKey.slice(2))));
    expect(za).toBe(STD.za);
    expect(sm3Hex(concatBytes(hexToBytes(za), utf8ToBytes(STD.message)))).toBe(STD.e);
  });

  it('verifies the example signature', () => {
    expect(sm2Verify(STD.message, STD.signature, STD.publicKey)).toBe(true);
    expect(sm2Verify(utf8ToBytes(STD.message), STD.signature.toUpperCase(), STD.publicKey.toUpperCase())).toBe(true);
  });

  it('reproduces r‖s from the example nonce with the options sm2Sign uses', () => {
    // sm2Sign draws k at random; the library's point pool lets us inject the example's k to show
    // that { hash: true, der: false, default user id } is exactly the standard's computation.
    const kG = smV2.getPublicKeyFromPrivateKey(STD.k);
    const signature = smV2.doSignature(utf8ToBytes(STD.message), STD.d, {
      hash: true,
      der: false,
      userId: SM2_DEFAULT_USER_ID,
      pointPool: [{ k: BigInt(`0x${STD.k}`), x1: BigInt(`0x${kG.slice(2, 66)}`) }],
    });
    expect(signature).toBe(STD.signature);
  });

  it('decrypts the example ciphertext, with or without the 04 prefix on C1', () => {
    expect(bytesToUtf8(sm2Decrypt(STD.ciphertext, STD.d))).toBe(STD.plaintext);
    expect(bytesToUtf8(sm2Decrypt(STD.ciphertext.slice(2), STD.d))).toBe(STD.plaintext);
  });
});

describe('SM2 — keys', () => {
  it('generates an uncompressed public key and a 64-hex private key that belong together', () => {
    const { publicKey, privateKey } = generateSm2KeyPair();
    expect(publicKey).toMatch(/^04[0-9a-f]{128}$/u);
    expect(privateKey).toMatch(/^[0-9a-f]{64}$/u);
    expect(sm2PublicKeyFromPrivate(privateKey)).toBe(publicKey);
    expect(generateSm2KeyPair().privateKey).not.toBe(privateKey);
  });

  it.each([
    ['', 'empty'],
    ['abc', 'too short'],
    [STD.d.slice(1), '63 hex'],
    [`${STD.d}00`, '66 hex'],
    [`z${STD.d.slice(1)}`, 'not hex'],
    ['0'.repeat(64), 'zero'],
    [(N - 1n).toString(16), 'n − 1 (d must be ≤ n − 2)'],
    [N.toString(16), 'n'],
  ])('rejects private key %j (%s) with RangeError', (bad) => {
    expect(() => sm2PublicKeyFromPrivate(bad)).toThrow(RangeError);
    expect(() => sm2Sign('x', bad)).toThrow(RangeError);
  });
});

describe('SM2 — sign and verify', () => {
  const keys = generateSm2KeyPair();
  const other = generateSm2KeyPair();

  it('round-trips strings, Chinese text, bytes and the empty message', () => {
    for (const message of ['payment #42', '工程款支付 ¥1,234.56 😀', '', new Uint8Array([0, 1, 2, 255])]) {
      const signature = sm2Sign(message, keys.privateKey);
      expect(signature).toMatch(/^[0-9a-f]{128}$/u);
      expect(sm2Verify(message, signature, keys.publicKey)).toBe(true);
    }
  });

  it('is randomised: two signatures of one message differ and both verify', () => {
    const a = sm2Sign('same', keys.privateKey);
    const b = sm2Sign('same', keys.privateKey);
    expect(a).not.toBe(b);
    expect(sm2Verify('same', a, keys.publicKey) && sm2Verify('same', b, keys.publicKey)).toBe(true);
  });

  it('accepts the public key as an option, and the key in compressed or bare form', () => {
    const signature = sm2Sign('m', keys.privateKey, { publicKey: keys.publicKey });
    expect(sm2Verify('m', signature, keys.publicKey)).toBe(true);
    expect(sm2Verify('m', signature, compress(keys.publicKey))).toBe(true);
    expect(sm2Verify('m', signature, keys.publicKey.slice(2))).toBe(true);
    expect(() => sm2Sign('m', keys.privateKey, { publicKey: 'nonsense' })).toThrow(RangeError);
  });

  it('binds the user id', () => {
    const signature = sm2Sign('m', keys.privateKey, { userId: 'alice@example.gov.cn' });
    expect(sm2Verify('m', signature, keys.publicKey, { userId: 'alice@example.gov.cn' })).toBe(true);
    expect(sm2Verify('m', signature, keys.publicKey)).toBe(false);
  });

  it('rejects a changed message, a changed signature and the wrong key', () => {
    const signature = sm2Sign('pay ¥100.00 to A', keys.privateKey);
    expect(sm2Verify('pay ¥900.00 to A', signature, keys.publicKey)).toBe(false);
    expect(sm2Verify('pay ¥100.00 to A', signature, other.publicKey)).toBe(false);
    for (let i = 0; i < 128; i += 7) {
      expect(sm2Verify('pay ¥100.00 to A', flipHexAt(signature, i), keys.publicKey)).toBe(false);
    }
  });

  it('answers false, never throws, on garbage', () => {
    const signature = sm2Sign('m', keys.privateKey);
    const r = signature.slice(0, 64);
    const s = signature.slice(64);
    const zero = '0'.repeat(64);
    const n = N.toString(16);
    const garbage: Array<[unknown, unknown, unknown]> = [
      ['m', '', keys.publicKey],
      ['m', 'zz', keys.publicKey],
      ['m', signature.slice(1), keys.publicKey],
      ['m', `${signature}00`, keys.publicKey],
      ['m', `${signature.slice(0, 127)}g`, keys.publicKey],
      ['m', zero + s, keys.publicKey], // r = 0
      ['m', r + zero, keys.publicKey], // s = 0
      ['m', n + s, keys.publicKey], // r = n
      ['m', r + n, keys.publicKey], // s = n
      ['m', 'f'.repeat(128), keys.publicKey],
      ['m', signature, ''],
      ['m', signature, '04'],
      ['m', signature, `04${'0'.repeat(128)}`], // not on the curve
      ['m', signature, `05${keys.publicKey.slice(2)}`],
      ['m', signature, flipHexAt(keys.publicKey, 129)], // y changed: off the curve
      ['m', signature, 42],
      ['m', 42, keys.publicKey],
      [42, signature, keys.publicKey],
      [null, signature, keys.publicKey],
      [undefined, undefined, undefined],
    ];
    for (const [message, sig, key] of garbage) {
      expect(sm2Verify(message as string, sig as string, key as string)).toBe(false);
    }
  });

  it('never throws on random signatures and keys', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), fc.string({ maxLength: 140 }), (sig, key) => {
        return sm2Verify('m', sig, key) === false;
      }),
      { numRuns: 200 },
    );
  });
});

describe('SM2 — verification key cache', () => {
  it('gives the same answers before and after a key is precomputed', () => {
    clearSm2KeyCache();
    const keys = generateSm2KeyPair();
    const good = sm2Sign('m', keys.privateKey);
    const bad = flipHexAt(good, 100);
    // 1st use: plain key; 2nd: builds the table; later: uses it. Answers must not change.
    for (let round = 0; round < 4; round += 1) {
      expect(sm2Verify('m', good, keys.publicKey)).toBe(true);
      expect(sm2Verify('m', bad, keys.publicKey)).toBe(false);
      expect(sm2Verify('m2', good, keys.publicKey)).toBe(false);
      expect(sm2Verify(STD.message, STD.signature, STD.publicKey)).toBe(true);
      expect(sm2Verify(STD.message, good, STD.publicKey)).toBe(false);
    }
  });

  it('keeps working when more keys are used than it holds', () => {
    clearSm2KeyCache();
    const pairs = Array.from({ length: 66 }, () => generateSm2KeyPair()); // the cache holds 64
    const signatures = pairs.map((p) => sm2Sign('m', p.privateKey));
    for (let round = 0; round < 2; round += 1) {
      pairs.forEach((p, i) => expect(sm2Verify('m', signatures[i] ?? '', p.publicKey)).toBe(true));
    }
    expect(sm2Verify('m', signatures[1] ?? '', pairs[0]?.publicKey ?? '')).toBe(false);
  });
});

describe('SM2 — interoperability with sm-crypto', () => {
  const keys = generateSm2KeyPair();
  const messages: Array<string | Uint8Array> = ['hello', '工程款支付审批 第3期', '𠀀 outside the BMP', new Uint8Array([1, 2, 3])];

  it('verifies signatures made by sm-crypto with { hash: true, der: false }', () => {
    const v1Keys = smCryptoV1.sm2.generateKeyPairHex();
    for (const message of messages) {
      const signature = smCryptoV1.sm2.doSignature(message, v1Keys.privateKey, { hash: true, der: false });
      expect(sm2Verify(message, signature, v1Keys.publicKey)).toBe(true);
    }
  });

  it('makes signatures sm-crypto verifies', () => {
    for (const message of messages) {
      const signature = sm2Sign(message, keys.privateKey);
      expect(smCryptoV1.sm2.doVerifySignature(message, signature, keys.publicKey, { hash: true, der: false })).toBe(true);
    }
  });

  it('agrees on custom user ids', () => {
    const signature = smCryptoV1.sm2.doSignature('m', keys.privateKey, { hash: true, der: false, userId: 'ALICE123@YAHOO.COM' });
    expect(sm2Verify('m', signature, keys.publicKey, { userId: 'ALICE123@YAHOO.COM' })).toBe(true);
  });

  it('agrees on the public key of a private key', () => {
    expect(smCryptoV1.sm2.getPublicKeyFromPrivateKey(keys.privateKey)).toBe(keys.publicKey);
  });

  it('decrypts what sm-crypto encrypts (C1C3C2) and the reverse', () => {
    const fromV1 = smCryptoV1.sm2.doEncrypt('机密：中标价 ¥12,345,678.90', keys.publicKey, 1);
    expect(bytesToUtf8(sm2Decrypt(fromV1, keys.privateKey))).toBe('机密：中标价 ¥12,345,678.90');
    const ours = sm2Encrypt('机密', keys.publicKey);
    expect(smCryptoV1.sm2.doDecrypt(ours, keys.privateKey, 1)).toBe('机密');
  });
});

describe('SM2 — encrypt and decrypt', () => {
  const keys = generateSm2KeyPair();

  it('round-trips, with C1‖C3‖C2 of 64 + 32 + n bytes (65 + 32 + n with the 04 prefix)', () => {
    for (const plaintext of [new Uint8Array(0), utf8ToBytes('工程款'), new Uint8Array(1000).fill(7)]) {
      const bare = sm2Encrypt(plaintext, keys.publicKey);
      const prefixed = sm2Encrypt(plaintext, keys.publicKey, { c1Prefix04: true });
      expect(bare.length).toBe(2 * (96 + plaintext.length));
      expect(prefixed.length).toBe(2 * (97 + plaintext.length));
      expect(prefixed.startsWith('04')).toBe(true);
      expect(bytesToHex(sm2Decrypt(bare, keys.privateKey))).toBe(bytesToHex(plaintext));
      expect(bytesToHex(sm2Decrypt(prefixed, keys.privateKey))).toBe(bytesToHex(plaintext));
    }
  });

  it('is randomised', () => {
    expect(sm2Encrypt('x', keys.publicKey)).not.toBe(sm2Encrypt('x', keys.publicKey));
  });

  it('throws CryptoIntegrityError for tampered data or the wrong key', () => {
    const ciphertext = sm2Encrypt('pay ¥100.00', keys.publicKey);
    const expectIntegrityError = (hex: string, privateKey = keys.privateKey) => {
      expect(() => sm2Decrypt(hex, privateKey)).toThrow(CryptoIntegrityError);
    };
    expectIntegrityError(flipHexAt(ciphertext, 200)); // in C2
    expectIntegrityError(flipHexAt(ciphertext, 150)); // in C3
    expectIntegrityError(flipHexAt(ciphertext, 10)); // in C1: usually off the curve
    expectIntegrityError(ciphertext.slice(0, -2)); // truncated
    expectIntegrityError(ciphertext, generateSm2KeyPair().privateKey);
    expectIntegrityError('');
    expectIntegrityError('abc');
    expectIntegrityError('zz'.repeat(100));
    expectIntegrityError('00'.repeat(100));
  });

  it('rejects an invalid public key with RangeError', () => {
    expect(() => sm2Encrypt('x', `04${'0'.repeat(128)}`)).toThrow(RangeError);
    expect(() => sm2Encrypt('x', 'hello')).toThrow(RangeError);
  });
});

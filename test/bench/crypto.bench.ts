/**
 * Throughput of shared/crypto (over sm-crypto-v2) against the original `sm-crypto` as baseline.
 *
 *   npx tsx test/bench/crypto.bench.ts            # ~1 minute
 *   SLOW=1 npx tsx test/bench/crypto.bench.ts     # also the GB/T 32907 million-iteration SM4 check
 *   BENCH_SCALE=0.1 npx tsx test/bench/crypto.bench.ts   # quick smoke run
 *
 * Prints a markdown table. The "ours" column goes through the public functions of shared/crypto,
 * so it includes their input validation — that is the cost the application actually pays.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  bytesToHex,
  clearSm2KeyCache,
  generateSm2KeyPair,
  hexToBytes,
  randomBytes,
  sm2Sign,
  sm2Verify,
  sm3Hex,
  sm4DecryptCbc,
  sm4EncryptBlock,
  sm4EncryptCbc,
  sm4GcmEncrypt,
} from '../../shared/crypto';
import { smCryptoV1 } from '../unit/shared/crypto/sm-crypto-v1';

const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;

interface Row {
  operation: string;
  unit: string;
  ours: number;
  baseline: number | null;
}

function seconds(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

/** Runs `op` until at least `minSeconds` have passed (and at least `minOps` times); returns ops/s. */
function opsPerSecond(op: (i: number) => void, minSeconds: number, minOps = 20): number {
  for (let i = 0; i < 5; i += 1) op(i); // warm-up: JIT and precomputed tables
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minSeconds * 1000 || count < minOps) {
    op(count);
    count += 1;
    elapsed = performance.now() - start;
  }
  return count / (elapsed / 1000);
}

function mbPerSecond(bytes: number, secs: number): number {
  return bytes / 1e6 / secs;
}

function benchSm3(): Row {
  const count = Math.round(100_000 * SCALE);
  const messages = Array.from({ length: 1000 }, () => randomBytes(300));
  const v1Messages = messages.map((m) => Array.from(m)); // v1 copies typed arrays to plain arrays itself; give it its native form
  sm3Hex(messages[0] ?? new Uint8Array(0));
  const ours = seconds(() => {
    for (let i = 0; i < count; i += 1) sm3Hex(messages[i % 1000] ?? new Uint8Array(0));
  });
  const baseline = seconds(() => {
    for (let i = 0; i < count; i += 1) smCryptoV1.sm3(v1Messages[i % 1000] ?? []);
  });
  return {
    operation: `SM3, ${count.toLocaleString('en-US')} × 300-byte messages`,
    unit: 'MB/s',
    ours: mbPerSecond(count * 300, ours),
    baseline: mbPerSecond(count * 300, baseline),
  };
}

function benchSm2(): Row[] {
  const { publicKey, privateKey } = generateSm2KeyPair();
  const message = 'audit entry 00042 sm3=66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
  const secs = 2 * SCALE;
  const opts = { hash: true, der: false, publicKey } as const;

  const signOurs = opsPerSecond(() => sm2Sign(message, privateKey, { publicKey }), secs);
  const signBaseline = opsPerSecond(() => smCryptoV1.sm2.doSignature(message, privateKey, opts), secs);
  const signOursNoKey = opsPerSecond(() => sm2Sign(message, privateKey), secs);

  const signatures = Array.from({ length: 50 }, () => sm2Sign(message, privateKey));
  const v1Signatures = Array.from({ length: 50 }, () => smCryptoV1.sm2.doSignature(message, privateKey, opts));
  const verifyOurs = opsPerSecond((i) => {
    if (!sm2Verify(message, signatures[i % 50] ?? '', publicKey)) throw new Error('verify failed');
  }, secs);
  // 100 keys used in turn overflow the 64-key precomputation cache: every verification is cold.
  const cold = Array.from({ length: 100 }, () => {
    const pair = generateSm2KeyPair();
    return { publicKey: pair.publicKey, signature: sm2Sign(message, pair.privateKey) };
  });
  clearSm2KeyCache();
  const verifyCold = opsPerSecond((i) => {
    const c = cold[i % 100];
    if (c === undefined || !sm2Verify(message, c.signature, c.publicKey)) throw new Error('verify failed');
  }, secs);
  const verifyBaseline = opsPerSecond((i) => {
    const ok = smCryptoV1.sm2.doVerifySignature(message, v1Signatures[i % 50] ?? '', publicKey, { hash: true, der: false });
    if (!ok) throw new Error('verify failed');
  }, secs);

  return [
    { operation: 'SM2 sign (SM3 + Z_A, public key supplied)', unit: 'ops/s', ours: signOurs, baseline: signBaseline },
    { operation: 'SM2 sign (public key derived each time)', unit: 'ops/s', ours: signOursNoKey, baseline: null },
    { operation: 'SM2 verify, same key (precomputed after 2nd use)', unit: 'ops/s', ours: verifyOurs, baseline: verifyBaseline },
    { operation: 'SM2 verify, a different key each time', unit: 'ops/s', ours: verifyCold, baseline: verifyBaseline },
  ];
}

function benchSm4(): Row[] {
  const key = randomBytes(16);
  const iv = randomBytes(16);
  const size = 1 << 20; // 1 MiB per call
  const rounds = Math.max(1, Math.round(8 * SCALE));
  const data = randomBytes(size);
  const v1Data = Array.from(data);
  const v1Key = bytesToHex(key);
  const v1Iv = bytesToHex(iv);

  sm4EncryptCbc(data.subarray(0, 1024), key, iv); // warm-up
  let ciphertext: Uint8Array = new Uint8Array(0);
  const encOurs = seconds(() => {
    for (let i = 0; i < rounds; i += 1) ciphertext = sm4EncryptCbc(data, key, iv);
  });
  const decOurs = seconds(() => {
    for (let i = 0; i < rounds; i += 1) sm4DecryptCbc(ciphertext, key, iv);
  });
  const encBaseline = seconds(() => {
    for (let i = 0; i < rounds; i += 1) smCryptoV1.sm4.encrypt(v1Data, v1Key, { mode: 'cbc', iv: v1Iv, output: 'array' });
  });
  const gcmIv = randomBytes(12);
  const gcmOurs = seconds(() => {
    for (let i = 0; i < rounds; i += 1) sm4GcmEncrypt(data, key, gcmIv);
  });
  const bytes = size * rounds;
  return [
    { operation: `SM4-CBC encrypt, ${rounds} × 1 MiB`, unit: 'MB/s', ours: mbPerSecond(bytes, encOurs), baseline: mbPerSecond(bytes, encBaseline) },
    { operation: `SM4-CBC decrypt, ${rounds} × 1 MiB`, unit: 'MB/s', ours: mbPerSecond(bytes, decOurs), baseline: null },
    { operation: `SM4-GCM encrypt, ${rounds} × 1 MiB`, unit: 'MB/s', ours: mbPerSecond(bytes, gcmOurs), baseline: null },
  ];
}

function millionIterationCheck(): string {
  const key = hexToBytes('0123456789abcdeffedcba9876543210');
  let block = key;
  const secs = seconds(() => {
    for (let i = 0; i < 1_000_000; i += 1) block = sm4EncryptBlock(block, key);
  });
  const got = bytesToHex(block);
  const ok = got === '595298c7c6fd271f0402f804c33d3f66';
  return `GB/T 32907 example 2 (1,000,000 SM4 encryptions): ${got} — ${ok ? 'matches' : 'MISMATCH'} (${secs.toFixed(1)} s)`;
}

function format(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(n >= 10 ? 1 : 2);
}

function main(): void {
  const rows = [benchSm3(), ...benchSm2(), ...benchSm4()];
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}, ${cpu}, scale ${SCALE}\n`);
  console.log('| Operation | Unit | shared/crypto (sm-crypto-v2) | sm-crypto (baseline) | Ratio |');
  console.log('|---|---|--:|--:|--:|');
  for (const row of rows) {
    const baseline = row.baseline === null ? '—' : format(row.baseline);
    const ratio = row.baseline === null ? '—' : `${(row.ours / row.baseline).toFixed(1)}×`;
    console.log(`| ${row.operation} | ${row.unit} | ${format(row.ours)} | ${baseline} | ${ratio} |`);
  }
  if (process.env.SLOW) console.log(`\n${millionIterationCheck()}`);
}

main();

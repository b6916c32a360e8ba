/**
 * Verifies a desktop's audit chain from the command line, without starting the application:
 *
 *   npm run audit:verify -- --data-dir DIR [--public-key HEX] [--json]
 *
 * DIR is the folder holding govpay.sqlite (Electron: the userData folder). The expected public key
 * defaults to the device record in that database; `--public-key` takes it from outside instead —
 * the stronger check, since whoever can rewrite the database can also replace the device record
 * (later the province will supply it). Output is Chinese and English; `--json` prints the report.
 *
 * Exit code: 0 the chain verifies, 1 it is broken, 2 the check could not be made.
 *
 * The database is opened through openDatabase like the application does, so an older file is
 * migrated first; nothing else is written (no audit event, no checkpoint). Close the application
 * first, or the database may be busy.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AUDIT_HEAD_FILE, type ChainBreakReason } from '../shared/audit';
import { verifyDeviceChain, type ChainReport } from '../electron/core/audit/chain-verifier';
import { AuditHeadStore } from '../electron/core/audit/head-store';
import { openDatabase } from '../electron/core/db/database';

const REASON_EN: Record<ChainBreakReason, string> = {
  gap: 'events missing',
  reordered: 'events reordered',
  prevHashMismatch: 'link to the previous hash broken',
  hashMismatch: 'event content altered',
  badSignature: 'invalid signature (not the device key)',
  truncated: 'tail cut off',
  duplicate: 'duplicate number',
};

const USAGE = '用法 / usage: npm run audit:verify -- --data-dir DIR [--public-key HEX] [--json]';

function print(report: ChainReport, context: { dataDir: string; deviceId: string; keySource: string }): void {
  const lines = [
    '审计链校验 / Audit chain verification',
    `数据目录 / Data folder: ${context.dataDir}`,
    `设备 / Device: ${context.deviceId}`,
    `公钥来源 / Public key from: ${context.keySource}`,
  ];
  const broken = report.firstBroken;
  if (broken === null) {
    lines.push(`结果：通过。共 ${report.checked} 条，哈希链与签名全部有效`);
    lines.push(`Result: PASSED. ${report.checked} events; hash chain and signatures all valid`);
    if (report.head) lines.push(`链头 / Head: #${report.head.seq} ${report.head.hash}`);
  } else {
    lines.push(`结果：未通过。审计链在第 ${broken.seq} 条处断开：${broken.message}`);
    lines.push(`Result: FAILED. First broken link: #${broken.seq} (${broken.reason}: ${REASON_EN[broken.reason]}); the ${report.checked} events before it are intact`);
  }
  for (const warning of report.warnings) lines.push(`提示 / Warning: ${warning}`);
  lines.push(`用时 / Took: ${report.durationMs} ms`);
  console.log(lines.join('\n'));
}

async function main(): Promise<number> {
  let values: { 'data-dir'?: string; 'public-key'?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { 'data-dir': { type: 'string' }, 'public-key': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const dataDir = values['data-dir'];
  if (values.help === true || dataDir === undefined) {
    console.error(USAGE);
    return values.help === true ? 0 : 2;
  }
  // openDatabase would create an empty database where there is none: refuse instead.
  if (!existsSync(join(dataDir, 'govpay.sqlite'))) {
    console.error(`未找到数据库 ${join(dataDir, 'govpay.sqlite')} / database not found`);
    return 2;
  }
  const db = await openDatabase({ directory: dataDir });
  try {
    const device = (await db.settings.findOne('device').exec())?.toJSON().value;
    const deviceId = device?.['deviceId'];
    const recordedKey = device?.['publicKey'];
    if (typeof deviceId !== 'string' || typeof recordedKey !== 'string') {
      console.error('数据库中没有设备身份记录，无法确定要校验的审计链 / no device identity in this database');
      return 2;
    }
    const publicKey = values['public-key'] ?? recordedKey;
    const keySource = values['public-key'] === undefined ? '设备记录 / device record' : '命令行参数 / --public-key';
    const report = await verifyDeviceChain(db, { deviceId, publicKey }, new AuditHeadStore(db, join(dataDir, AUDIT_HEAD_FILE)));
    if (values.json === true) console.log(JSON.stringify({ deviceId, keySource, ...report }, null, 2));
    else print(report, { dataDir, deviceId, keySource });
    return report.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('校验未能完成 / verification could not be made:', error);
    process.exit(2);
  },
);

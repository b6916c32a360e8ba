import { DEFAULT_PASSWORD_POLICY, passwordProblems } from '../../../shared/auth/password-policy';
import { generateSm2KeyPair } from '../../../shared/crypto';
import { AppError } from '../../../shared/errors';
import { ManualClock } from '../app/clock';
import { WriteLock } from '../app/write-lock';
import { AuditLog } from '../audit/audit-log';
import { openDatabase } from '../db/database';
import { loadOrCreateDeviceIdentity } from '../device/device-identity';
import { DataKeyring } from '../keyring/data-keyring';
import { instantAt, type Day } from './calendar';
import { generateSeed, type SeedSummary } from './generate';
import { Prng } from './prng';
import { SeededIds } from './seeded-ids';
import type { Signer } from './signer';

export interface SeedDatabaseOptions {
  /** folder that will hold govpay.sqlite; must not hold a set-up database */
  directory: string;
  scale: number;
  seed: string;
  asOfDay: Day;
  password: string;
  signer?: Signer;
  devMode?: boolean;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * A generated database outside the app (CLI, benchmarks, tests): opens it through openDatabase,
 * gives the installation a device id derived from the seed (its SM2 key is random), and writes
 * the county with a clock that stands at each event's time, so the audit chain reads like the
 * history it records. Generated accounts need no password change: it is a test bed.
 */
export async function seedDatabase(options: SeedDatabaseOptions): Promise<SeedSummary & { deviceId: string }> {
  const db = await openDatabase({ directory: options.directory, devMode: options.devMode ?? false });
  try {
    const asOf = instantAt(options.asOfDay + 1, 0) - 1;
    const clock = new ManualClock(asOf);
    if (!(await db.settings.findOne('device').exec())) {
      const keys = generateSm2KeyPair();
      const deviceId = new SeededIds(new Prng(options.seed).fork('device'), asOf).next();
      await db.settings.insert({ id: 'device', unitId: '', value: { deviceId, ...keys }, createdBy: 'system', createdAt: asOf, updatedAt: asOf });
    }
    const device = await loadOrCreateDeviceIdentity(db, clock);
    const summary = await generateSeed({
      db,
      scale: options.scale,
      seed: options.seed,
      asOfDay: options.asOfDay,
      password: options.password,
      mustChangePassword: () => false,
      checkPassword: (login) => {
        const problem = passwordProblems(options.password, DEFAULT_PASSWORD_POLICY, login)[0];
        if (problem) throw new AppError('WEAK_PASSWORD', `${problem.message}（登录名 ${login}）`, 'password');
      },
      deviceId: device.deviceId,
      audit: new AuditLog(db, device, clock, new WriteLock(), { dataDir: options.directory }),
      keyring: new DataKeyring(db, clock),
      purpose: 'cli',
      setAuditTime: (ms) => clock.advance(ms - clock.now()),
      ...(options.signer ? { signer: options.signer } : {}),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { ...summary, deviceId: device.deviceId };
  } finally {
    await db.close();
  }
}

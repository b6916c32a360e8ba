import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../electron/core/app/clock';
import { createCore, type Core } from '../../../electron/core/app/create-core';
import type { CollectionName } from '../../../electron/core/db/schemas';
import { AUDIT_HEAD_SETTING } from '../../../shared/audit';
import { bytesToHex } from '../../../shared/crypto';
import { CHUNK_BYTES, chunkCountFor, FORMAT_VERSION, type BackupManifest } from '../../../electron/core/backup/backup-format';
import { backupKeys, newBackupSalts } from '../../../electron/core/backup/backup-keys';
import { writeBackupFile } from '../../../electron/core/backup/backup-writer';
import { inspectDatabaseFile, takeSnapshot } from '../../../electron/core/backup/snapshot';
import { ADMIN_PASSWORD, SETUP_INPUT, START_TIME, typed, valueOf, type TypedCaller } from '../../support/test-core';

export const PASSPHRASE = 'Backup#2026pass';
export const USER_PASSWORD = 'Init#2026a';

/**
 * A real core on a real SQLite file, an office set up through the API, and a backup folder
 * beside it (never inside the data folder, which the core refuses).
 */
export interface BackupWorld {
  root: string;
  dataDir: string;
  backupDir: string;
  clock: ManualClock;
  core: Core;
  admin: TypedCaller;
  errors: unknown[];
  /** closes the core and starts a new one on the same folder (applies a staged restore) */
  restart(): Promise<void>;
  /** signs the administrator in again (after the clock jumped past the idle timeout) */
  signInAgain(): Promise<void>;
  close(): Promise<void>;
}

async function signIn(core: Core): Promise<TypedCaller> {
  const admin = typed(core.connect('direct'));
  const status = valueOf(await admin.call('setup.status', {}));
  if (!status.initialized) valueOf(await admin.call('setup.initialize', SETUP_INPUT));
  valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
  return admin;
}

export async function startWorld(): Promise<BackupWorld> {
  const root = mkdtempSync(join(tmpdir(), 'govpay-backup-'));
  const dataDir = join(root, 'data');
  const backupDir = join(root, 'backups');
  mkdirSync(backupDir, { recursive: true });
  const clock = new ManualClock(START_TIME);
  const errors: unknown[] = [];
  const open = () =>
    createCore({ dataDir, runtime: 'browser', clock, devMode: true, logger: { error: (message, detail) => errors.push([message, detail]) } });
  let core = await open();
  const world: BackupWorld = {
    root,
    dataDir,
    backupDir,
    clock,
    core,
    admin: await signIn(core),
    errors,
    async restart() {
      await world.core.close();
      core = await open();
      world.core = core;
      world.admin = await signIn(core);
    },
    async signInAgain() {
      world.admin = await signIn(world.core);
    },
    async close() {
      await world.core.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return world;
}

export async function addUsers(admin: TypedCaller, logins: readonly string[]): Promise<void> {
  for (const login of logins) {
    valueOf(await admin.call('users.create', { login, name: `用户${login}`, roles: ['finance'], password: USER_PASSWORD, passwordConfirm: USER_PASSWORD }));
  }
}

export async function configure(world: BackupWorld, overrides: Partial<{ passphrase: string; keep: number; scheduleEnabled: boolean; timeOfDay: string; folder: string }> = {}) {
  return world.admin.call('backup.configure', {
    folder: overrides.folder ?? world.backupDir,
    passphrase: overrides.passphrase ?? PASSPHRASE,
    passphraseConfirm: overrides.passphrase ?? PASSPHRASE,
    scheduleEnabled: overrides.scheduleEnabled ?? true,
    timeOfDay: overrides.timeOfDay ?? '02:00',
    keep: overrides.keep ?? 30,
  });
}

/**
 * Settings that move with every audit event (the signed chain head), compared with the chain
 * itself rather than as documents.
 */
const CHAIN_BOOKKEEPING = new Set([AUDIT_HEAD_SETTING]);

/**
 * Every document of every collection, by collection, sorted by id, without RxDB's bookkeeping
 * (`_rev`, `_meta`), so two databases can be compared for "the same documents".
 */
export async function dumpDocuments(core: Core, skip: readonly CollectionName[] = ['sessions']): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const collections = core.services.db.collections as unknown as Record<string, { find(): { exec(): Promise<Array<{ toJSON(): unknown }>> } }>;
  for (const name of Object.keys(collections).sort()) {
    if ((skip as readonly string[]).includes(name)) continue;
    const docs = await collections[name]!.find().exec();
    out[name] = docs
      .map((d) => d.toJSON() as Record<string, unknown>)
      .map(({ _rev: _r, _meta: _m, _attachments: _a, ...rest }) => rest)
      .filter((doc) => name !== 'settings' || !CHAIN_BOOKKEEPING.has(String(doc['id'])))
      .sort((a, b) => String(a['id']).localeCompare(String(b['id'])));
  }
  return out;
}

/** Files of a folder (names only), for "nothing was created or removed here". */
export function listing(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/**
 * A backup made with the world's own key (so it authenticates), but with a manifest changed by
 * `edit` — what a newer version of the software would write.
 */
export async function craftBackup(world: BackupWorld, edit: (manifest: BackupManifest) => BackupManifest): Promise<string> {
  const config = await world.core.services.backup.backups.config();
  if (!config) throw new Error('configure the world first');
  const snapshot = join(world.root, `snapshot-${Date.now()}.sqlite`);
  await takeSnapshot(join(world.dataDir, 'govpay.sqlite'), snapshot, () => undefined);
  const contents = inspectDatabaseFile(snapshot);
  const databaseBytes = statSync(snapshot).size;
  const { backupSalt, nonce } = newBackupSalts();
  const keys = backupKeys(config.key.masterBytes, backupSalt);
  const outPath = join(world.root, `crafted-${Date.now()}.gpbak`);
  await writeBackupFile({
    snapshotPath: snapshot,
    outPath,
    keys,
    nonce,
    onProgress: () => undefined,
    cancelled: () => false,
    header: {
      format: FORMAT_VERSION,
      product: 'govpay-desk',
      kdf: config.key.kdf,
      keyId: config.key.keyId,
      backupSalt: bytesToHex(backupSalt),
      nonce: bytesToHex(nonce),
      keyCheck: bytesToHex(keys.check),
      cipher: 'SM4-CTR',
      mac: 'HMAC-SM3',
      compression: 'brotli',
      chunkBytes: CHUNK_BYTES,
      manifest: edit({
        createdAt: world.clock.now(),
        appVersion: '9.9.9',
        deviceId: world.core.services.device.deviceId,
        unit: { id: 'u', name: '示例县财政局', uscc: '' },
        kind: 'manual',
        createdBy: null,
        schemaVersions: contents.schemaVersions,
        counts: contents.counts,
        databaseBytes,
        chunkCount: chunkCountFor(databaseBytes, CHUNK_BYTES),
        attachments: { count: 0, bytes: 0 },
      }),
    },
  });
  rmSync(snapshot, { force: true });
  return outPath;
}

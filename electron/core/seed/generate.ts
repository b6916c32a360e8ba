import type { Role } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import type { DataKeyring } from '../keyring/data-keyring';
import { dayText, instantAt, yearOf, yearStart, type Day } from './calendar';
import { BatchBook } from './batch-book';
import { buildDecisionTables } from './decision-tables';
import { buildDistrict } from './district';
import { DocSink } from './doc-sink';
import { InvoiceNumbers } from './identifiers';
import { Counters, type SeedContext, type UserPlan } from './model';
import { assembleOrg, planOrg } from './org';
import { planPayees } from './payees';
import { Prng } from './prng';
import { SEED_SETTING, type SeedSettingValue } from './seed-settings';
import { SeededIds } from './seeded-ids';
import { inProcessSigner, type Signer } from './signer';
import { accountDocs, auditUserCreation, grantDataKey, withKeys } from './users';

export interface GenerateSeedOptions {
  db: GovPayDatabase;
  /** districts of ten projects (≈ 40 contracts, ≈ 300 requests each) */
  scale: number;
  seed: string;
  /** the last day of the data */
  asOfDay: Day;
  /** every generated account's password */
  password: string;
  mustChangePassword(user: UserPlan): boolean;
  /** refuses the password for an account (it must not contain the login, R11); throws AppError */
  checkPassword?: (login: string) => void;
  /** the installation whose finance desk holds every allocation */
  deviceId: string;
  /** the device's audit chain; appended to while the caller holds the core's write lock */
  audit: AuditLog;
  keyring: DataKeyring;
  purpose: 'cli' | 'demo';
  /** moves the audit clock to each event's time (the CLI's manual clock); the core leaves it */
  setAuditTime?: (ms: number) => void;
  signer?: Signer;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  unitId: string;
  unitName: string;
  uscc: string;
  adminLogin: string;
  users: { login: string; name: string; roles: Role[] }[];
  /** documents written, by docType (and users, units) */
  counts: Record<string, number>;
  /** opens the data key when every password is lost; shown once, like at a normal first run */
  recoveryCode: string;
  /** milliseconds per phase: accounts (scrypt), districts, and bulkInsert per collection */
  timings: Record<string, number>;
}

const NOTE = { cli: '由数据生成器创建', demo: '体验数据' } as const;

/**
 * Writes a whole county into an empty database: the office, its people (one password for all,
 * printed by the CLI or chosen on the demo screen), default approval rules, payees, and `scale`
 * districts of projects with everything that follows from them. Same seed, scale and asOf give
 * the same documents, apart from what is random by nature (password hashes, keys, signatures,
 * ciphertexts, audit-event ids and hashes).
 */
export async function generateSeed(options: GenerateSeedOptions): Promise<SeedSummary> {
  const { db } = options;
  if (!Number.isInteger(options.scale) || options.scale < 1) throw new RangeError('scale must be a whole number ≥ 1');
  if ((await db.units.count().exec()) > 0) throw new AppError('ALREADY_SET_UP', '数据库中已有单位，生成器只写入空数据库');
  const prng = new Prng(options.seed);
  const originDay = yearStart(yearOf(options.asOfDay) - 7);
  const origin = instantAt(originDay, 9 * 60);
  // one id sequence for the whole run, from the office's first day: ids grow as documents are made
  const ids = new SeededIds(prng.fork('ids'), origin);
  const asOf = instantAt(options.asOfDay + 1, 0) - 1;

  const timings: Record<string, number> = {};
  let phase = performance.now();
  const lap = (name: string) => {
    timings[name] = performance.now() - phase;
    phase = performance.now();
  };
  const orgPlan = planOrg(prng.fork('org'), ids, options.scale, origin);
  // every account gets the password, so it must pass the policy for every login, before any write
  for (const user of orgPlan.users) options.checkPassword?.(user.login);
  await db.units.bulkInsert([orgPlan.province, orgPlan.county].filter((u) => u !== null));
  const users = withKeys(orgPlan.users);
  const org = assembleOrg(orgPlan, users);
  const admin = { id: org.admin.id, name: org.admin.name };
  const { dataKey, recoveryCode } = await options.keyring.initialize(org.county.id, org.admin.id, options.password);
  lap('data key (scrypt)');
  // The accounts' scrypt work runs on libuv's threads while this thread builds the districts.
  const credentials = { password: options.password, mustChangePassword: options.mustChangePassword };
  const accounts = (async () => {
    const docs = await accountDocs(users, credentials, origin, org.admin.id);
    await grantDataKey(options.keyring, dataKey, users, options.password, org.admin.id);
    return docs;
  })();
  accounts.catch(() => undefined);

  const sink = new DocSink(db, options.signer ?? inProcessSigner, options.batchSize);
  const { docs: tableDocs, tables } = buildDecisionTables(ids, origin, org.admin.id, org.county.id);
  for (const doc of tableDocs) sink.add('records', doc);
  const payees = planPayees(prng.fork('payees'), ids, org, options.scale, dataKey, origin);
  for (const payee of payees) sink.add('contracts', payee.doc);
  const ctx: SeedContext = {
    prng,
    ids,
    org,
    tables,
    payees,
    invoices: new InvoiceNumbers(org.provinceCode, prng.fork('invoices')),
    counters: new Counters(),
    batches: new BatchBook(ids, prng.fork('batches'), org),
    deviceId: options.deviceId,
    dataKey,
    asOfDay: options.asOfDay,
    asOf,
    originDay,
  };
  const usedNames = new Set<string>();
  for (let district = 0; district < options.scale; district += 1) {
    await buildDistrict(ctx, district, usedNames, sink);
    options.onProgress?.(district + 1, options.scale);
  }
  ctx.batches.emitAll(sink);
  await sink.flush();
  lap('districts (generate, sign, write)');
  for (const [name, ms] of sink.timings) timings[`  of which ${name}`] = ms;
  const userDocs = await accounts;
  const inserted = await db.users.bulkInsert(userDocs);
  if (inserted.error.length > 0) throw new Error(`seed: users refused: ${JSON.stringify(inserted.error[0]).slice(0, 500)}`);
  options.setAuditTime?.(origin);
  await auditUserCreation(options.audit, userDocs, admin, NOTE[options.purpose]);
  lap('accounts (scrypt, after the districts)');

  const counts: Record<string, number> = { unit: orgPlan.province ? 2 : 1, user: userDocs.length, ...Object.fromEntries(sink.counts) };
  const value: SeedSettingValue = {
    generated: true,
    purpose: options.purpose,
    seed: options.seed,
    scale: options.scale,
    asOf: dayText(options.asOfDay),
    adminLogin: org.admin.login,
    note: `本库数据由数据生成器生成（${NOTE[options.purpose]}），全部账号使用生成时设定的同一密码`,
    counts,
  };
  await db.settings.insert({ id: SEED_SETTING, unitId: org.county.id, value: { ...value }, createdBy: org.admin.id, createdAt: asOf, updatedAt: asOf });
  options.setAuditTime?.(asOf);
  await options.audit.appendLocked({
    unitId: org.county.id,
    actor: admin,
    action: 'seed.generate',
    entity: 'unit',
    entityId: org.county.id,
    summary: `数据生成器写入${NOTE[options.purpose]}：${org.county.name}，规模 ${options.scale}，项目 ${counts.project ?? 0} 个、合同 ${counts.contract ?? 0} 份、支付申请 ${counts.paymentRequest ?? 0} 笔（种子 ${options.seed}，截至 ${value.asOf}）`,
    payload: value,
  });
  return {
    unitId: org.county.id,
    unitName: org.county.name,
    uscc: org.county.uscc,
    adminLogin: org.admin.login,
    users: org.users.map((u) => ({ login: u.login, name: u.name, roles: u.roles })),
    counts,
    recoveryCode,
    timings,
  };
}

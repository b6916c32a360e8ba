import type { CoreServices } from '../../../electron/core/app/core-services';
import type { ContractDoc, MilestoneDoc, ProgressCertificateDoc } from '../../../electron/core/db/schemas';
import { encryptField } from '../../../electron/core/keyring/field-cipher';
import { randomBytes } from '../../../shared/crypto';
import type { AttachmentView } from '../../../shared/api/methods/attachment-methods';
import type { AttachmentPurpose } from '../../../shared/payments/evidence';
import type { Role } from '../../../shared/domain/roles';
import { newId } from '../../../shared/ids/uuidv7';
import { sm3Fast } from '../../../shared/crypto/sm3-fast';
import { bytesToHex } from '../../../shared/crypto';
import { ADMIN_PASSWORD, SETUP_INPUT, startTestCore, typed, valueOf, type TestCore, type TypedCaller } from '../../support/test-core';
import { pdfBytes } from '../../unit/attachments/evidence-files';

const FIRST_PW = 'Init#2026a';
const PW = 'Work#2026b';

export interface PaymentsWorld {
  t: TestCore;
  services: CoreServices;
  unitId: string;
  /** 项目负责人 who files (not the project's own lead, as in the seed) */
  lead: TypedCaller;
  leadId: string;
  finance: TypedCaller;
  projectId: string;
  budgetLineId: string;
  /** ¥1,000,000 works contract, 3 % retention, ¥500,000 certified */
  contract: ContractDoc;
  milestones: Record<'advance' | 'progress' | 'settlement' | 'retention', MilestoneDoc>;
  /** uploads a small real PDF through the chunked API */
  upload(purpose: AttachmentPurpose, name?: string, caller?: TypedCaller): Promise<AttachmentView>;
  /** documents of every collection a refused submit could touch, and audit events */
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

async function signIn(t: TestCore, admin: TypedCaller, login: string, name: string, roles: Role[]): Promise<{ caller: TypedCaller; id: string }> {
  const user = valueOf(await admin.call('users.create', { login, name, roles, password: FIRST_PW, passwordConfirm: FIRST_PW }));
  const caller = typed(t.core.connect('direct'));
  valueOf(await caller.call('auth.login', { login, password: FIRST_PW }));
  valueOf(await caller.call('auth.changePassword', { currentPassword: FIRST_PW, newPassword: PW, newPasswordConfirm: PW }));
  return { caller, id: user.id };
}

export async function uploadBytes(caller: TypedCaller, bytes: Uint8Array, fileName: string, purpose: AttachmentPurpose, sm3 = bytesToHex(sm3Fast(bytes))) {
  const begun = await caller.call('attachments.beginUpload', { fileName, mediaType: '', size: bytes.length, purpose });
  if (!begun.ok) return begun;
  const { uploadId, chunkBytes } = begun.value;
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const part = bytes.subarray(offset, offset + chunkBytes);
    const sent = await caller.call('attachments.uploadChunk', { uploadId, offset, data: Buffer.from(part).toString('base64') });
    if (!sent.ok) return sent;
  }
  return caller.call('attachments.finishUpload', { uploadId, sm3 });
}

/**
 * A set-up office (first-run way, so the approval tables are the approval service's defaults),
 * a project lead and a finance clerk signed in over the API, and one works contract with its
 * budget line (¥2,000,000 held by this device), milestones and one confirmed certificate —
 * written as the seed writes them, since contracts are another capability.
 */
export async function startPaymentsWorld(options: { budgetFen?: number } = {}): Promise<PaymentsWorld> {
  const t = await startTestCore();
  const services = t.core.services;
  const admin = typed(t.core.connect('direct'));
  valueOf(await admin.call('setup.initialize', SETUP_INPUT));
  valueOf(await admin.call('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
  const lead = await signIn(t, admin, 'xiangmu', '李项目', ['projectLead']);
  const projectLead = await signIn(t, admin, 'fuze', '张负责', ['projectLead']);
  const finance = await signIn(t, admin, 'caiwu', '钱财务', ['finance']);
  const unitId = (await services.db.units.find().exec())[0]?.id as string;
  const { projectId, budgetLineId, contract, milestones } = await insertContractFixture(services, { unitId, leadUserId: projectLead.id, budgetFen: options.budgetFen ?? 200_000_000 });
  let uploads = 0;
  return {
    t,
    services,
    unitId,
    lead: lead.caller,
    leadId: lead.id,
    finance: finance.caller,
    projectId,
    budgetLineId,
    contract,
    milestones,
    async upload(purpose, name, caller = lead.caller) {
      uploads += 1;
      const bytes = pdfBytes(`evidence ${purpose} ${uploads}`);
      return valueOf(await uploadBytes(caller, bytes, name ?? `${purpose}-${uploads}.pdf`, purpose));
    },
    async counts() {
      const [payments, records, audit, settings, riskalerts] = await Promise.all([
        services.db.payments.count().exec(),
        services.db.records.count().exec(),
        services.db.auditevents.count().exec(),
        services.db.settings.count().exec(),
        services.db.riskalerts.count().exec(),
      ]);
      return { payments, records, audit, settings, riskalerts };
    },
    close: () => t.close(),
  };
}

export interface ContractFixture {
  projectId: string;
  budgetLineId: string;
  contract: ContractDoc;
  milestones: Record<'advance' | 'progress' | 'settlement' | 'retention', MilestoneDoc>;
}

/**
 * One works contract written as the seed writes it (contracts are another capability): project,
 * budget line held entirely by this device, payee, contract (3 % retention), four milestones
 * (defect period ends 2028-12-31) and one confirmed progress certificate.
 */
export async function insertContractFixture(
  services: CoreServices,
  input: { unitId: string; leadUserId: string; budgetFen?: number; contractFen?: number; certifiedFen?: number },
): Promise<ContractFixture> {
  const unitId = input.unitId;
  const now = services.clock.now();
  const header = () => ({ id: newId(), unitId, createdBy: input.leadUserId, createdAt: now, updatedAt: now });
  const projectId = newId();
  const budgetLineId = newId();
  const budget = input.budgetFen ?? 200_000_000;
  await services.db.projects.insert({ ...header(), id: projectId, docType: 'project', code: 'XM-2026-001', name: '城东路改造工程', type: 'municipalRoad', ownerUnitId: unitId, fundSources: ['fiscal'], leadUserId: input.leadUserId, status: 'active' });
  await services.db.projects.insert({ ...header(), id: budgetLineId, docType: 'budgetLine', projectId, year: 2026, subjectCode: '2120303', fundSource: 'fiscal', amount: budget });
  await services.db.projects.insert({ ...header(), docType: 'allocation', budgetLineId, holderDeviceId: services.device.deviceId, amount: budget });
  const payeeId = newId();
  const key = randomBytes(16);
  await services.db.contracts.insert({
    ...header(),
    id: payeeId,
    docType: 'counterparty',
    name: '福建省闽路建设工程有限公司',
    uscc: '91350100M000100Y43',
    isSme: true,
    bankName: '中国建设银行福州城东支行',
    bankAccountEnc: encryptField('35050161234500001234', key, { collection: 'contracts', field: 'bankAccountEnc', docId: payeeId }),
    bankAccountLast4: '1234',
    wageBankName: '中国建设银行福州城东支行',
    wageAccountEnc: encryptField('35050161234500005678', key, { collection: 'contracts', field: 'wageAccountEnc', docId: payeeId }),
    wageAccountLast4: '5678',
  });
  const contract: ContractDoc = {
    ...header(),
    docType: 'contract',
    code: 'HT-2026-00001',
    name: '城东路改造工程施工合同',
    projectId,
    counterpartyId: payeeId,
    amount: input.contractFen ?? 100_000_000,
    signedAt: '2026-03-01',
    paymentTermDays: 30,
    labourShare: 2_000,
    retentionRate: 300,
    status: 'active',
    version: 1,
    documentHash: null,
  };
  await services.db.contracts.insert(contract);
  const milestone = (seq: number, kind: MilestoneDoc['kind'], name: string, ratio: number, dueDate?: string): MilestoneDoc => ({
    ...header(),
    docType: 'milestone',
    contractId: contract.id,
    seq,
    name,
    kind,
    ratio,
    dueRule: 'fixedDate',
    dueDays: null,
    acceptedAt: null,
    ...(dueDate ? { dueDate } : {}),
    status: 'open',
  });
  const milestones = {
    advance: milestone(1, 'advance', '预付款', 2_000),
    progress: milestone(2, 'progress', '进度款（按月计量支付）', 8_500),
    settlement: milestone(3, 'settlement', '竣工结算款', 9_700),
    retention: milestone(4, 'retention', '质量保证金（缺陷责任期满返还）', 300, '2028-12-31'),
  };
  for (const m of Object.values(milestones)) await services.db.contracts.insert(m);
  const certificate: ProgressCertificateDoc = {
    ...header(),
    docType: 'progressCertificate',
    contractId: contract.id,
    period: '2026-10',
    certifiedValue: input.certifiedFen ?? 50_000_000,
    cumulativeCertified: input.certifiedFen ?? 50_000_000,
    certifiedAt: '2026-11-05',
    certifiedByName: '福州市建设监理有限公司',
    attachmentIds: [],
    status: 'confirmed',
  };
  await services.db.contracts.insert(certificate);

  return { projectId, budgetLineId, contract, milestones };
}

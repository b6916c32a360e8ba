import type { CounterpartyInput, CounterpartyView } from '../../../shared/contracts/contract-api-schemas';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { runAtomically } from '../app/unit-of-work';
import type { Actor } from '../api/handler-types';
import type { CounterpartyDoc } from '../db/schemas';
import { decryptField, encryptField } from '../keyring/field-cipher';
import { auditActor, CONTRACT_READERS, CONTRACT_WRITERS, maySeeFullAccounts, requireDataKey, requireRole } from './contract-access';
import type { ContractDeps } from './contract-ports';
import { contractPolicy, findOfType, loadInScope } from './contract-records';

const COLLECTION = 'contracts';

function last4(account: string): string {
  return account.slice(-4);
}

/** The shape of shared/validators maskAccount, built from the stored last four digits alone. */
function maskedTail(tail: string | null): string {
  return tail ? `**** **** ${tail}` : '****';
}

/**
 * 收款单位. Account numbers are SM4-encrypted with the installation's data key, bound to the
 * document and field (field-cipher.ts), so the SQLite file never holds one in clear; the last
 * four digits are kept apart so masked lists need no key.
 */
export class CounterpartyService {
  constructor(private readonly deps: ContractDeps) {}

  /** The view for this actor: full numbers only for the roles of FULL_ACCOUNT_ROLES. */
  view(doc: CounterpartyDoc, actor: Actor): CounterpartyView {
    const full = maySeeFullAccounts(actor);
    const key = full ? actor.dataKey : null;
    const open = (stored: string | null, field: string, tail: string | null): string | null => {
      if (stored === null) return null;
      if (key) return decryptField(stored, key, { collection: COLLECTION, field, docId: doc.id });
      return maskedTail(tail);
    };
    return {
      id: doc.id,
      unitId: doc.unitId,
      name: doc.name,
      uscc: doc.uscc,
      isSme: doc.isSme,
      bankName: doc.bankName,
      bankAccount: open(doc.bankAccountEnc, 'bankAccountEnc', doc.bankAccountLast4) ?? '',
      wageBankName: doc.wageBankName,
      wageAccount: open(doc.wageAccountEnc, 'wageAccountEnc', doc.wageAccountLast4),
      accounts: key ? 'full' : full ? 'locked' : 'masked',
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
    };
  }

  async list(actor: Actor, search: string | undefined): Promise<CounterpartyView[]> {
    requireRole(actor, CONTRACT_READERS);
    const docs = await findOfType(this.deps.db, 'counterparty', { unitId: { $in: [...actor.scopeUnitIds] } });
    const term = search?.trim();
    const hits = term ? docs.filter((d) => d.name.includes(term) || d.uscc.includes(term.toUpperCase())) : docs;
    return hits.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')).map((d) => this.view(d, actor));
  }

  async get(actor: Actor, id: string): Promise<CounterpartyDoc> {
    return loadInScope(this.deps.db, 'counterparty', id, actor, 'counterpartyId');
  }

  private async assertUniqueUscc(unitId: string, uscc: string, exceptId: string | null): Promise<void> {
    const same = await findOfType(this.deps.db, 'counterparty', { unitId, uscc });
    const other = same.find((d) => d.id !== exceptId);
    if (other) throw new AppError('COUNTERPARTY_DUPLICATE', `本单位已登记统一社会信用代码为 ${uscc} 的收款单位“${other.name}”`, 'uscc');
  }

  private assertWagePair(input: CounterpartyInput): void {
    if ((input.wageAccount === null) !== (input.wageBankName === null || input.wageBankName === '')) {
      const field = input.wageAccount === null ? 'wageAccount' : 'wageBankName';
      throw new AppError('VALIDATION_FAILED', '农民工工资专用账户须同时填写开户银行和账号', field);
    }
  }

  private sealed(id: string, input: CounterpartyInput, key: Uint8Array) {
    return {
      bankAccountEnc: encryptField(input.bankAccount, key, { collection: COLLECTION, field: 'bankAccountEnc', docId: id }),
      bankAccountLast4: last4(input.bankAccount),
      wageBankName: input.wageAccount === null ? null : input.wageBankName,
      wageAccountEnc: input.wageAccount === null ? null : encryptField(input.wageAccount, key, { collection: COLLECTION, field: 'wageAccountEnc', docId: id }),
      wageAccountLast4: input.wageAccount === null ? null : last4(input.wageAccount),
    };
  }

  /**
   * R1 follows the payee: one that becomes an SME must not keep a live contract whose agreed term
   * is over the SME maximum, or the office would be bound to a term the law forbids.
   */
  private async assertSmeTermsHold(counterpartyId: string): Promise<void> {
    const policy = await contractPolicy(this.deps.db);
    const live = (await findOfType(this.deps.db, 'contract', { counterpartyId })).filter((c) => c.status === 'draft' || c.status === 'active' || c.status === 'completed');
    const long = live.find((c) => c.paymentTermDays > policy.smeMaxTermDays);
    if (long) {
      throw new AppError(
        'CONTRACT_SME_TERM_TOO_LONG',
        `R1：合同 ${long.code} 约定付款期限 ${long.paymentTermDays} 日，超过中小企业最长 ${policy.smeMaxTermDays} 日（《保障中小企业款项支付条例》第九条）；请先通过合同变更缩短期限，再标记为中小企业`,
        'isSme',
      );
    }
  }

  async create(actor: Actor, input: CounterpartyInput): Promise<CounterpartyView> {
    requireRole(actor, CONTRACT_WRITERS);
    this.assertWagePair(input);
    const key = requireDataKey(actor);
    const { db, lock, audit, clock } = this.deps;
    const unitId = actor.unit.id;
    const doc = await runAtomically(lock, db, async () => {
      await this.assertUniqueUscc(unitId, input.uscc, null);
      const id = newId();
      const now = clock.now();
      const created: CounterpartyDoc = {
        id,
        unitId,
        createdBy: actor.user.id,
        createdAt: now,
        updatedAt: now,
        docType: 'counterparty',
        name: input.name,
        uscc: input.uscc,
        isSme: input.isSme,
        bankName: input.bankName,
        ...this.sealed(id, input, key),
      };
      await db.contracts.insert(created);
      await audit.appendLocked({
        unitId,
        actor: auditActor(actor),
        action: 'counterparty.create',
        entity: 'counterparty',
        entityId: id,
        summary: `登记收款单位“${input.name}”（${input.uscc}${input.isSme ? '，中小企业' : ''}）`,
        // the payload names accounts by their last digits only: the audit log is not a key store
        payload: { id, name: input.name, uscc: input.uscc, isSme: input.isSme, bankName: input.bankName, bankLast4: created.bankAccountLast4, wageLast4: created.wageAccountLast4 },
      });
      return created;
    });
    return this.view(doc, actor);
  }

  async update(actor: Actor, id: string, input: CounterpartyInput): Promise<CounterpartyView> {
    requireRole(actor, CONTRACT_WRITERS);
    this.assertWagePair(input);
    const key = requireDataKey(actor);
    const { db, lock, audit, clock } = this.deps;
    const doc = await runAtomically(lock, db, async () => {
      const before = await this.get(actor, id);
      await this.assertUniqueUscc(before.unitId, input.uscc, id);
      if (input.isSme && !before.isSme) await this.assertSmeTermsHold(id);
      const sealed = this.sealed(id, input, key);
      const oldBank = decryptField(before.bankAccountEnc, key, { collection: COLLECTION, field: 'bankAccountEnc', docId: id });
      const oldWage = before.wageAccountEnc === null ? null : decryptField(before.wageAccountEnc, key, { collection: COLLECTION, field: 'wageAccountEnc', docId: id });
      const accountsChanged = oldBank !== input.bankAccount || oldWage !== input.wageAccount;
      const next: CounterpartyDoc = { ...before, name: input.name, uscc: input.uscc, isSme: input.isSme, bankName: input.bankName, ...sealed, updatedAt: clock.now() };
      const stored = await db.contracts.findOne(id).exec();
      await stored?.incrementalPatch(next);
      await audit.appendLocked({
        unitId: before.unitId,
        actor: auditActor(actor),
        action: 'counterparty.update',
        entity: 'counterparty',
        entityId: id,
        summary: `修改收款单位“${input.name}”${accountsChanged ? '（含收款账号变更）' : ''}`,
        payload: {
          id,
          before: { name: before.name, uscc: before.uscc, isSme: before.isSme, bankName: before.bankName, bankLast4: before.bankAccountLast4, wageLast4: before.wageAccountLast4 },
          after: { name: next.name, uscc: next.uscc, isSme: next.isSme, bankName: next.bankName, bankLast4: next.bankAccountLast4, wageLast4: next.wageAccountLast4 },
        },
      });
      return next;
    });
    return this.view(doc, actor);
  }
}

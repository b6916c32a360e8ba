import { CompiledTableCache, type CompiledTable } from '../../../shared/approval/decision-engine';
import { DECISION_INPUT_LABELS, type ApprovalSubject, type RouteStep } from '../../../shared/domain/approval';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import type { Clock } from '../app/clock';
import { runAtomically } from '../app/unit-of-work';
import type { WriteLock } from '../app/write-lock';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import type { DecisionTableDoc } from '../db/schemas';
import { APPROVAL_THRESHOLD_FEN } from '../seed/decision-tables';

const PROJECT_LEAD: RouteStep = { role: 'projectLead', scope: 'own', mode: 'any', label: '项目负责人审批' };
const FINANCE: RouteStep = { role: 'finance', scope: 'own', mode: 'any', label: '财务审核' };
const LEADER: RouteStep = { role: 'leader', scope: 'own', mode: 'any', label: '分管领导审批' };

/**
 * Version 1 of each subject's table for an office set up without the demo: the same rules the
 * seed writes (seed/decision-tables.ts), so a real office and the demo route alike.
 */
export function defaultTableContent(subject: ApprovalSubject): Pick<DecisionTableDoc, 'name' | 'inputs' | 'rules' | 'hitPolicy'> {
  const inputs = (['amount', 'projectType', 'fundSource', 'paymentKind'] as const).map((input) => ({ input, label: DECISION_INPUT_LABELS[input] }));
  if (subject === 'paymentRequest') {
    return {
      name: '默认支付审批规则',
      inputs,
      hitPolicy: 'FIRST',
      rules: [
        { id: 'below-500k', when: [`< ${APPROVAL_THRESHOLD_FEN}`, '-', '-', '-'], steps: [PROJECT_LEAD], note: '50万元以下：项目负责人审批' },
        { id: 'from-500k', when: [`>= ${APPROVAL_THRESHOLD_FEN}`, '-', '-', '-'], steps: [PROJECT_LEAD, FINANCE, LEADER], note: '50万元及以上：项目负责人审批后，财务审核、分管领导审批' },
      ],
    };
  }
  return {
    name: '默认合同变更审批规则',
    inputs: inputs.slice(0, 1),
    hitPolicy: 'FIRST',
    rules: [{ id: 'any-change', when: ['-'], steps: [FINANCE, LEADER], note: '合同变更：财务审核、分管领导审批' }],
  };
}

function plain(doc: { toJSON(): unknown }): DecisionTableDoc {
  return doc.toJSON() as DecisionTableDoc;
}

/**
 * Decision-table versions in `records`: each version an immutable document, the one in force
 * the newest whose `activeFrom` has passed. Compiled tables are cached by document id, which is
 * safe because a stored version never changes.
 */
export class DecisionTableStore {
  private readonly compiled = new CompiledTableCache();

  constructor(
    private readonly db: GovPayDatabase,
    private readonly audit: AuditLog,
    private readonly lock: WriteLock,
    private readonly clock: Clock,
  ) {}

  compile(table: DecisionTableDoc): CompiledTable {
    return this.compiled.get(table.id, table);
  }

  async versions(subject: ApprovalSubject): Promise<DecisionTableDoc[]> {
    await this.ensureDefaults();
    const docs = await this.db.records.find({ selector: { docType: 'decisionTable', subject }, sort: [{ docType: 'asc' }, { subject: 'asc' }, { version: 'desc' }] }).exec();
    return docs.map(plain);
  }

  async byId(id: string): Promise<DecisionTableDoc> {
    const doc = await this.db.records.findOne(id).exec();
    if (!doc || doc.docType !== 'decisionTable') throw new AppError('NOT_FOUND', '审批规则版本不存在', 'tableId');
    return plain(doc);
  }

  /** The version in force at `at`: the newest already active (a future version waits its turn). */
  async inForce(subject: ApprovalSubject, at: number = this.clock.now()): Promise<DecisionTableDoc> {
    // versions are few; of those already active, the latest activeFrom wins, then the higher version
    const find = async () => {
      const docs = await this.db.records.find({ selector: { docType: 'decisionTable', subject, activeFrom: { $lte: at } } }).exec();
      const tables = docs.map(plain).sort((a, b) => b.activeFrom - a.activeFrom || b.version - a.version);
      return tables[0] ?? null;
    };
    let table = await find();
    if (!table) {
      await this.ensureDefaults();
      table = await find();
    }
    if (!table) throw new AppError('NO_ROUTE', '尚无生效的审批规则（所有版本的生效时间都在将来），请系统管理员检查审批规则', 'decisionTable');
    return table;
  }

  async latestVersion(subject: ApprovalSubject): Promise<number> {
    const doc = await this.db.records
      .findOne({ selector: { docType: 'decisionTable', subject }, sort: [{ docType: 'desc' }, { subject: 'desc' }, { version: 'desc' }] })
      .exec();
    return doc ? (doc as unknown as DecisionTableDoc).version : 0;
  }

  /**
   * An office set up without the demo has no tables yet: version 1 of each is written on first
   * use, in one unit of work with its audit event (joining the caller's when there is one).
   */
  async ensureDefaults(): Promise<void> {
    const missing = async () => {
      const out: ApprovalSubject[] = [];
      for (const subject of ['paymentRequest', 'contractChange'] as const) {
        const any = await this.db.records.findOne({ selector: { docType: 'decisionTable', subject } }).exec();
        if (!any) out.push(subject);
      }
      return out;
    };
    if ((await missing()).length === 0) return;
    await runAtomically(this.lock, this.db, async () => {
      const subjects = await missing();
      if (subjects.length === 0) return;
      const office = await this.db.units.findOne({ selector: { parentId: null } }).exec();
      const unit = office ?? (await this.db.units.findOne().exec());
      if (!unit) throw new AppError('NOT_SET_UP');
      const now = this.clock.now();
      for (const subject of subjects) {
        const doc: DecisionTableDoc = {
          id: newId(),
          unitId: unit.id,
          createdBy: 'system',
          createdAt: now,
          updatedAt: now,
          docType: 'decisionTable',
          subject,
          version: 1,
          ...defaultTableContent(subject),
          activeFrom: now,
        };
        await this.db.records.insert(doc);
        await this.audit.appendLocked({
          unitId: unit.id,
          actor: null,
          action: 'approval.table.default',
          entity: 'decisionTable',
          entityId: doc.id,
          summary: `首次使用审批：按默认规则建立“${doc.name}”第 1 版`,
          payload: doc,
        });
      }
    });
  }

  /** Writes a new version (already validated by the caller, inside its unit of work). */
  async insertLocked(doc: DecisionTableDoc): Promise<void> {
    await this.db.records.insert(doc);
  }
}

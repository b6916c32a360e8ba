import type { BudgetLineView } from '../../../shared/api/methods/budget-methods';
import { amountBelowCommitted, lineKey, lineProblems, type BudgetLineFields } from '../../../shared/budget/line-rules';
import { sumFen } from '../../../shared/budget/position';
import { FUND_SOURCE_LABELS } from '../../../shared/domain/fund-source';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { formatFen } from '../../../shared/money';
import type { Actor } from '../api/handler-types';
import type { CoreServices } from '../app/core-services';
import { runAtomically } from '../app/unit-of-work';
import type { AllocationDoc, BudgetLineDoc, ProjectDoc } from '../db/schemas';
import { assertCanRead, inScope } from './project-access';
import { lineView } from './project-views';

type Deps = Pick<CoreServices, 'db' | 'lock' | 'clock' | 'audit' | 'budget'>;

export interface LinePatch {
  budgetLineId: string;
  amount?: number | undefined;
  monthlyPlan?: number[] | null | undefined;
}

/**
 * 预算指标 and their allocations (额度分配). A line created here is held whole by this device, the
 * finance desk of the office that keeps the project (DESIGN.md, offline budget safety).
 */
export class BudgetLineService {
  constructor(private readonly deps: Deps) {}

  async views(lines: readonly BudgetLineDoc[]): Promise<BudgetLineView[]> {
    const positions = await this.deps.budget.positionsOf(lines);
    const ids = lines.map((l) => l.id);
    const allocations = ids.length === 0 ? [] : (await this.deps.db.projects.find({ selector: { docType: 'allocation', budgetLineId: { $in: ids } } }).exec()).map((d) => d.toJSON() as AllocationDoc);
    return lines.map((line) => {
      const position = positions.get(line.id);
      if (!position) throw new Error(`no position for line ${line.id}`);
      return lineView(line, position, allocations.filter((a) => a.budgetLineId === line.id), this.deps.budget.deviceId);
    });
  }

  async view(budgetLineId: string): Promise<BudgetLineView> {
    const [view] = await this.views([await this.deps.budget.line(budgetLineId)]);
    if (!view) throw new AppError('NOT_FOUND', '预算指标不存在', 'budgetLineId');
    return view;
  }

  /** Checks a new line against the database: its project, the project's fund sources, uniqueness. */
  async problemsAgainstDatabase(actor: Actor, project: ProjectDoc, fields: BudgetLineFields): Promise<{ field: string; code: 'VALIDATION_FAILED' | 'BUDGET_LINE_DUPLICATE' | 'OUT_OF_SCOPE'; message: string }[]> {
    const out: { field: string; code: 'VALIDATION_FAILED' | 'BUDGET_LINE_DUPLICATE' | 'OUT_OF_SCOPE'; message: string }[] = [];
    if (!inScope(actor, project.unitId)) out.push({ field: 'projectId', code: 'OUT_OF_SCOPE', message: `项目 ${project.code} 不在本单位管辖范围内` });
    if (!project.fundSources.includes(fields.fundSource)) {
      out.push({ field: 'fundSource', code: 'VALIDATION_FAILED', message: `项目 ${project.code} 的资金来源不含「${FUND_SOURCE_LABELS[fields.fundSource]}」，请先在项目中添加` });
    }
    const same = await this.deps.db.projects.find({ selector: { docType: 'budgetLine', projectId: project.id, year: fields.year } }).exec();
    const key = lineKey({ projectId: project.id, ...fields });
    if (same.some((d) => lineKey(d.toJSON() as BudgetLineDoc) === key)) {
      out.push({ field: 'subjectCode', code: 'BUDGET_LINE_DUPLICATE', message: `项目 ${project.code} 已有 ${fields.year} 年预算科目 ${fields.subjectCode}（${FUND_SOURCE_LABELS[fields.fundSource]}）的预算指标` });
    }
    return out;
  }

  /**
   * Writes one line and its whole-line allocation; the caller holds the unit of work (create and
   * the import share this, so an imported line is exactly a line made in the form).
   */
  async insertLocked(actor: Actor, project: ProjectDoc, fields: BudgetLineFields, via: 'form' | 'import'): Promise<BudgetLineDoc> {
    const { db, clock, audit } = this.deps;
    const now = clock.now();
    const line: BudgetLineDoc = {
      id: newId(),
      unitId: project.unitId,
      createdBy: actor.user.id,
      createdAt: now,
      updatedAt: now,
      docType: 'budgetLine',
      projectId: project.id,
      year: fields.year,
      subjectCode: fields.subjectCode,
      fundSource: fields.fundSource,
      amount: fields.amount,
      ...(fields.monthlyPlan ? { monthlyPlan: [...fields.monthlyPlan] } : {}),
    };
    const allocation: AllocationDoc = {
      id: newId(),
      unitId: project.unitId,
      createdBy: actor.user.id,
      createdAt: now,
      updatedAt: now,
      docType: 'allocation',
      budgetLineId: line.id,
      holderDeviceId: this.deps.budget.deviceId,
      amount: line.amount,
    };
    await db.projects.bulkInsert([line, allocation]).then((r) => {
      if (r.error.length > 0) throw new AppError('CONFLICT', '预算指标保存失败，请刷新后重试');
    });
    await audit.appendLocked({
      unitId: line.unitId,
      actor: { id: actor.user.id, name: actor.user.name },
      action: 'budgetLine.created',
      entity: 'budgetLine',
      entityId: line.id,
      summary: `${via === 'import' ? '导入' : '新建'}预算指标：${project.code} ${line.year}年 ${line.subjectCode} ${FUND_SOURCE_LABELS[line.fundSource]} ${formatFen(line.amount)}（本机持有全部额度）`,
      payload: { line, allocation },
    });
    return line;
  }

  async create(actor: Actor, projectId: string, fields: BudgetLineFields): Promise<BudgetLineView> {
    const { db, lock } = this.deps;
    const line = await runAtomically(lock, db, async () => {
      const project = await this.project(actor, projectId);
      const problem = lineProblems(fields)[0] ?? (await this.problemsAgainstDatabase(actor, project, fields))[0];
      if (problem) throw new AppError(problem.code, problem.message, problem.field);
      return this.insertLocked(actor, project, fields, 'form');
    });
    return this.view(line.id);
  }

  async update(actor: Actor, patch: LinePatch): Promise<BudgetLineView> {
    const { db, lock, clock, audit, budget } = this.deps;
    await runAtomically(lock, db, async () => {
      const line = await budget.line(patch.budgetLineId);
      const project = await this.project(actor, line.projectId);
      const amount = patch.amount ?? line.amount;
      const monthlyPlan = patch.monthlyPlan === undefined ? (line.monthlyPlan ?? null) : patch.monthlyPlan;
      const problem = lineProblems({ ...line, amount, monthlyPlan })[0];
      if (problem) throw new AppError(problem.code, problem.message, problem.field);
      const position = await budget.positionOf(line);
      const below = amountBelowCommitted(amount, position.reserved, position.paid);
      if (below) throw new AppError(below.code, below.message, below.field);
      const allocationChange = await this.resizeAllocationsLocked(line, amount);
      const doc = await db.projects.findOne(line.id).exec();
      if (!doc) throw new AppError('NOT_FOUND', '预算指标不存在', 'budgetLineId');
      // incrementalModify: removing the optional monthlyPlan needs the whole document, not a patch
      await doc.incrementalModify((d) => {
        const next = { ...d, amount, updatedAt: clock.now() } as BudgetLineDoc;
        if (monthlyPlan) next.monthlyPlan = [...monthlyPlan];
        else delete next.monthlyPlan;
        return next as typeof d;
      });
      await audit.appendLocked({
        unitId: line.unitId,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'budgetLine.updated',
        entity: 'budgetLine',
        entityId: line.id,
        summary: `调整预算指标：${project.code} ${line.year}年 ${line.subjectCode} ${formatFen(line.amount)} → ${formatFen(amount)}`,
        payload: { before: line, amount, monthlyPlan, allocationChange },
      });
      await budget.noteCommitChange(line.id, actor);
    });
    return this.view(patch.budgetLineId);
  }

  /**
   * Σ allocations ≤ line (invariant 2). When the line changes, what this device holds grows or
   * shrinks by the difference; allocations held elsewhere move only by a signed transfer, so a
   * cut that would take money held by another device is refused.
   */
  private async resizeAllocationsLocked(line: BudgetLineDoc, amount: number): Promise<{ allocationId: string; from: number; to: number } | null> {
    const { db, budget, clock } = this.deps;
    const docs = await db.projects.find({ selector: { docType: 'allocation', budgetLineId: line.id } }).exec();
    const allocations = docs.map((d) => d.toJSON() as AllocationDoc);
    const here = allocations.filter((a) => a.holderDeviceId === budget.deviceId);
    const elsewhere = sumFen(allocations.filter((a) => a.holderDeviceId !== budget.deviceId).map((a) => a.amount));
    const mine = here[0];
    if (!mine) {
      if (elsewhere > amount) throw new AppError('ALLOCATION_EXCEEDED', `其他设备持有的额度 ${formatFen(elsewhere)} 超过新的预算金额 ${formatFen(amount)}，须先收回额度`, 'amount');
      return null;
    }
    const heldHere = sumFen(here.map((a) => a.amount));
    // the line grows or shrinks by delta, and so does what this device holds of it
    const nextMine = mine.amount + (amount - line.amount);
    const committed = (await budget.positionOf(line)).committedHere;
    if (nextMine < 0 || heldHere - mine.amount + nextMine < committed) {
      throw new AppError('ALLOCATION_EXCEEDED', `本机持有额度调整后将低于本机已占用 ${formatFen(committed)}，或其他设备持有的 ${formatFen(elsewhere)} 须先收回`, 'amount');
    }
    if (nextMine === mine.amount) return null;
    const doc = docs.find((d) => d.id === mine.id);
    await doc?.incrementalPatch({ amount: nextMine, updatedAt: clock.now() });
    return { allocationId: mine.id, from: mine.amount, to: nextMine };
  }

  private async project(actor: Actor, projectId: string): Promise<ProjectDoc> {
    const doc = await this.deps.db.projects.findOne(projectId).exec();
    if (!doc || doc.docType !== 'project') throw new AppError('NOT_FOUND', '项目不存在', 'projectId');
    const project = doc.toJSON() as ProjectDoc;
    assertCanRead(actor, project);
    return project;
  }
}

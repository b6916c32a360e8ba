import type { ProjectView } from '../../../shared/api/methods/project-methods';
import type { FundSource } from '../../../shared/domain/fund-source';
import { PROJECT_TYPE_LABELS, type ProjectStatus, type ProjectType } from '../../../shared/domain/project';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import type { Actor } from '../api/handler-types';
import type { CoreServices } from '../app/core-services';
import { runAtomically } from '../app/unit-of-work';
import type { BudgetLineDoc, ProjectDoc, UserDoc } from '../db/schemas';
import { assertCanEdit, assertCanRead, canRead, inScope } from './project-access';
import { loadNameBook, projectView } from './project-views';

export interface ProjectFilter {
  search?: string | undefined;
  type?: ProjectType | undefined;
  status?: ProjectStatus | undefined;
  fundSource?: FundSource | undefined;
  warningOnly?: boolean | undefined;
}

export interface ProjectInput {
  code: string;
  name: string;
  type: ProjectType;
  ownerUnitId?: string | undefined;
  fundSources: FundSource[];
  leadUserId?: string | undefined;
  status: ProjectStatus;
}

export type ProjectPatch = Partial<ProjectInput> & { projectId: string };

type Deps = Pick<CoreServices, 'db' | 'lock' | 'clock' | 'audit' | 'budget'>;

/** 项目: create, edit and list, with the budget totals of each project's lines. */
export class ProjectService {
  constructor(private readonly deps: Deps) {}

  async find(projectId: string): Promise<ProjectDoc> {
    const doc = await this.deps.db.projects.findOne(projectId).exec();
    if (!doc || doc.docType !== 'project') throw new AppError('NOT_FOUND', '项目不存在', 'projectId');
    return doc.toJSON() as ProjectDoc;
  }

  async linesOf(projectIds: readonly string[]): Promise<BudgetLineDoc[]> {
    if (projectIds.length === 0) return [];
    const docs = await this.deps.db.projects.find({ selector: { docType: 'budgetLine', projectId: { $in: [...projectIds] } }, sort: [{ year: 'desc' }, { id: 'asc' }] }).exec();
    return docs.map((d) => d.toJSON() as BudgetLineDoc);
  }

  async list(actor: Actor, filter: ProjectFilter): Promise<ProjectView[]> {
    const docs = await this.deps.db.projects.find({ selector: { docType: 'project', unitId: { $in: [...actor.scopeUnitIds] } }, sort: [{ code: 'asc' }] }).exec();
    const search = filter.search?.toLowerCase();
    const projects = docs
      .map((d) => d.toJSON() as ProjectDoc)
      .filter((p) => canRead(actor, p))
      .filter((p) => !filter.type || p.type === filter.type)
      .filter((p) => !filter.status || p.status === filter.status)
      .filter((p) => !filter.fundSource || p.fundSources.includes(filter.fundSource))
      .filter((p) => !search || p.code.toLowerCase().includes(search) || p.name.toLowerCase().includes(search));
    const lines = await this.linesOf(projects.map((p) => p.id));
    const positions = await this.deps.budget.positionsOf(lines);
    const names = await loadNameBook(this.deps.db);
    const views = projects.map((p) => {
      const own = lines.filter((l) => l.projectId === p.id).map((l) => positions.get(l.id)).filter((x) => x !== undefined);
      return projectView(p, names, own);
    });
    return filter.warningOnly ? views.filter((v) => v.warningLines > 0) : views;
  }

  async view(actor: Actor, projectId: string): Promise<ProjectView> {
    const project = await this.find(projectId);
    assertCanRead(actor, project);
    const lines = await this.linesOf([project.id]);
    const positions = await this.deps.budget.positionsOf(lines);
    return projectView(project, await loadNameBook(this.deps.db), [...positions.values()]);
  }

  async formOptions(actor: Actor): Promise<{ units: { id: string; name: string }[]; leads: { id: string; name: string; unitId: string }[] }> {
    const { db } = this.deps;
    const units = await db.units.find({ selector: { id: { $in: [...actor.scopeUnitIds] } } }).exec();
    const users = await db.users.find({ selector: { unitId: { $in: [...actor.scopeUnitIds] } } }).exec();
    const leads = users
      .map((u) => u.toJSON() as UserDoc)
      .filter((u) => !u.disabled && u.roles.includes('projectLead'))
      .filter((u) => actor.roles.includes('finance') || u.id === actor.user.id);
    return {
      units: units.map((u) => ({ id: u.id, name: u.name })),
      leads: leads.map((u) => ({ id: u.id, name: u.name, unitId: u.unitId })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    };
  }

  async create(actor: Actor, input: ProjectInput): Promise<ProjectView> {
    const { db, lock, clock, audit } = this.deps;
    const ownerUnitId = input.ownerUnitId ?? actor.unit.id;
    const id = await runAtomically(lock, db, async () => {
      if (!inScope(actor, ownerUnitId)) throw new AppError('OUT_OF_SCOPE', '建设单位不在本单位管辖范围内', 'ownerUnitId');
      const leadUserId = await this.checkLead(actor, input.leadUserId);
      await this.checkCodeFree(actor.unit.id, input.code, null);
      const now = clock.now();
      const project: ProjectDoc = {
        id: newId(),
        unitId: actor.unit.id,
        createdBy: actor.user.id,
        createdAt: now,
        updatedAt: now,
        docType: 'project',
        code: input.code,
        name: input.name,
        type: input.type,
        ownerUnitId,
        fundSources: input.fundSources,
        leadUserId,
        status: input.status,
      };
      await db.projects.insert(project);
      await audit.appendLocked({
        unitId: project.unitId,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'project.created',
        entity: 'project',
        entityId: project.id,
        summary: `新建项目 ${project.code} ${project.name}（${PROJECT_TYPE_LABELS[project.type]}）`,
        payload: project,
      });
      return project.id;
    });
    return this.view(actor, id);
  }

  async update(actor: Actor, patch: ProjectPatch): Promise<ProjectView> {
    const { db, lock, clock, audit } = this.deps;
    await runAtomically(lock, db, async () => {
      const before = await this.find(patch.projectId);
      assertCanEdit(actor, before);
      const changes: Partial<ProjectDoc> = {};
      if (patch.code !== undefined && patch.code !== before.code) {
        await this.checkCodeFree(before.unitId, patch.code, before.id);
        changes.code = patch.code;
      }
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.type !== undefined) changes.type = patch.type;
      if (patch.status !== undefined) changes.status = patch.status;
      if (patch.ownerUnitId !== undefined) {
        if (!inScope(actor, patch.ownerUnitId)) throw new AppError('OUT_OF_SCOPE', '建设单位不在本单位管辖范围内', 'ownerUnitId');
        changes.ownerUnitId = patch.ownerUnitId;
      }
      if (patch.leadUserId !== undefined && patch.leadUserId !== before.leadUserId) {
        if (!actor.roles.includes('finance')) throw new AppError('FORBIDDEN', '只有财务可以更换项目负责人', 'leadUserId');
        changes.leadUserId = await this.checkLead(actor, patch.leadUserId);
      }
      if (patch.fundSources !== undefined) {
        await this.checkFundSourcesKeepLines(before, patch.fundSources);
        changes.fundSources = patch.fundSources;
      }
      const doc = await db.projects.findOne(before.id).exec();
      if (!doc) throw new AppError('NOT_FOUND', '项目不存在', 'projectId');
      await doc.incrementalPatch({ ...changes, updatedAt: clock.now() });
      await audit.appendLocked({
        unitId: before.unitId,
        actor: { id: actor.user.id, name: actor.user.name },
        action: 'project.updated',
        entity: 'project',
        entityId: before.id,
        summary: `修改项目 ${changes.code ?? before.code} ${changes.name ?? before.name}`,
        payload: { before, changes },
      });
    });
    return this.view(actor, patch.projectId);
  }

  /** A project lead leads their own projects; finance names an enabled project lead of its scope. */
  private async checkLead(actor: Actor, leadUserId: string | undefined): Promise<string> {
    if (!actor.roles.includes('finance')) {
      if (leadUserId !== undefined && leadUserId !== actor.user.id) throw new AppError('FORBIDDEN', '项目负责人只能新建本人负责的项目', 'leadUserId');
      return actor.user.id;
    }
    if (leadUserId === undefined) throw new AppError('VALIDATION_FAILED', '请选择项目负责人', 'leadUserId');
    const lead = (await this.deps.db.users.findOne(leadUserId).exec())?.toJSON() as UserDoc | undefined;
    if (!lead || !inScope(actor, lead.unitId)) throw new AppError('VALIDATION_FAILED', '所选项目负责人不存在或不在本单位管辖范围内', 'leadUserId');
    if (lead.disabled || !lead.roles.includes('projectLead')) throw new AppError('VALIDATION_FAILED', `${lead.name} 不是在用的项目负责人`, 'leadUserId');
    return lead.id;
  }

  private async checkCodeFree(unitId: string, code: string, exceptId: string | null): Promise<void> {
    const same = await this.deps.db.projects.find({ selector: { docType: 'project', unitId, code } }).exec();
    if (same.some((d) => d.id !== exceptId)) throw new AppError('PROJECT_CODE_TAKEN', `项目编号 ${code} 已被使用`, 'code');
  }

  /** A fund source with budget lines cannot be removed from the project (the lines would be orphaned). */
  private async checkFundSourcesKeepLines(project: ProjectDoc, next: readonly FundSource[]): Promise<void> {
    const lines = await this.linesOf([project.id]);
    const orphan = lines.find((l) => !next.includes(l.fundSource));
    if (orphan) {
      throw new AppError('VALIDATION_FAILED', `${orphan.year} 年预算科目 ${orphan.subjectCode} 的预算指标使用该资金来源，不能移除`, 'fundSources');
    }
  }
}

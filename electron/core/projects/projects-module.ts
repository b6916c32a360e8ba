import { debounceTime, map, merge, startWith, type Observable } from 'rxjs';
import type { ImportProgress } from '../../../shared/api/methods/budget-methods';
import { MAX_WARN_RATIO, MIN_WARN_RATIO } from '../../../shared/budget/threshold';
import { AppError } from '../../../shared/errors';
import type { Actor, MethodHandlers } from '../api/handler-types';
import { requireActor } from '../api/handler-types';
import type { CoreServices } from '../app/core-services';
import { runAtomically } from '../app/unit-of-work';
import { budgetNotices } from '../budget/budget-notices';
import { readBudgetSettings, writeBudgetSettings } from '../budget/budget-settings';
import { buildWarningReportXlsx } from '../budget/warning-report-xlsx';
import { assertCanRead } from './project-access';
import { BudgetImport } from './budget-import';
import { BudgetLineService } from './budget-line-service';
import { ImportProgressHub } from './import-progress';
import { buildImportTemplate, XLSX_MEDIA_TYPE } from './import-workbook';
import { ProjectService } from './project-service';

type ProjectMethodNames =
  | 'projects.list'
  | 'projects.get'
  | 'projects.formOptions'
  | 'projects.create'
  | 'projects.update'
  | 'budget.lines.create'
  | 'budget.lines.update'
  | 'budget.position'
  | 'budget.import.template'
  | 'budget.import.validate'
  | 'budget.import.commit'
  | 'budget.notices'
  | 'budget.warningReport'
  | 'budget.warningReportXlsx'
  | 'budget.settings.get'
  | 'budget.settings.set';

export interface ProjectsModule {
  projects: ProjectService;
  lines: BudgetLineService;
  imports: BudgetImport;
  handlers: Pick<MethodHandlers, ProjectMethodNames>;
  importProgress(importId: string | undefined): Observable<ImportProgress>;
  /** ticks when projects, lines, allocations or requests change: pages reload their positions */
  changed(): Observable<{ tick: number }>;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function settingsView(warnRatio: number) {
  return { warnRatio, maxWarnRatio: MAX_WARN_RATIO, minWarnRatio: MIN_WARN_RATIO };
}

/** 项目与预算: services and API handlers, wired once by create-core.ts. */
export function createProjectsModule(services: CoreServices): ProjectsModule {
  const projects = new ProjectService(services);
  const lines = new BudgetLineService(services);
  const hub = new ImportProgressHub();
  const imports = new BudgetImport(services, lines, hub);
  const { db, budget, clock } = services;

  const report = async (actor: Actor) => {
    const [notices, settings] = await Promise.all([budgetNotices(db, budget, actor), readBudgetSettings(db)]);
    return { generatedAt: clock.now(), unitName: actor.unit.name, warnRatio: settings.warnRatio, notices };
  };

  const handlers: ProjectsModule['handlers'] = {
    'projects.list': async (params, ctx) => projects.list(requireActor(ctx), params),
    'projects.get': async (params, ctx) => {
      const actor = requireActor(ctx);
      const project = await projects.view(actor, params.projectId);
      return { project, lines: await lines.views(await projects.linesOf([project.id])) };
    },
    'projects.formOptions': async (_params, ctx) => projects.formOptions(requireActor(ctx)),
    'projects.create': async (params, ctx) => projects.create(requireActor(ctx), params),
    'projects.update': async (params, ctx) => projects.update(requireActor(ctx), params),
    'budget.lines.create': async (params, ctx) => {
      const { projectId, ...fields } = params;
      return lines.create(requireActor(ctx), projectId, fields);
    },
    'budget.lines.update': async (params, ctx) => lines.update(requireActor(ctx), params),
    'budget.position': async (params, ctx) => {
      const actor = requireActor(ctx);
      const line = await budget.line(params.budgetLineId);
      assertCanRead(actor, await projects.find(line.projectId));
      return budget.positionOf(line);
    },
    'budget.import.template': async (_params, ctx) => {
      const actor = requireActor(ctx);
      const first = (await projects.list(actor, {}))[0];
      const bytes = await buildImportTemplate(first?.code ?? 'XM-2026-001', new Date(clock.now()).getFullYear());
      return { fileName: '预算指标导入模板.xlsx', mediaType: XLSX_MEDIA_TYPE, base64: toBase64(bytes) };
    },
    'budget.import.validate': async (params, ctx) => imports.validate(requireActor(ctx), params.fileBase64, params.importId),
    'budget.import.commit': async (params, ctx) => imports.commit(requireActor(ctx), params.fileBase64, params.importId),
    'budget.notices': async (_params, ctx) => budgetNotices(db, budget, requireActor(ctx)),
    'budget.warningReport': async (_params, ctx) => report(requireActor(ctx)),
    'budget.warningReportXlsx': async (_params, ctx) => {
      const data = await report(requireActor(ctx));
      const bytes = await buildWarningReportXlsx(data);
      return { fileName: `预算预警报告-${new Date(data.generatedAt + 8 * 3_600_000).toISOString().slice(0, 10)}.xlsx`, mediaType: XLSX_MEDIA_TYPE, base64: toBase64(bytes) };
    },
    'budget.settings.get': async () => settingsView((await readBudgetSettings(db)).warnRatio),
    'budget.settings.set': async (params, ctx) => {
      const actor = requireActor(ctx);
      if (!actor.roles.includes('admin')) throw new AppError('FORBIDDEN');
      await runAtomically(services.lock, db, async () => {
        const before = await readBudgetSettings(db);
        await writeBudgetSettings(db, clock, actor.unit.id, actor.user.id, { warnRatio: params.warnRatio });
        await services.audit.appendLocked({
          unitId: actor.unit.id,
          actor: { id: actor.user.id, name: actor.user.name },
          action: 'budget.settingsChanged',
          entity: 'setting',
          entityId: null,
          summary: `预算预警比例 ${Math.round(before.warnRatio * 100)}% → ${Math.round(params.warnRatio * 100)}%`,
          payload: { before, after: { warnRatio: params.warnRatio } },
        });
      });
      return settingsView(params.warnRatio);
    },
  };

  // a burst of writes (an import, a batch of approvals) is one tick
  const changed = () =>
    merge(db.projects.$, db.payments.$).pipe(
      debounceTime(250),
      map((_event, index) => ({ tick: index + 1 })),
      startWith({ tick: 0 }),
    );

  return { projects, lines, imports, handlers, importProgress: (importId) => hub.watch(importId), changed };
}

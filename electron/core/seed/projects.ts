import type { FundSource } from '../../../shared/domain/fund-source';
import type { ProjectStatus, ProjectType } from '../../../shared/domain/project';
import { instantAt, yearOf, type Day } from './calendar';
import type { ProjectPlan, SeedContext } from './model';
import type { Prng } from './prng';
import { subjectCodesFor } from './vocab/budget-subjects';
import { AREAS, BUILDINGS, OTHER_WORKS, RIVERS, ROADS, SCHOOLS, TOWNS } from './vocab/places';

/** A district is ten projects; these quotas give every district the same mix of kinds and stages. */
const TYPE_QUOTA: readonly ProjectType[] = [
  'municipalRoad', 'municipalRoad', 'municipalRoad', 'schoolExpansion', 'schoolExpansion',
  'waterConservancy', 'waterConservancy', 'building', 'building', 'other',
];
const STATUS_QUOTA: readonly ProjectStatus[] = ['active', 'active', 'active', 'active', 'active', 'active', 'completed', 'completed', 'closed', 'preparing'];

export const PROJECTS_PER_DISTRICT = TYPE_QUOTA.length;

/** Construction time in months, by kind of project. */
const DURATION_MONTHS: Readonly<Record<ProjectType, readonly [number, number]>> = {
  municipalRoad: [10, 24],
  schoolExpansion: [10, 20],
  waterConservancy: [8, 18],
  building: [14, 30],
  other: [5, 10],
};

function projectName(prng: Prng, type: ProjectType, county: string): string {
  const two = <T>(items: readonly T[]): [T, T] => {
    const [a, b] = prng.shuffle(items);
    return [a as T, b as T];
  };
  switch (type) {
    case 'municipalRoad': {
      const [road, cross] = two(ROADS);
      const [town, town2] = two(TOWNS);
      return prng.pick([
        `${county}${prng.pick(AREAS)}市政道路改造工程`,
        `${county}${road}（${cross}至${prng.pick(ROADS)}段）改扩建工程`,
        `${county}${town}至${town2}公路提升改造工程`,
        `${county}${prng.pick(AREAS)}雨污分流管网改造工程`,
        `${county}${road}道路及配套设施建设工程`,
      ]);
    }
    case 'schoolExpansion':
      return prng.pick([
        `${county}${prng.pick(SCHOOLS)}改扩建工程`,
        `${county}${prng.pick(SCHOOLS)}教学综合楼建设工程`,
        `${county}${prng.pick(TOWNS)}中心小学运动场及附属设施改造工程`,
        `${county}${prng.pick(SCHOOLS)}学生宿舍楼建设工程`,
      ]);
    case 'waterConservancy':
      return prng.pick([
        `${county}${prng.pick(RIVERS)}${prng.pick(TOWNS)}段防洪治理工程`,
        `${county}${prng.pick(TOWNS)}农村供水保障工程`,
        `${county}${prng.pick(RIVERS)}水生态修复工程`,
        `${county}${prng.pick(TOWNS)}小型水库除险加固工程`,
      ]);
    case 'building':
      return `${county}${prng.pick(BUILDINGS)}建设工程`;
    case 'other':
      return `${county}${prng.pick(AREAS)}${prng.pick(OTHER_WORKS)}项目`;
  }
}

const PHASES = ['二期', '三期', '四期', '五期', '六期', '七期', '八期', '九期'];

/** Unique across the run: a repeated name becomes the next phase (二期, 三期, …) or a 标段. */
function uniqueName(used: Set<string>, name: string): string {
  if (!used.has(name)) return name;
  for (const phase of PHASES) {
    const candidate = name.replace(/(工程|项目)$/u, `${phase}$1`);
    if (!used.has(candidate)) return candidate;
  }
  for (let n = 2; ; n += 1) {
    const candidate = `${name}（第${n}标段）`;
    if (!used.has(candidate)) return candidate;
  }
}

function fundSources(prng: Prng): FundSource[] {
  return prng.weighted<FundSource[]>([
    [['fiscal'], 55],
    [['fiscal', 'specialBond'], 25],
    [['specialBond'], 12],
    [['ppp'], 4],
    [['other'], 4],
  ]);
}

/** Start and end of construction for a project at `status` on `asOfDay`. */
function schedule(prng: Prng, type: ProjectType, status: ProjectStatus, asOfDay: Day): { startDay: Day; endDay: Day } {
  const [minMonths, maxMonths] = DURATION_MONTHS[type];
  const duration = prng.int(minMonths, maxMonths) * 30 + prng.int(0, 20);
  switch (status) {
    case 'active': {
      const startDay = asOfDay - prng.int(90, 720);
      return { startDay, endDay: Math.max(startDay + duration, asOfDay + prng.int(45, 200)) };
    }
    case 'completed': {
      const endDay = asOfDay - prng.int(60, 330);
      return { startDay: endDay - duration, endDay };
    }
    case 'closed': {
      const endDay = asOfDay - prng.int(800, 1100);
      return { startDay: endDay - duration, endDay };
    }
    case 'preparing': {
      const startDay = asOfDay + prng.int(20, 120);
      return { startDay, endDay: startDay + duration };
    }
  }
}

/** The ten projects of district `district` (contracts and money come after). */
export function planProjects(ctx: SeedContext, prng: Prng, usedNames: Set<string>): ProjectPlan[] {
  const county = ctx.org.county.name.replace(/(财政局|住房和城乡建设局)$/u, '');
  const leads = ctx.org.byRole.projectLead;
  const types = prng.shuffle(TYPE_QUOTA);
  const statuses = prng.shuffle(STATUS_QUOTA);
  return types.map((type, i) => {
    const status = statuses[i] ?? 'active';
    const { startDay, endDay } = schedule(prng, type, status, ctx.asOfDay);
    const name = uniqueName(usedNames, projectName(prng, type, county));
    usedNames.add(name);
    const sources = fundSources(prng);
    const seq = ctx.counters.next('project');
    const lead = leads[seq % leads.length] ?? ctx.org.admin;
    const createdDay = Math.max(ctx.originDay + 1, startDay - prng.int(200, 260));
    const createdAt = instantAt(createdDay, prng.int(540, 1020));
    return {
      doc: {
        id: ctx.ids.next(),
        unitId: ctx.org.county.id,
        createdBy: lead.id,
        createdAt,
        updatedAt: createdAt,
        docType: 'project',
        code: `XM-${yearOf(createdDay)}-${String(seq).padStart(5, '0')}`,
        name,
        type,
        ownerUnitId: ctx.org.county.id,
        fundSources: sources,
        leadUserId: lead.id,
        status,
      },
      type,
      status,
      startDay,
      endDay,
      fundSources: sources,
      subjects: sources.map((source) => prng.pick(subjectCodesFor(type, source))),
      contracts: [],
    };
  });
}

/** 项目类型 (DOMAIN.md, Project.type): also an input column of the approval decision table. */
export const PROJECT_TYPES = ['municipalRoad', 'schoolExpansion', 'waterConservancy', 'building', 'other'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  municipalRoad: '市政道路',
  schoolExpansion: '学校改扩建',
  waterConservancy: '水利',
  building: '房建',
  other: '其他',
};

/** 项目状态: money may be committed only while a project is under way. */
export const PROJECT_STATUSES = ['preparing', 'active', 'completed', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  preparing: '筹备中',
  active: '在建',
  completed: '已竣工',
  closed: '已决算关闭',
};

export function isProjectType(value: unknown): value is ProjectType {
  return typeof value === 'string' && (PROJECT_TYPES as readonly string[]).includes(value);
}

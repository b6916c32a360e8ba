import { docTypeField, type EntitySchema } from './entity-schema';
import { FUND_SOURCES, type FundSource } from '../../../../shared/domain/fund-source';
import { PROJECT_STATUSES, PROJECT_TYPES, type ProjectStatus, type ProjectType } from '../../../../shared/domain/project';
import { DOCUMENT_HEADER, enumOf, HEADER_REQUIRED, ID, text, type DocumentHeader } from './schema-parts';

/** 项目: what budget lines and contracts belong to. */
export interface ProjectDoc extends DocumentHeader {
  docType: 'project';
  /** 项目编号, unique within the owning office (checked by the service) */
  code: string;
  name: string;
  type: ProjectType;
  /** 建设单位: the office that owns the project (may differ from the paying office, unitId) */
  ownerUnitId: string;
  fundSources: FundSource[];
  /** the project lead (项目负责人) who may file its requests */
  leadUserId: string;
  status: ProjectStatus;
}

export const projectSchema: EntitySchema<ProjectDoc> = {
  docType: 'project',
  description: '项目：预算指标与合同的归属，含项目类型、建设单位与资金来源',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('project'),
    code: text(32, 1),
    name: text(100, 1),
    type: enumOf(PROJECT_TYPES),
    ownerUnitId: ID,
    fundSources: { type: 'array', items: enumOf(FUND_SOURCES), minItems: 1, uniqueItems: true },
    leadUserId: ID,
    status: enumOf(PROJECT_STATUSES),
  },
  required: [...HEADER_REQUIRED, 'docType', 'code', 'name', 'type', 'ownerUnitId', 'fundSources', 'leadUserId', 'status'],
  // lists per office and status; the code lookup for uniqueness; a project lead's own projects
  indexes: [['unitId', 'status'], ['unitId', 'code'], ['leadUserId', 'status']],
};

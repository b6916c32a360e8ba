import type { RxJsonSchema } from 'rxdb';
import type { UnitLevel } from '../../../../shared/domain/unit';
import { DOCUMENT_HEADER, HEADER_REQUIRED, ID } from './schema-parts';

export interface UnitDoc {
  id: string;
  /** a unit owns itself; kept so every document carries unitId */
  unitId: string;
  name: string;
  uscc: string;
  level: UnitLevel;
  parentId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export const unitSchemaV0: RxJsonSchema<UnitDoc> = {
  title: 'units',
  description: '单位',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...DOCUMENT_HEADER,
    name: { type: 'string', maxLength: 60 },
    uscc: { type: 'string', maxLength: 18 },
    level: { type: 'string', enum: ['province', 'city', 'county'], maxLength: 8 },
    parentId: { type: ['string', 'null'], maxLength: ID.maxLength },
  },
  required: [...HEADER_REQUIRED, 'name', 'uscc', 'level', 'parentId'],
  indexes: ['uscc'],
  additionalProperties: false,
};

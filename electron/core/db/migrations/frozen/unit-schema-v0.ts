import type { RxJsonSchema } from 'rxdb';
import { DOCUMENT_HEADER_V0, HEADER_REQUIRED_V0, ID_V0, type DocumentHeaderV0 } from './header-v0';

/** A unit (office) as schema v0 stores it. Frozen: never edit. */
export interface UnitDocV0 extends DocumentHeaderV0 {
  name: string;
  uscc: string;
  level: 'province' | 'city' | 'county';
  parentId: string | null;
}

export const unitSchemaV0: RxJsonSchema<UnitDocV0> = {
  title: 'units',
  description: '单位',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...DOCUMENT_HEADER_V0,
    name: { type: 'string', maxLength: 60 },
    uscc: { type: 'string', maxLength: 18 },
    level: { type: 'string', enum: ['province', 'city', 'county'], maxLength: 8 },
    parentId: { type: ['string', 'null'], maxLength: ID_V0.maxLength },
  },
  required: [...HEADER_REQUIRED_V0, 'name', 'uscc', 'level', 'parentId'],
  indexes: ['uscc'],
  additionalProperties: false,
};

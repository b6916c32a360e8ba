import type { RxJsonSchema } from 'rxdb';
import { DOCUMENT_HEADER_V0, HEADER_REQUIRED_V0, type DocumentHeaderV0 } from './header-v0';

/** A setting as schema v0 stores it. Frozen: never edit. */
export interface SettingDocV0 extends DocumentHeaderV0 {
  value: Record<string, unknown>;
}

export const settingSchemaV0: RxJsonSchema<SettingDocV0> = {
  title: 'settings',
  description: '设置',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...DOCUMENT_HEADER_V0,
    id: { type: 'string', maxLength: 64 },
    value: { type: 'object' },
  },
  required: [...HEADER_REQUIRED_V0, 'value'],
  additionalProperties: false,
};

import type { RxJsonSchema } from 'rxdb';
import { DOCUMENT_HEADER, HEADER_REQUIRED } from './schema-parts';

/** Key/value settings of this installation (device identity, security policy, …). */
export interface SettingDoc {
  id: string;
  unitId: string;
  value: Record<string, unknown>;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export const settingSchemaV0: RxJsonSchema<SettingDoc> = {
  title: 'settings',
  description: '设置',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...DOCUMENT_HEADER,
    id: { type: 'string', maxLength: 64 },
    value: { type: 'object' },
  },
  required: [...HEADER_REQUIRED, 'value'],
  additionalProperties: false,
};

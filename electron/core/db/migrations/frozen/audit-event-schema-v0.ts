import type { RxJsonSchema } from 'rxdb';
import { DOCUMENT_HEADER_V0, HEADER_REQUIRED_V0, NULLABLE_STRING_V0, TIMESTAMP_V0, type DocumentHeaderV0 } from './header-v0';

/** One audit chain link as schema v0 stores it. Frozen: never edit. */
export interface AuditEventDocV0 extends DocumentHeaderV0 {
  deviceId: string;
  seq: number;
  prevHash: string;
  time: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  payloadHash: string;
  hash: string;
  signature: string;
}

export const auditEventSchemaV0: RxJsonSchema<AuditEventDocV0> = {
  title: 'auditevents',
  description: '审计日志',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...DOCUMENT_HEADER_V0,
    deviceId: { type: 'string', maxLength: 36 },
    seq: { type: 'integer', minimum: 0, maximum: 1_000_000_000_000, multipleOf: 1 },
    prevHash: { type: 'string', maxLength: 64 },
    time: TIMESTAMP_V0,
    actorId: NULLABLE_STRING_V0,
    actorName: NULLABLE_STRING_V0,
    action: { type: 'string', maxLength: 64 },
    entity: { type: 'string', maxLength: 64 },
    entityId: NULLABLE_STRING_V0,
    summary: { type: 'string' },
    payloadHash: { type: 'string', maxLength: 64 },
    hash: { type: 'string', maxLength: 64 },
    signature: { type: 'string' },
  },
  required: [
    ...HEADER_REQUIRED_V0,
    'deviceId',
    'seq',
    'prevHash',
    'time',
    'actorId',
    'actorName',
    'action',
    'entity',
    'entityId',
    'summary',
    'payloadHash',
    'hash',
    'signature',
  ],
  indexes: [['deviceId', 'seq'], 'seq'],
  additionalProperties: false,
};

import type { RxJsonSchema } from 'rxdb';
import { DOCUMENT_HEADER, HEADER_REQUIRED, NULLABLE_STRING, TIMESTAMP } from './schema-parts';

/** One link of the device's append-only audit chain (DESIGN.md, audit trail). */
export interface AuditEventDoc {
  id: string;
  unitId: string;
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
  /** SM3 of the canonical JSON payload of the change */
  payloadHash: string;
  /** SM3 over the event's fields including prevHash: what the next event's prevHash must equal */
  hash: string;
  /** SM2 signature of `hash` with the device key */
  signature: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export const auditEventSchemaV0: RxJsonSchema<AuditEventDoc> = {
  title: 'auditevents',
  description: '审计日志',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...DOCUMENT_HEADER,
    deviceId: { type: 'string', maxLength: 36 },
    seq: { type: 'integer', minimum: 0, maximum: 1_000_000_000_000, multipleOf: 1 },
    prevHash: { type: 'string', maxLength: 64 },
    time: TIMESTAMP,
    actorId: NULLABLE_STRING,
    actorName: NULLABLE_STRING,
    action: { type: 'string', maxLength: 64 },
    entity: { type: 'string', maxLength: 64 },
    entityId: NULLABLE_STRING,
    summary: { type: 'string' },
    payloadHash: { type: 'string', maxLength: 64 },
    hash: { type: 'string', maxLength: 64 },
    signature: { type: 'string' },
  },
  required: [
    ...HEADER_REQUIRED,
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

import type { RxJsonSchema } from 'rxdb';
import { DOCUMENT_HEADER, HEADER_REQUIRED, ID, NULLABLE_STRING, NULLABLE_TIMESTAMP, TIMESTAMP } from './schema-parts';

export type SessionEndReason = 'logout' | 'idle' | 'disabled' | 'passwordReset';

export interface SessionDoc {
  /** SM3 of the session token: the token itself is never stored */
  id: string;
  unitId: string;
  userId: string;
  transport: string;
  lastActivityAt: number;
  endedAt: number | null;
  endReason: SessionEndReason | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export const sessionSchemaV0: RxJsonSchema<SessionDoc> = {
  title: 'sessions',
  description: '登录会话',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...DOCUMENT_HEADER,
    id: { type: 'string', maxLength: 64 },
    userId: ID,
    transport: { type: 'string', maxLength: 16 },
    lastActivityAt: TIMESTAMP,
    endedAt: NULLABLE_TIMESTAMP,
    endReason: NULLABLE_STRING,
  },
  required: [...HEADER_REQUIRED, 'userId', 'transport', 'lastActivityAt', 'endedAt', 'endReason'],
  indexes: ['userId'],
  additionalProperties: false,
};

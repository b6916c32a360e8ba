import type { RxJsonSchema } from 'rxdb';
import { DOCUMENT_HEADER_V0, HEADER_REQUIRED_V0, ID_V0, NULLABLE_STRING_V0, NULLABLE_TIMESTAMP_V0, TIMESTAMP_V0, type DocumentHeaderV0 } from './header-v0';

/** A login session as schema v0 stores it. Frozen: never edit. */
export interface SessionDocV0 extends DocumentHeaderV0 {
  userId: string;
  transport: string;
  lastActivityAt: number;
  endedAt: number | null;
  endReason: 'logout' | 'idle' | 'disabled' | 'passwordReset' | null;
}

export const sessionSchemaV0: RxJsonSchema<SessionDocV0> = {
  title: 'sessions',
  description: '登录会话',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...DOCUMENT_HEADER_V0,
    id: { type: 'string', maxLength: 64 },
    userId: ID_V0,
    transport: { type: 'string', maxLength: 16 },
    lastActivityAt: TIMESTAMP_V0,
    endedAt: NULLABLE_TIMESTAMP_V0,
    endReason: NULLABLE_STRING_V0,
  },
  required: [...HEADER_REQUIRED_V0, 'userId', 'transport', 'lastActivityAt', 'endedAt', 'endReason'],
  indexes: ['userId'],
  additionalProperties: false,
};

/**
 * The schema parts as the first schema release (v0 of units, users, sessions, auditevents,
 * settings) wrote them. Frozen: never edit. schemas/schema-parts.ts may evolve; these may not,
 * because they describe data already on desks.
 */
export const ID_V0 = { type: 'string', maxLength: 36 } as const;
export const TIMESTAMP_V0 = { type: 'integer', minimum: 0, maximum: 8_640_000_000_000, multipleOf: 1 } as const;
export const NULLABLE_TIMESTAMP_V0 = { type: ['integer', 'null'], minimum: 0, maximum: 8_640_000_000_000 } as const;
export const NULLABLE_STRING_V0 = { type: ['string', 'null'] } as const;

export const DOCUMENT_HEADER_V0 = {
  id: ID_V0,
  unitId: ID_V0,
  createdBy: { type: 'string', maxLength: 36 },
  createdAt: TIMESTAMP_V0,
  updatedAt: TIMESTAMP_V0,
} as const;

export const HEADER_REQUIRED_V0 = ['id', 'unitId', 'createdBy', 'createdAt', 'updatedAt'] as const;

export interface DocumentHeaderV0 {
  id: string;
  unitId: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

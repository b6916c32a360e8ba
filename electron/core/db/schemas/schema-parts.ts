/**
 * Building blocks every collection schema shares: the document header of DOMAIN.md
 * (`id`, `unitId`, `createdBy`, `createdAt`, `updatedAt`). Timestamps are epoch milliseconds;
 * indexed numbers need bounds and `multipleOf` so RxDB can build index strings.
 */
export const ID = { type: 'string', maxLength: 36 } as const;
export const TIMESTAMP = { type: 'integer', minimum: 0, maximum: 8_640_000_000_000, multipleOf: 1 } as const;
export const NULLABLE_TIMESTAMP = { type: ['integer', 'null'], minimum: 0, maximum: 8_640_000_000_000 } as const;
export const NULLABLE_STRING = { type: ['string', 'null'] } as const;

export const DOCUMENT_HEADER = {
  id: ID,
  unitId: ID,
  createdBy: { type: 'string', maxLength: 36 },
  createdAt: TIMESTAMP,
  updatedAt: TIMESTAMP,
} as const;

export const HEADER_REQUIRED = ['id', 'unitId', 'createdBy', 'createdAt', 'updatedAt'] as const;

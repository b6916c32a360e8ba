/**
 * Building blocks every collection schema shares: the document header of DOMAIN.md
 * (`id`, `unitId`, `createdBy`, `createdAt`, `updatedAt`). Timestamps are epoch milliseconds;
 * indexed numbers need bounds and `multipleOf` so RxDB can build index strings.
 *
 * Absent values: a field that some documents lack is `null` and still listed in `required`, so
 * a forgotten field is an error rather than silently absent. The exception is a field that must
 * be indexed: RxDB indexes only single-typed fields, so such a field is optional (left out when
 * there is no value, and indexed as the empty string).
 */
export const ID = { type: 'string', maxLength: 36 } as const;
export const NULLABLE_ID = { type: ['string', 'null'], maxLength: 36 } as const;
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

/** The header as a type; append-only documents keep `updatedAt === createdAt`. */
export interface DocumentHeader {
  /** UUIDv7 made on the device */
  id: string;
  unitId: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * Largest amount a money field may hold: Number.MAX_SAFE_INTEGER / 10 分 (about ¥9 万亿), so a sum
 * of up to ten amounts is still exact; far above any county contract.
 */
export const MAX_STORED_FEN = 900_719_925_474_099;

/** Money is integer 分 (DESIGN.md data rules); bounded and `multipleOf: 1` so it can be indexed. */
export const MONEY = { type: 'integer', minimum: 0, maximum: MAX_STORED_FEN, multipleOf: 1 } as const;
/** An amount that must move something: a request or instruction of 0 分 means nothing. */
export const POSITIVE_MONEY = { type: 'integer', minimum: 1, maximum: MAX_STORED_FEN, multipleOf: 1 } as const;

/** Ratios in basis points (1 bp = 0.01 %), integers so 3 % is exactly 300. */
export const BASIS_POINTS = { type: 'integer', minimum: 0, maximum: 10_000, multipleOf: 1 } as const;

/** Small bounded counters (versions, steps, days). */
export function boundedInteger(minimum: number, maximum: number) {
  return { type: 'integer', minimum, maximum, multipleOf: 1 } as const;
}

/**
 * A calendar day, `YYYY-MM-DD`. Contract, due and value dates are days in China's one time zone,
 * so they are stored as the day a person wrote, not as an instant that could shift a day.
 * Strings of this shape sort like the dates they name, so they can be indexed.
 */
export const DATE = {
  type: 'string',
  maxLength: 10,
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
} as const;
export const NULLABLE_DATE = { ...DATE, type: ['string', 'null'] } as const;

/** An accounting or certification period, `YYYY-MM`. */
export const PERIOD = { type: 'string', maxLength: 7, pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } as const;

/** A budget year. */
export const YEAR = boundedInteger(2000, 2199);

/** SM3 digest, lower-case hex. */
export const SM3_HASH = { type: 'string', minLength: 64, maxLength: 64, pattern: '^[0-9a-f]{64}$' } as const;
export const NULLABLE_SM3_HASH = { ...SM3_HASH, type: ['string', 'null'] } as const;

/** SM2 signature `r‖s`, 128 lower-case hex (shared/crypto/sm2.ts). */
export const SM2_SIGNATURE = { type: 'string', minLength: 128, maxLength: 128, pattern: '^[0-9a-f]{128}$' } as const;

/** SM2 public key, uncompressed `04‖x‖y` or compressed `02/03‖x`. */
export const SM2_PUBLIC_KEY = { type: 'string', maxLength: 130, pattern: '^(04[0-9a-f]{128}|0[23][0-9a-f]{64})$' } as const;

/**
 * An SM4-encrypted field (bank and wage account numbers). At least 32 characters: any SM4
 * ciphertext with its IV is longer than that, while a plaintext account number is at most 30
 * digits, so a plaintext slipped in by mistake is refused by the schema.
 */
export const ENCRYPTED = { type: 'string', minLength: 32, maxLength: 1024 } as const;
export const NULLABLE_ENCRYPTED = { ...ENCRYPTED, type: ['string', 'null'] } as const;

/** The last four digits of an account, the only part shown unmasked. */
export const LAST4 = { type: 'string', minLength: 4, maxLength: 4, pattern: '^[0-9]{4}$' } as const;
export const NULLABLE_LAST4 = { ...LAST4, type: ['string', 'null'] } as const;

/** Free text a person typed, bounded so one document cannot grow without limit. */
export function text(maxLength: number, minLength = 0) {
  return { type: 'string', minLength, maxLength } as const;
}

/** A list of ids without duplicates. */
export const ID_LIST = { type: 'array', items: ID, uniqueItems: true } as const;

/**
 * A string enum usable in an index: RxDB needs `maxLength` on indexed strings, so it is the
 * longest value's length.
 */
export function enumOf<T extends string>(values: readonly T[]) {
  return { type: 'string', enum: [...values], maxLength: Math.max(...values.map((v) => v.length)) } as const;
}

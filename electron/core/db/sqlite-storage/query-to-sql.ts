import {
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
  type RxDocumentData,
  type RxJsonSchema,
  type RxQueryPlan,
} from 'rxdb/plugins/core';
import { encodeIndexKey } from './index-keys';
import { quoteIdentifier } from './table-layout';

/**
 * Translates RxDB's query plan into an SQL range scan over one key column.
 *
 * RxDB already did the hard part: `getQueryPlan` picked the index and the
 * start/end keys. We turn those keys into the same indexable strings RxDB's
 * memory storage binary-searches, encode them like the stored keys
 * (UTF-16BE), and let SQLite walk its B-tree between them.
 */

export type IndexRange = {
  readonly lowerString: string;
  readonly upperString: string;
  readonly inclusiveStart: boolean;
  readonly inclusiveEnd: boolean;
};

export function getIndexRange<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  plan: RxQueryPlan,
): IndexRange {
  return {
    lowerString: getStartIndexStringFromLowerBound(schema, plan.index, plan.startKeys),
    upperString: getStartIndexStringFromUpperBound(schema, plan.index, plan.endKeys),
    inclusiveStart: plan.inclusiveStart,
    inclusiveEnd: plan.inclusiveEnd,
  };
}

/** Parameters bound to the `?` placeholders of a range statement, in order. */
export function rangeParams(range: IndexRange): [Buffer, Buffer] {
  return [encodeIndexKey(range.lowerString), encodeIndexKey(range.upperString)];
}

export type RangeStatementKind =
  /** Every row in the range, in index order. */
  | 'scan'
  /** Rows in the range with LIMIT ? OFFSET ? pushed into SQLite. */
  | 'page'
  /** COUNT(*) of the range. */
  | 'count';

/**
 * Builds the SQL text for a range scan. The text only depends on the table,
 * column, inclusiveness and kind, so callers can cache prepared statements
 * by it; the bounds themselves are always bound parameters.
 */
export function buildRangeSql(
  tableName: string,
  sqlKeyColumn: string,
  range: Pick<IndexRange, 'inclusiveStart' | 'inclusiveEnd'>,
  kind: RangeStatementKind,
): string {
  const lowerOp = range.inclusiveStart ? '>=' : '>';
  const upperOp = range.inclusiveEnd ? '<=' : '<';
  const where = `WHERE ${sqlKeyColumn} ${lowerOp} ? AND ${sqlKeyColumn} ${upperOp} ?`;
  const table = quoteIdentifier(tableName);
  switch (kind) {
    case 'count':
      return `SELECT COUNT(*) FROM ${table} ${where}`;
    case 'scan':
      return `SELECT json FROM ${table} ${where} ORDER BY ${sqlKeyColumn}`;
    case 'page':
      return `SELECT json FROM ${table} ${where} ORDER BY ${sqlKeyColumn} LIMIT ? OFFSET ?`;
  }
}

/** SQLite treats a negative LIMIT as "no limit". */
export function sqlLimit(limit: number): number {
  return Number.isFinite(limit) ? limit : -1;
}

/**
 * JS fallback for a range check, used only when a query names an index that
 * has no key column (a custom `index` hint outside the schema's indexes).
 */
export function isInRange(indexString: string, range: IndexRange): boolean {
  const aboveLower = range.inclusiveStart ? indexString >= range.lowerString : indexString > range.lowerString;
  if (!aboveLower) {
    return false;
  }
  return range.inclusiveEnd ? indexString <= range.upperString : indexString < range.upperString;
}

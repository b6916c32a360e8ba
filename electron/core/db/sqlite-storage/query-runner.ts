import type { Database, Statement } from 'better-sqlite3';
import {
  getIndexableStringMonad,
  getPrimaryFieldOfPrimaryKey,
  getQueryMatcher,
  getSortComparator,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageCountResult,
} from 'rxdb/plugins/core';
import { readPrimary } from './bulk-write';
import {
  buildRangeSql,
  getIndexRange,
  isInRange,
  rangeParams,
  sqlLimit,
  type IndexRange,
  type RangeStatementKind,
} from './query-to-sql';
import { quoteIdentifier, type KeyColumn } from './table-layout';

type RangeStatement = Statement<unknown[], unknown>;

/**
 * Read side: findDocumentsById, query and count.
 *
 * A query walks exactly the key range RxDB's planner chose. What happens to
 * the rows depends on what the plan guarantees:
 * - selector and sort satisfied by the index: SQLite does LIMIT/OFFSET and
 *   we only parse the rows we return;
 * - only the sort satisfied: rows stream in index order through RxDB's query
 *   matcher and we stop as soon as skip + limit matches are collected;
 * - sort not satisfied: the range is filtered, then sorted with RxDB's
 *   comparator, then skip/limit are applied.
 */
export class QueryRunner<RxDocType> {
  private readonly statements = new Map<string, RangeStatement>();
  private readonly keyColumnsByIndex: Map<string, KeyColumn<RxDocType>>;
  private readonly selectById: Statement<[string], { json: string; deleted: number }>;
  private readonly selectAll: Statement<[], string>;
  private readonly primaryPath: string;

  constructor(
    private readonly db: Database,
    private readonly tableName: string,
    private readonly schema: RxJsonSchema<RxDocumentData<RxDocType>>,
    keyColumns: readonly KeyColumn<RxDocType>[],
  ) {
    const table = quoteIdentifier(tableName);
    this.primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey);
    this.keyColumnsByIndex = new Map(keyColumns.map((c) => [c.indexName, c]));
    this.selectById = db.prepare(`SELECT json, _deleted AS deleted FROM ${table} WHERE id = ?`);
    this.selectAll = db.prepare<[], string>(`SELECT json FROM ${table}`).pluck();
  }

  primaryOf(doc: RxDocumentData<RxDocType>): string {
    return readPrimary(doc, this.primaryPath);
  }

  findByIds(ids: readonly string[], withDeleted: boolean): RxDocumentData<RxDocType>[] {
    const found: RxDocumentData<RxDocType>[] = [];
    for (const id of ids) {
      const row = this.selectById.get(id);
      if (row && (withDeleted || row.deleted === 0)) {
        found.push(parse<RxDocType>(row.json));
      }
    }
    return found;
  }

  query(prepared: PreparedQuery<RxDocType>): RxDocumentData<RxDocType>[] {
    const { query, queryPlan: plan } = prepared;
    const skip = query.skip > 0 ? query.skip : 0;
    // An explicit `limit: 0` means "no documents", not "no limit".
    const limit = typeof query.limit === 'number' ? query.limit : Infinity;
    if (limit <= 0) {
      return [];
    }
    const range = getIndexRange(this.schema, plan);
    const column = this.keyColumnsByIndex.get(plan.index.join(','));

    if (column && plan.selectorSatisfiedByIndex && plan.sortSatisfiedByIndex) {
      const rows = this.statement(column, range, 'page').pluck().all(...rangeParams(range), sqlLimit(limit), skip);
      return rows.map((json) => parse<RxDocType>(json as string));
    }

    const matcher = plan.selectorSatisfiedByIndex ? undefined : getQueryMatcher(this.schema, query);
    const mustSort = !plan.sortSatisfiedByIndex;
    const wanted = skip + limit;
    let results: RxDocumentData<RxDocType>[] = [];
    for (const doc of this.scanRange(plan.index, range, column)) {
      if (matcher && !matcher(doc)) {
        continue;
      }
      results.push(doc);
      if (!mustSort && results.length >= wanted) {
        // Rows arrive in result order, everything after this is not needed.
        break;
      }
    }
    if (mustSort) {
      results = results.sort(getSortComparator(this.schema, query));
    }
    return skip > 0 || results.length > wanted ? results.slice(skip, wanted) : results;
  }

  count(prepared: PreparedQuery<RxDocType>): RxStorageCountResult {
    const { query, queryPlan: plan } = prepared;
    const skip = query.skip > 0 ? query.skip : 0;
    const limit = typeof query.limit === 'number' ? query.limit : Infinity;
    const range = getIndexRange(this.schema, plan);
    const column = this.keyColumnsByIndex.get(plan.index.join(','));

    let total: number;
    let mode: RxStorageCountResult['mode'];
    if (column && plan.selectorSatisfiedByIndex) {
      total = this.statement(column, range, 'count').pluck().get(...rangeParams(range)) as number;
      mode = 'fast';
    } else {
      // The index narrows the rows, but every row must still be parsed and matched.
      const matcher = getQueryMatcher(this.schema, query);
      total = 0;
      for (const doc of this.scanRange(plan.index, range, column)) {
        if (matcher(doc)) {
          total++;
        }
      }
      mode = 'slow';
    }
    // Same number query() would return, including skip/limit.
    return { count: Math.max(0, Math.min(total - skip, limit)), mode };
  }

  /** Documents of the index range, in index order. */
  private *scanRange(
    index: readonly string[],
    range: IndexRange,
    column: KeyColumn<RxDocType> | undefined,
  ): Generator<RxDocumentData<RxDocType>> {
    if (!column) {
      yield* this.scanWithoutKeyColumn(index, range);
      return;
    }
    // Streamed so an early stop (limit reached) does not parse the rest.
    // Callers consume synchronously: better-sqlite3 forbids other
    // statements on the connection while this iterator is open.
    const iterator = this.statement(column, range, 'scan').pluck().iterate(...rangeParams(range));
    try {
      for (const json of iterator) {
        yield parse<RxDocType>(json as string);
      }
    } finally {
      iterator.return?.();
    }
  }

  /**
   * A query may name an index hint that is not one of the schema's indexes,
   * so no key column exists. Then we compute the index strings in JS over
   * the whole table; correct, but a full scan, which is why RxDB requires
   * hints to be real indexes in dev-mode anyway.
   */
  private *scanWithoutKeyColumn(index: readonly string[], range: IndexRange): Generator<RxDocumentData<RxDocType>> {
    const toIndexString = getIndexableStringMonad(this.schema, index.slice(0));
    const inRange: { key: string; doc: RxDocumentData<RxDocType> }[] = [];
    for (const json of this.selectAll.all()) {
      const doc = parse<RxDocType>(json);
      const key = toIndexString(doc);
      if (isInRange(key, range)) {
        inRange.push({ key, doc });
      }
    }
    inRange.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const entry of inRange) {
      yield entry.doc;
    }
  }

  private statement(column: KeyColumn<RxDocType>, range: IndexRange, kind: RangeStatementKind): RangeStatement {
    const sql = buildRangeSql(this.tableName, column.sqlColumn, range, kind);
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function parse<RxDocType>(json: string): RxDocumentData<RxDocType> {
  return JSON.parse(json) as RxDocumentData<RxDocType>;
}

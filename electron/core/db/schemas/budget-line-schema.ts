import { docTypeField, type EntitySchema } from './entity-schema';
import { FUND_SOURCES, type FundSource } from '../../../../shared/domain/fund-source';
import { DOCUMENT_HEADER, enumOf, HEADER_REQUIRED, ID, MONEY, text, YEAR, type DocumentHeader } from './schema-parts';

/**
 * 预算指标: the ceiling money may not pass (R7, R8), one per project × year × 预算科目 × 资金来源.
 * Reserved and paid sums are derived from requests, never stored here, so they cannot drift.
 */
export interface BudgetLineDoc extends DocumentHeader {
  docType: 'budgetLine';
  projectId: string;
  year: number;
  /** 预算科目 code of the government functional classification, e.g. 2120303 */
  subjectCode: string;
  fundSource: FundSource;
  /** approved amount in 分 */
  amount: number;
  /** optional 用款计划: twelve monthly amounts in 分, January first */
  monthlyPlan?: number[];
}

export const budgetLineSchema: EntitySchema<BudgetLineDoc> = {
  docType: 'budgetLine',
  description: '预算指标：项目按年度、预算科目和资金来源核定的支付上限（金额以分计）',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('budgetLine'),
    projectId: ID,
    year: YEAR,
    subjectCode: { ...text(30, 1), pattern: '^[0-9A-Za-z.-]+$' },
    fundSource: enumOf(FUND_SOURCES),
    amount: MONEY,
    monthlyPlan: { type: 'array', items: MONEY, minItems: 12, maxItems: 12 },
  },
  required: [...HEADER_REQUIRED, 'docType', 'projectId', 'year', 'subjectCode', 'fundSource', 'amount'],
  // a project's lines by year; budget execution by office, year and 预算科目
  indexes: [['projectId', 'year'], ['unitId', 'year', 'subjectCode']],
};

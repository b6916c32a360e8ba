/** 资金来源 of a budget line (and of a project); an input column of the approval decision table. */
export const FUND_SOURCES = ['fiscal', 'specialBond', 'ppp', 'other'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

export const FUND_SOURCE_LABELS: Record<FundSource, string> = {
  fiscal: '财政资金',
  specialBond: '专项债',
  ppp: 'PPP',
  other: '其他',
};

export function isFundSource(value: unknown): value is FundSource {
  return typeof value === 'string' && (FUND_SOURCES as readonly string[]).includes(value);
}

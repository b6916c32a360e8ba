/**
 * What a contract buys. It decides R6: only works (施工) contracts carry a labour-cost share that
 * must go to the migrant-worker wage account. R1 applies to all three when the supplier is an SME.
 */
export const CONTRACT_CATEGORIES = ['works', 'goods', 'services'] as const;
export type ContractCategory = (typeof CONTRACT_CATEGORIES)[number];

export const CONTRACT_CATEGORY_LABELS: Record<ContractCategory, string> = {
  works: '工程施工',
  goods: '货物采购',
  services: '服务（设计、监理、咨询）',
};

/**
 * Contracts written before the category was recorded (the demo office's seed) carry a labour
 * share exactly when they are works contracts, so that is how their category is read.
 */
export function categoryOf(contract: { category?: ContractCategory | undefined; labourShare: number }): ContractCategory {
  return contract.category ?? (contract.labourShare > 0 ? 'works' : 'services');
}

export const UNIT_LEVELS = ['province', 'city', 'county'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const UNIT_LEVEL_LABELS: Record<UnitLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
};

/**
 * The numbers of the contract rules (REGULATIONS.md). Each is a setting a province may tighten;
 * `tightenContractPolicy` refuses to loosen any of them (the rule text says "never silently
 * loosen"), so a stored setting can only make a rule stricter than the law's default.
 */
export interface ContractPolicy {
  /** R1: the term an SME supplier gets when the contract names none */
  smeDefaultTermDays: number;
  /** R1: the longest term an SME contract may agree */
  smeMaxTermDays: number;
  /** R3: advance (预付款) as a share of the contract amount, basis points */
  advanceMinBp: number;
  advanceMaxBp: number;
  /** R4: progress payments at least this share of the certified value, basis points */
  progressMinBp: number;
  /** R5: retention at most this share, basis points */
  retentionMaxBp: number;
  /** R1 reminders: a due date this many days ahead counts as near */
  nearDueDays: number;
  /** R5 reminders: a defect-liability period ending within this many days is shown */
  retentionNoticeDays: number;
}

export const DEFAULT_CONTRACT_POLICY: ContractPolicy = {
  smeDefaultTermDays: 30,
  smeMaxTermDays: 60,
  advanceMinBp: 1000,
  advanceMaxBp: 3000,
  progressMinBp: 8000,
  retentionMaxBp: 300,
  nearDueDays: 7,
  retentionNoticeDays: 30,
};

/** A stored policy merged over the defaults, each number only where it is the stricter one. */
export function tightenContractPolicy(stored: Partial<ContractPolicy> | undefined): ContractPolicy {
  const d = DEFAULT_CONTRACT_POLICY;
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null);
  const lower = (v: unknown, base: number) => Math.min(num(v) ?? base, base);
  const higher = (v: unknown, base: number) => Math.max(num(v) ?? base, base);
  const s = stored ?? {};
  const smeMaxTermDays = lower(s.smeMaxTermDays, d.smeMaxTermDays);
  return {
    smeDefaultTermDays: Math.min(lower(s.smeDefaultTermDays, d.smeDefaultTermDays), smeMaxTermDays),
    smeMaxTermDays,
    advanceMinBp: higher(s.advanceMinBp, d.advanceMinBp),
    advanceMaxBp: lower(s.advanceMaxBp, d.advanceMaxBp),
    progressMinBp: Math.min(higher(s.progressMinBp, d.progressMinBp), 10_000),
    retentionMaxBp: lower(s.retentionMaxBp, d.retentionMaxBp),
    // reminders warn earlier, never later
    nearDueDays: higher(s.nearDueDays, d.nearDueDays),
    retentionNoticeDays: higher(s.retentionNoticeDays, d.retentionNoticeDays),
  };
}

/** `30.00 %` from basis points, as the messages write ratios. */
export function percentText(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/u, '')}%`;
}

/**
 * The numbers of the request rules (REGULATIONS.md: "where a rule names a number, the number is
 * a setting"). Basis points: 3000 = 30 %. An office may tighten them (a lower advance cap, a
 * higher progress minimum), never loosen them past the law; `tightenPolicy` enforces that.
 */
export interface PaymentPolicy {
  /** R3: advances together ≤ this share of the current contract amount */
  advanceMaxBp: number;
  /** R4: progress payments together ≤ certified value × this share, less retention */
  progressMaxBp: number;
  /** R4: progress payments below this share of certified value are flagged (underpaying) */
  progressMinBp: number;
}

export const DEFAULT_PAYMENT_POLICY: Readonly<PaymentPolicy> = {
  advanceMaxBp: 3_000,
  progressMaxBp: 10_000,
  progressMinBp: 8_000,
};

/** A stored setting applied over the defaults; anything looser than the law is ignored. */
export function tightenPolicy(stored: Partial<PaymentPolicy> | undefined): PaymentPolicy {
  const d = DEFAULT_PAYMENT_POLICY;
  const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
  return {
    advanceMaxBp: int(stored?.advanceMaxBp) && stored.advanceMaxBp >= 0 && stored.advanceMaxBp <= d.advanceMaxBp ? stored.advanceMaxBp : d.advanceMaxBp,
    progressMaxBp: int(stored?.progressMaxBp) && stored.progressMaxBp >= 0 && stored.progressMaxBp <= d.progressMaxBp ? stored.progressMaxBp : d.progressMaxBp,
    progressMinBp: int(stored?.progressMinBp) && stored.progressMinBp >= d.progressMinBp && stored.progressMinBp <= 10_000 ? stored.progressMinBp : d.progressMinBp,
  };
}

/** 30 % from 3000 bp, for messages. */
export function percentText(bp: number): string {
  return `${bp % 100 === 0 ? bp / 100 : (bp / 100).toFixed(2)}%`;
}

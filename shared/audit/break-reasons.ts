/**
 * Why a chain is broken. Kept apart from the verifier so the API contract (and with it the
 * renderer bundle) can name the reasons without pulling in the SM2/SM3 code.
 */
export const CHAIN_BREAK_REASONS = ['gap', 'reordered', 'prevHashMismatch', 'hashMismatch', 'badSignature', 'truncated', 'duplicate'] as const;
export type ChainBreakReason = (typeof CHAIN_BREAK_REASONS)[number];

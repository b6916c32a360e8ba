import { compact, compactUpper } from './normalize';

/**
 * Display masks for lists, logs and printouts (个人信息保护法: show no more than needed).
 * The masked form has a fixed shape so it does not reveal the length of the hidden part.
 */

/** `**** **** 1234` — only the last 4 characters; inputs of 4 or fewer are fully hidden. */
export function maskAccount(value: string): string {
  const v = compact(value).replace(/-/gu, '');
  if (v.length <= 4) return '****';
  return `**** **** ${v.slice(-4)}`;
}

/**
 * `110***********002X` — the first 3 (province and city, enough to tell people apart on screen)
 * and the last 4; the birth date is always hidden. Anything not 18 long shows only its last 4.
 */
export function maskIdCard(value: string): string {
  const v = compactUpper(value);
  if (v.length === 18) return `${v.slice(0, 3)}${'*'.repeat(11)}${v.slice(-4)}`;
  if (v.length <= 4) return '****';
  return `****${v.slice(-4)}`;
}

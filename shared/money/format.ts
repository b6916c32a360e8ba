import { assertFen, type Fen } from './fen';

/**
 * Display formats. All of them split the integer 分 with integer arithmetic (exact for every safe
 * integer) — never `fen / 100` followed by toFixed, which rounds through binary floats.
 */

function split(fen: Fen): { negative: boolean; yuan: string; cents: string } {
  assertFen(fen);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return { negative, yuan: String(yuan), cents: String(cents).padStart(2, '0') };
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
}

/** `¥1,234,567.89`; negative amounts as `-¥1,234.00` (sign before the currency symbol). */
export function formatFen(fen: Fen): string {
  const { negative, yuan, cents } = split(fen);
  return `${negative ? '-' : ''}¥${group(yuan)}.${cents}`;
}

/** `1,234,567.89` — for input fields, where the ¥ sits outside the box. `parseYuan` reads it back. */
export function formatFenPlain(fen: Fen): string {
  const { negative, yuan, cents } = split(fen);
  return `${negative ? '-' : ''}${group(yuan)}.${cents}`;
}

/** `1234.50` — no grouping, two decimals: for exports, bank files and APIs that want yuan text. */
export function fenToYuanString(fen: Fen): string {
  const { negative, yuan, cents } = split(fen);
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

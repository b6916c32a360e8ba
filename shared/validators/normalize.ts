/**
 * Input clean-up shared by the identifier validators and the amount parser.
 *
 * Chinese IMEs in full-width mode produce `１２３ＡＢＣ，．` and the ideographic space U+3000; users
 * also paste identifiers grouped with spaces (`9135 0100 ...`). None of that is a real error, so we
 * fold it away before validating instead of rejecting it.
 */

/** Full-width ASCII variants U+FF01–U+FF5E map to U+0021–U+007E; U+3000 maps to a space. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Half-width, every kind of whitespace removed. */
export function compact(text: string): string {
  return toHalfWidth(text).replace(/\s+/gu, '');
}

/** Half-width, whitespace removed, upper-case: the canonical form of a code such as a USCC. */
export function compactUpper(text: string): string {
  return compact(text).toUpperCase();
}

/**
 * The one CSV cell writer of every CSV the ledger writes (audit findings, transparency
 * report, statements, package templates, the apportionment CLI): RFC 4180 quoting plus
 * the OWASP guard against formula ("CSV") injection. Pure.
 *
 * The guard. A spreadsheet runs a cell as a formula when its text starts with `=`, `+`,
 * `-` or `@` (and some also after a leading tab or carriage return, and with the
 * fullwidth forms `＝ ＋ － ＠` that some locales' spreadsheets fold to ASCII). Such a
 * cell is written with a single quote `'` in front (and quoted), so the spreadsheet
 * shows it as text — OWASP "CSV Injection" guidance.
 *
 * The one exception keeps amounts usable: a cell that is a plain decimal number —
 * exactly an optional `-`, digits, and optionally `.` and digits (`-12.50`, `0`, `7`) —
 * is written as it is, so a negative amount stays a number in the spreadsheet. Nothing
 * that matches that pattern can be a formula (no operator follows the sign, no letter,
 * no parenthesis). `-1+cmd|' /C calc'!A0`, `-2-3` or `- 1` do not match and are guarded.
 * JS numbers (counts, tree sizes) are written with String().
 */

/** A plain decimal: written as it is even when it starts with `-`. */
export const PLAIN_DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

/** The characters a spreadsheet may read as the start of a formula (OWASP), with their fullwidth forms. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** True when a spreadsheet could run the text as a formula (and csvCell guards it). */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_DECIMAL.test(text);
}

/** RFC 4180 quoting alone: the value round-trips through any CSV reader unchanged. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A cell of an exported CSV: `null`/`undefined` are empty, numbers are written as they
 * are, text is guarded against formula injection (see above) and quoted per RFC 4180.
 * A guarded cell is always quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (looksLikeFormula(value)) return `"'${value.replace(/"/g, '""')}"`;
  return csvField(value);
}

/** One record: the cells guarded and quoted, joined by commas (no line end). */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole document: the records joined with CRLF (RFC 4180), ending with one. */
export function csvDocument(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map(csvRow).join('\r\n') + '\r\n';
}

/**
 * Which characters may appear in an id and in a name the ledger shows to others, in one
 * place for TypeScript (the API's checks) and for SQL (the validation of packages).
 *
 * Refused everywhere (ids and names):
 * - C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F): tabs and line breaks
 *   included;
 * - bidirectional controls: U+061C, U+200E, U+200F, embeddings and overrides
 *   U+202A–U+202E, isolates U+2066–U+2069 (a right-to-left override makes
 *   "Anna‮gnp.exe" read as another name);
 * - invisible characters: soft hyphen U+00AD, U+034F, Hangul fillers, U+180E,
 *   zero-width space U+200B, U+2060–U+2064, U+206A–U+206F, U+FEFF (the byte order mark:
 *   only a file may start with one), U+FFF9–U+FFFB and the tag characters
 *   U+E0000–U+E007F.
 * In an id also the zero-width joiners U+200C/U+200D and the variation selectors
 * U+FE00–U+FE0F: an id is compared byte for byte, so what cannot be seen must not be in it.
 * A name may hold a joiner between two characters (Persian and Indic scripts need
 * ZWNJ/ZWJ), but not at its start or end, where it can only hide.
 */

type Range = readonly [number, number];

const CONTROLS: Range[] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
];
const BIDI: Range[] = [
  [0x061c, 0x061c],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
const INVISIBLE: Range[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200b],
  [0x2060, 0x2064],
  [0x206a, 0x206f],
  [0x3164, 0x3164],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff9, 0xfffb],
  [0xe0000, 0xe007f],
];
const JOINERS: Range[] = [[0x200c, 0x200d]];
const VARIATION_SELECTORS: Range[] = [[0xfe00, 0xfe0f]];

const IN_NAMES = [...CONTROLS, ...BIDI, ...INVISIBLE];
const IN_IDS = [...IN_NAMES, ...JOINERS, ...VARIATION_SELECTORS];

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
const jsClass = (ranges: readonly Range[]) => `[${ranges.map(([a, b]) => (a === b ? `\\u{${hex(a, 4)}}` : `\\u{${hex(a, 4)}}-\\u{${hex(b, 4)}}`)).join('')}]`;
/** A PostgreSQL ARE bracket expression (\uXXXX, \UXXXXXXXX escapes); NUL cannot be in a text value. */
const sqlClass = (ranges: readonly Range[]) =>
  `[${ranges
    .map(([a, b]) => [Math.max(a, 1), b] as const)
    .map(([a, b]) => (a === b ? pgEscape(a) : `${pgEscape(a)}-${pgEscape(b)}`))
    .join('')}]`;
const pgEscape = (n: number) => (n > 0xffff ? `\\U${hex(n, 8)}` : `\\u${hex(n, 4)}`);

const ID_FORBIDDEN = new RegExp(jsClass(IN_IDS), 'u');
const NAME_FORBIDDEN = new RegExp(jsClass(IN_NAMES), 'u');
const JOINER_AT_ENDS = new RegExp(`^${jsClass(JOINERS)}|${jsClass(JOINERS)}$`, 'u');

/** SQL regex classes of the characters refused in ids and in names (see above). */
export const SQL_ID_FORBIDDEN = sqlClass(IN_IDS);
export const SQL_NAME_FORBIDDEN = sqlClass(IN_NAMES);
export const SQL_JOINER_AT_ENDS = `^${sqlClass(JOINERS)}|${sqlClass(JOINERS)}$`;

/** `U+202E`: how a message names a character. */
export function codePointLabel(ch: string): string {
  return `U+${hex(ch.codePointAt(0)!, 4)}`;
}

function kindOf(cp: number): string {
  const within = (ranges: readonly Range[]) => ranges.some(([a, b]) => cp >= a && cp <= b);
  if (cp === 0xfeff) return 'a byte order mark';
  if (within(CONTROLS)) return 'a control character';
  if (within(BIDI)) return 'a bidirectional control';
  return 'an invisible character';
}

/** Why `value` is not a valid id (a character that cannot be seen), or null. */
export function explainVisibleId(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  const m = ID_FORBIDDEN.exec(value);
  return m ? `contains ${codePointLabel(m[0])}, ${kindOf(m[0].codePointAt(0)!)}: an id is written with visible characters only` : null;
}

/** Formula-like starts (the CSV guard's characters, see libs/csv) a name may not have. */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
export const SQL_FORMULA_START = '^[-=+@\\uFF1D\\uFF0B\\uFF0D\\uFF20]';

/**
 * Why `value` cannot be a rights holder's (or a board member's) name, or null: a
 * control, bidirectional or invisible character, a joiner at either end, blank, spaces
 * around it, or a start a spreadsheet runs as a formula (`=`, `+`, `-`, `@`, also
 * fullwidth).
 */
export function explainDisplayName(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  const m = NAME_FORBIDDEN.exec(value);
  if (m) return `contains ${codePointLabel(m[0])}, ${kindOf(m[0].codePointAt(0)!)}, which is not allowed in a name`;
  if (JOINER_AT_ENDS.test(value)) return 'starts or ends with a zero-width joiner, which is not allowed in a name';
  if (value.trim() === '') return 'must not be blank';
  if (value.trim() !== value) return 'must not start or end with spaces';
  if (FORMULA_START.test(value)) return `must not start with ${JSON.stringify(value[0])} (a spreadsheet would read the name as a formula)`;
  return null;
}

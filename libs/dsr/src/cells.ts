/**
 * Cells of a DSR line (DSR Part 1 §7.3, "Delimiters"; §6.6.4 of the earlier edition,
 * "Communicating delimiters"): cells are separated by TAB, the values of a multi-value cell
 * by `|`. A delimiter inside a value is escaped with backslashes: a TAB as `\⇥`, a `|` as
 * `\\|`, and a backslash itself as `\\\`. A non-escaped `|` in a single-value cell is an
 * error. The reference library (ddexnet/dsrf) and its test data also write a `|` as `\|`;
 * that is read as a literal `|` too.
 *
 * Reading a run of n backslashes: every three are one literal backslash; one left over
 * escapes a following TAB or `|`, two left over escape a following `|`; anything else left
 * over escapes nothing and is reported.
 */

const BACKSLASH = 92;
const TAB = 9;
const PIPE = 124;

/** The raw cells of a line: split on TABs that are not escaped. Values keep their escapes. */
export function splitCells(line: string): string[] {
  if (line.indexOf('\\') < 0) return line.split('\t');
  const cells: string[] = [];
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === BACKSLASH) {
      let n = 1;
      while (line.charCodeAt(i + n) === BACKSLASH) n++;
      i += n - 1;
      if (n % 3 === 1 && line.charCodeAt(i + 1) === TAB) i++; // an escaped TAB stays in the cell
    } else if (c === TAB) {
      cells.push(line.slice(start, i));
      start = i + 1;
    }
  }
  cells.push(line.slice(start));
  return cells;
}

export interface DecodedValue {
  readonly value: string;
  /** What is wrong with the escapes, if anything. */
  readonly problem: string | null;
}

/** The raw `|`-separated parts of a cell (escaped pipes stay inside their part). */
export function splitValues(raw: string): string[] {
  if (raw.indexOf('|') < 0) return [raw];
  if (raw.indexOf('\\') < 0) return raw.split('|');
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === BACKSLASH) {
      let n = 1;
      while (raw.charCodeAt(i + n) === BACKSLASH) n++;
      i += n - 1;
      const left = n % 3;
      if (left !== 0 && raw.charCodeAt(i + 1) === PIPE) i++;
    } else if (c === PIPE) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  return parts;
}

/** One value with its escapes resolved. `single`: a non-escaped `|` is a problem. */
export function unescapeValue(raw: string, single = false): DecodedValue {
  if (raw.indexOf('\\') < 0) {
    return { value: raw, problem: single && raw.indexOf('|') >= 0 ? 'a "|" in a single-value cell must be escaped as \\\\|' : null };
  }
  let out = '';
  let problem: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c !== BACKSLASH) {
      if (c === PIPE && single && problem === null) problem = 'a "|" in a single-value cell must be escaped as \\\\|';
      out += raw[i];
      continue;
    }
    let n = 1;
    while (raw.charCodeAt(i + n) === BACKSLASH) n++;
    i += n - 1;
    out += '\\'.repeat(Math.floor(n / 3));
    const left = n % 3;
    if (left === 0) continue;
    const next = raw.charCodeAt(i + 1);
    if ((left === 1 && next === TAB) || next === PIPE) {
      out += raw[i + 1];
      i++;
    } else {
      out += '\\'.repeat(left);
      problem ??= `${left === 1 ? 'a backslash' : 'two backslashes'} escaping nothing at character ${i + 2 - left}; a backslash is written as \\\\\\`;
    }
  }
  return { value: out, problem };
}

/** The values of a multi-value cell with escapes resolved; an empty cell has none. */
export function cellValues(raw: string): string[] {
  if (raw === '') return [];
  const parts = splitValues(raw);
  return parts.map((p) => (p.indexOf('\\') < 0 ? p : unescapeValue(p).value));
}

/** Writes a value the way the standard escapes it (for writers and tests). */
export function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\\\').replace(/\t/g, '\\\t').replace(/\|/g, '\\\\|');
}

import { COUNTRY_CODES, CURRENCY_CODES, SQL_FORMULA_START, SQL_ID_FORBIDDEN, SQL_JOINER_AT_ENDS, SQL_NAME_FORBIDDEN } from '../../identifiers/src/index.js';
import type { Column } from './definition.js';

/**
 * The column kinds: how a column is checked, stored and hashed (the `Column` of
 * definition.ts). Everything here is SQL text generated from constants (never from user
 * input): the validation runs as one set-based statement over the staged rows, not row
 * by row in JS.
 *
 * - `problem(col, q)`: CASE branches (`WHEN … THEN 'message'`) that name what is wrong
 *   with the staged text `col`; no branch matches when the cell is fine.
 * - `typed(col)`: the stored value, from a staged text that passed the checks.
 * - `leaf(col)`: the JSON value of the stored column in the line's canonical JSON
 *   (a JSON string, or `null` for an empty optional cell). It reads the stored typed
 *   column, so `verify` can recompute every leaf from the lines alone.
 * - `stagedLeaf(col)`: the same JSON value computed from the staged text of a cell that
 *   passed the checks (so the bulk commit needs no typed value to hash a line). Equal to
 *   `leaf(typed(col))` for every valid cell; a test holds the two together.
 */
export type { Column } from './definition.js';

/** The same lists as libs/identifiers (and the ref_ tables): constant arrays hash-probe fastest. */
const COUNTRY_ARRAY = `'{${COUNTRY_CODES.join(',')}}'::text[]`;
const CURRENCY_ARRAY = `'{${CURRENCY_CODES.join(',')}}'::text[]`;
/**
 * An amount as the contract writes it: 1 to 18 digits, then optionally "." and 1 to 8
 * digits (ledger_amount_problem explains any other text). PostgreSQL's regex engine is
 * slow on bounded repetition ({1,18}), so the shape is an unbounded regex and the digit
 * counts are arithmetic on the position of the "." (the text is ASCII once the regex
 * matched, so characters are bytes): exactly `~ '^[0-9]{1,18}([.][0-9]{1,8})?$'`.
 */
const amountParses = (c: string) =>
  `(${c} COLLATE "C" ~ '^[0-9]+([.][0-9]+)?$' AND CASE strpos(${c}, '.') WHEN 0 THEN octet_length(${c}) <= 18 ` +
  `ELSE strpos(${c}, '.') <= 19 AND octet_length(${c}) - strpos(${c}, '.') <= 8 END)`;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** `'null'` for an empty optional cell, else `json`. */
const emptyIsNull = (col: string, json: string) => `CASE WHEN ${col} = '' THEN 'null' ELSE ${json} END`;
const jsonText = (expr: string) => `to_json(${expr})::text`;
/**
 * The JSON string of a value validation restricted to characters JSON never escapes
 * (enumerations, dates, amounts, codes): quoting it is the same text as to_json, cheaper.
 */
const safeJsonText = (expr: string) => `('"' || ${expr} || '"')`;
const nullable = (col: string, json: string) => `CASE WHEN ${col} IS NULL THEN 'null' ELSE ${json} END`;
const quoted = (col: string) => `'"' || left(${col}, 60) || '"'`;

/** `'U+202E'`: the first character of the cell `c` that matches the SQL regex class `cls`. */
const firstCodePoint = (c: string, cls: string) => `'U+' || upper(lpad(to_hex(ascii(substring(${c} from '${cls}'))), 4, '0'))`;

/**
 * A text column. Every text refuses U+FEFF: a byte order mark belongs at the start of the
 * file only (a CSV row or a JSON Lines record that starts with one would carry it into the
 * first value, invisibly). `kind` adds:
 * - `id`: a line id is compared byte for byte, so it holds visible characters only (no
 *   control, bidirectional, zero-width or other invisible character: libs/identifiers
 *   visible-text.ts);
 * - `name`: the name of a person or company the ledger shows to others (and may register
 *   a rights holder under): no control, bidirectional or invisible character, no
 *   zero-width joiner at either end, and no start a spreadsheet reads as a formula.
 */
export function text(name: string, opts: { optional?: boolean; max?: number; kind?: 'id' | 'name'; mayBeAbsent?: boolean } = {}): Column {
  const max = opts.max ?? 500;
  return {
    name,
    ...(opts.mayBeAbsent ? { mayBeAbsent: true } : {}),
    problem: (c) => [
      ...(opts.optional ? [] : [`WHEN ${c} = '' THEN 'is required'`]),
      `WHEN strpos(${c}, chr(65279)) > 0 THEN 'contains U+FEFF, a byte order mark: only the start of the file may hold one, not a line or a value'`,
      ...(opts.kind === 'id'
        ? [`WHEN ${c} ~ '${SQL_ID_FORBIDDEN}' THEN 'contains ' || ${firstCodePoint(c, SQL_ID_FORBIDDEN)} || ', an invisible or control character: an id is written with visible characters only'`]
        : []),
      ...(opts.kind === 'name'
        ? [
            `WHEN ${c} ~ '${SQL_NAME_FORBIDDEN}' THEN 'contains ' || ${firstCodePoint(c, SQL_NAME_FORBIDDEN)} || ', a control, bidirectional or invisible character, which is not allowed in a name'`,
            `WHEN ${c} ~ '${SQL_JOINER_AT_ENDS}' THEN 'starts or ends with a zero-width joiner, which is not allowed in a name'`,
            `WHEN ${c} ~ '${SQL_FORMULA_START}' THEN 'must not start with "' || left(${c}, 1) || '" (a spreadsheet would read the name as a formula)'`,
          ]
        : []),
      // octet_length is read from the header; length counts characters, so only long texts pay it.
      `WHEN octet_length(${c}) > ${max} AND length(${c}) > ${max} THEN 'is longer than ${max} characters'`,
    ],
    typed: (c) => (opts.optional ? `NULLIF(${c}, '')` : c),
    leaf: (c) => (opts.optional ? nullable(c, jsonText(c)) : jsonText(c)),
    stagedLeaf: (c) => (opts.optional ? emptyIsNull(c, jsonText(c)) : jsonText(c)),
  };
}

export function oneOf(name: string, values: readonly string[], opts: { optional?: boolean; mayBeAbsent?: boolean } = {}): Column {
  const list = `ARRAY[${values.map(lit).join(', ')}]`;
  return {
    name,
    ...(opts.mayBeAbsent ? { mayBeAbsent: true } : {}),
    problem: (c) => [
      ...(opts.optional ? [] : [`WHEN ${c} = '' THEN 'is required (one of: ${values.join(', ')})'`]),
      `WHEN ${c} <> '' AND NOT (${c} = ANY(${list})) THEN ${quoted(c)} || ' is not one of: ${values.join(', ')}'`,
    ],
    typed: (c) => (opts.optional ? `NULLIF(${c}, '')` : c),
    leaf: (c) => (opts.optional ? nullable(c, safeJsonText(c)) : safeJsonText(c)),
    stagedLeaf: (c) => (opts.optional ? emptyIsNull(c, safeJsonText(c)) : safeJsonText(c)),
  };
}

export function bool(name: string): Column {
  return {
    name,
    problem: (c) => [`WHEN ${c} NOT IN ('true', 'false') THEN 'must be true or false, not ' || ${quoted(c)}`],
    typed: (c) => `(${c} = 'true')`,
    leaf: (c) => `CASE WHEN ${c} THEN '"true"' ELSE '"false"' END`,
    stagedLeaf: (c) => `CASE WHEN ${c} = 'true' THEN '"true"' ELSE '"false"' END`,
  };
}

export function amount(name: string): Column {
  return {
    name,
    // The common case is the cheap parse check; the function explaining what is wrong runs only on bad cells.
    problem: (c, _q, ok) => [`WHEN NOT ${ok ?? amountParses(c)} THEN ledger_amount_problem(${c})`],
    parses: amountParses,
    typed: (c) => `${c}::numeric(26,8)`,
    leaf: (c) => safeJsonText(`trim_scale(${c})::text`),
    // At most 8 fraction digits passed the checks, so numeric(26,8) kept the value as written.
    stagedLeaf: (c) => safeJsonText(`trim_scale(${c}::numeric)::text`),
  };
}

export type DateRule = 'any' | 'in-quarter' | 'not-after-quarter';

export function date(name: string, opts: { optional?: boolean; rule?: DateRule } = {}): Column {
  const rule = opts.rule ?? 'any';
  return {
    name,
    parses: (c) => `ledger_date_valid(${c})`,
    perValue: true,
    problem: (c, q, ok) => [
      ...(opts.optional ? [] : [`WHEN ${c} = '' THEN 'is required (YYYY-MM-DD)'`]),
      `WHEN ${c} <> '' AND NOT ${ok ?? `ledger_date_valid(${c})`} THEN ${quoted(c)} || ' is not a date written YYYY-MM-DD'`,
      ...(rule === 'in-quarter'
        ? [`WHEN ${c} <> '' AND (${c}::date < DATE '${q.first}' OR ${c}::date > DATE '${q.last}') THEN '${''}' || ${c} || ' is outside the period ${q.period} (${q.first} to ${q.last})'`]
        : []),
      ...(rule === 'not-after-quarter' ? [`WHEN ${c} <> '' AND ${c}::date > DATE '${q.last}' THEN ${c} || ' is after the end of the period ${q.period} (${q.last})'`] : []),
      // A fact of the period (a use, a payment, a receipt) cannot have happened after today.
      ...(rule !== 'any' && q.today && /^\d{4}-\d{2}-\d{2}$/.test(q.today)
        ? [`WHEN ${c} <> '' AND ${c}::date > DATE '${q.today}' THEN ${c} || ' is after today (${q.today}): facts from the future are refused'`]
        : []),
    ],
    typed: (c) => `NULLIF(${c}, '')::date`,
    leaf: (c) => nullable(c, safeJsonText(`to_char(${c}, 'YYYY-MM-DD')`)),
    // A valid cell is already written YYYY-MM-DD (years 0001-9999), which is what to_char gives back.
    stagedLeaf: (c) => emptyIsNull(c, safeJsonText(c)),
  };
}

export function currency(name: string): Column {
  return {
    name,
    problem: (c) => [
      `WHEN ${c} = '' THEN 'is required (ISO 4217)'`,
      `WHEN NOT (${c} = ANY(${CURRENCY_ARRAY})) THEN ${quoted(c)} || ' is not an ISO 4217 currency code'`,
    ],
    typed: (c) => c,
    leaf: (c) => safeJsonText(`${c}::text`),
    stagedLeaf: (c) => safeJsonText(c),
  };
}

export function territory(name: string): Column {
  return {
    name,
    problem: (c) => [
      `WHEN ${c} = '' THEN 'is required (ISO 3166-1 alpha-2 or WORLD)'`,
      `WHEN ${c} <> 'WORLD' AND NOT (${c} = ANY(${COUNTRY_ARRAY})) THEN ${quoted(c)} || ' is not an ISO 3166-1 alpha-2 code or WORLD'`,
    ],
    typed: (c) => c,
    leaf: (c) => safeJsonText(c),
    stagedLeaf: (c) => safeJsonText(c),
  };
}

export function ipi(name: string, opts: { optional?: boolean; mayBeAbsent?: boolean } = {}): Column {
  return {
    name,
    ...(opts.mayBeAbsent ? { mayBeAbsent: true } : {}),
    problem: (c) => [
      ...(opts.optional ? [] : [`WHEN ${c} = '' THEN 'is required (an 11-digit IPI name number)'`]),
      `WHEN ${c} <> '' AND NOT ledger_ipi_valid(${c}) THEN ${quoted(c)} || ' is not a valid IPI name number (11 digits with mod-101 check digits)'`,
    ],
    perValue: true,
    typed: (c) => `NULLIF(${c}, '')`,
    leaf: (c) => nullable(c, safeJsonText(`${c}::text`)),
    stagedLeaf: (c) => emptyIsNull(c, safeJsonText(c)),
  };
}

export function iswc(name: string): Column {
  return {
    name,
    problem: (c) => [`WHEN ${c} <> '' AND NOT ledger_iswc_valid(${c}) THEN ${quoted(c)} || ' is not a valid ISWC (T-123.456.789-C with its check digit)'`],
    perValue: true,
    // The checks passed, so dropping the display punctuation gives the stored form.
    typed: (c) => `translate(NULLIF(${c}, ''), '-.', '')`,
    leaf: (c) => nullable(c, safeJsonText(`${c}::text`)),
    stagedLeaf: (c) => emptyIsNull(c, safeJsonText(`translate(${c}, '-.', '')`)),
  };
}

/**
 * An ISRC (ISO 3901), optional: `CC-XXX-YY-NNNNN` with its hyphens or `CCXXXYYNNNNN`
 * without, any letter case; stored without hyphens, upper case (char(12)).
 */
export function isrc(name: string, opts: { mayBeAbsent?: boolean } = {}): Column {
  const stored = (c: string) => `upper(translate(${c}, '-', ''))`;
  return {
    name,
    ...(opts.mayBeAbsent ? { mayBeAbsent: true } : {}),
    problem: (c) => [`WHEN ${c} <> '' AND ${c} COLLATE "C" !~ '^[A-Za-z]{2}-?[A-Za-z0-9]{3}-?[0-9]{2}-?[0-9]{5}$' THEN ${quoted(c)} || ' is not an ISRC (CC-XXX-YY-NNNNN)'`],
    typed: (c) => `NULLIF(${stored(c)}, '')`,
    leaf: (c) => nullable(c, safeJsonText(`${c}::text`)),
    stagedLeaf: (c) => emptyIsNull(c, safeJsonText(stored(c))),
  };
}

export function cisac(name: string): Column {
  return {
    name,
    problem: (c) => [`WHEN ${c} = '' THEN 'is required (a CISAC society code, three digits)'`, `WHEN NOT ledger_cisac_valid(${c}) THEN ${quoted(c)} || ' is not a CISAC society code (three digits)'`],
    typed: (c) => c,
    leaf: (c) => safeJsonText(`${c}::text`),
    stagedLeaf: (c) => safeJsonText(c),
  };
}

export function year(name: string): Column {
  return {
    name,
    problem: (c, q) => [
      `WHEN ${c} = '' THEN 'is required (YYYY)'`,
      `WHEN ${c} !~ '^[0-9]{4}$' THEN ${quoted(c)} || ' is not a year (YYYY)'`,
      `WHEN ${c}::int > ${q.year} THEN ${c} || ' is after the submitted period ${q.period}'`,
    ],
    typed: (c) => `${c}::int`,
    leaf: (c) => safeJsonText(`${c}::text`),
    stagedLeaf: (c) => safeJsonText(`${c}::int::text`),
  };
}

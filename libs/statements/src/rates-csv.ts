/**
 * The exchange-rate table an admin or a regulator uploads: CSV with the header
 * `date,currency,rate_to_eur` (any column order; a UTF-8 BOM and CRLF line ends are
 * tolerated; RFC 4180 quotes allowed on a cell), one rate per currency and day:
 *
 *     date,currency,rate_to_eur
 *     2025-03-31,RUB,0.0108
 *     2025-03-31,SEK,0.0921
 *
 * rate_to_eur is the value of one unit of the currency in euros, positive, with at
 * most 10 integer and 10 fraction digits (the column is numeric(20,10)). EUR may
 * appear only with the rate 1 (it is the reference, never stored). Every problem is
 * reported with its line (the header is line 1) and column; a file with any problem
 * is refused whole. Pure TypeScript.
 */
import type { InputProblem } from '../../errors/src/index.js';
import { explainCurrencyCode } from '../../identifiers/src/index.js';
import { explainDecimal } from '../../money/src/index.js';
import { scaledFromText } from './conversion.js';

export const RATE_COLUMNS = ['date', 'currency', 'rate_to_eur'] as const;
type RateColumn = (typeof RATE_COLUMNS)[number];

/** Most rates one upload may carry (about 30 currencies × 365 days × 9 years). */
export const MAX_RATE_ROWS = 100_000;

export interface RateRow {
  /** Line of the file (header = 1). */
  line: number;
  date: string;
  currency: string;
  rateToEur: string;
}

export type ParsedRates = { ok: true; rows: RateRow[] } | { ok: false; problems: InputProblem[] };

/** At most this many problems are reported (the file is refused either way). */
const MAX_PROBLEMS = 1000;

/** Why `value` is not a calendar date written YYYY-MM-DD, or null. */
export function explainIsoDate(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${JSON.stringify(value)} must be a date written YYYY-MM-DD`;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? `${value} is not a calendar date` : null;
}

const RATE_FORMAT = { maxIntegerDigits: 10, maxFractionDigits: 10, allowNegative: false, label: 'rate_to_eur' };

/** Why `value` is not a usable rate to the euro, or null. */
export function explainRate(value: string): string | null {
  const problem = explainDecimal(value, RATE_FORMAT);
  if (problem) return problem;
  return scaledFromText(value).units > 0n ? null : `rate_to_eur ${JSON.stringify(value)} must be greater than 0`;
}

/** Parses and checks a rate table; see the module comment. */
export function parseRatesCsv(text: string): ParsedRates {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) return { ok: false, problems: [{ line: 1, message: `the file is empty; the header is ${RATE_COLUMNS.join(',')}` }] };

  const header = splitRecord(lines[0]).map((n) => n.trim());
  const problems: InputProblem[] = [];
  for (const name of header) {
    if (!(RATE_COLUMNS as readonly string[]).includes(name)) problems.push({ line: 1, column: name, message: `unknown column "${name}" (expected: ${RATE_COLUMNS.join(', ')})` });
  }
  for (const name of RATE_COLUMNS) {
    const count = header.filter((h) => h === name).length;
    if (count === 0) problems.push({ line: 1, column: name, message: `missing column "${name}"` });
    if (count > 1) problems.push({ line: 1, column: name, message: `column "${name}" appears ${count} times in the header` });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (lines.length - 1 > MAX_RATE_ROWS) {
    return { ok: false, problems: [{ line: MAX_RATE_ROWS + 2, message: `at most ${MAX_RATE_ROWS} rates per upload; split the file` }] };
  }
  const at = Object.fromEntries(RATE_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<RateColumn, number>;

  const rows: RateRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (let i = 1; i < lines.length && problems.length < MAX_PROBLEMS; i++) {
    const line = i + 1;
    if (lines[i].trim() === '') {
      problems.push({ line, message: 'empty line' });
      continue;
    }
    const cells = splitRecord(lines[i]);
    if (cells.length !== header.length) {
      problems.push({ line, message: `has ${cells.length} cells; the header has ${header.length}` });
      continue;
    }
    const date = cells[at.date].trim();
    const currency = cells[at.currency].trim();
    const rate = cells[at.rate_to_eur].trim();
    const before = problems.length;
    const dateProblem = explainIsoDate(date);
    if (dateProblem) problems.push({ line, column: 'date', message: dateProblem });
    const currencyProblem = explainCurrencyCode(currency);
    if (currencyProblem) problems.push({ line, column: 'currency', message: currencyProblem });
    const rateProblem = explainRate(rate);
    if (rateProblem) problems.push({ line, column: 'rate_to_eur', message: rateProblem });
    else if (currency === 'EUR' && scaledFromText(rate).units !== 10n ** BigInt(scaledFromText(rate).scale)) {
      problems.push({ line, column: 'rate_to_eur', message: `EUR is the reference currency: its rate is 1 (got ${rate})` });
    }
    if (problems.length > before) continue;
    const key = `${date} ${currency}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      problems.push({ line, column: 'date', message: `${currency} on ${date} is already given on line ${first}` });
      continue;
    }
    firstLineOf.set(key, line);
    if (currency !== 'EUR') rows.push({ line, date, currency, rateToEur: rate });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/** One CSV record's cells (RFC 4180 quotes; a quoted cell cannot span lines here). */
function splitRecord(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { makeIpi, makeIswc } from '../../libs/identifiers/src/index.js';
import { CATEGORIES, PACKAGES, PACKAGE_TYPES, type PackageType, parsePeriod, type Quarter, USE_TYPES, WORK_TYPES } from '../../libs/submissions/src/index.js';

/**
 * Property-based packages for the fuzz suite (package-fuzz.e2e-spec.ts): a valid package
 * of any type (rows that pass every column check and row rule of
 * libs/package-catalogue), then mutations of its cells, lines and bytes.
 * A package without mutations (or only with the harmless ones) must commit; any other
 * must end committed or rejected.
 */

export const FUZZ_PERIODS = ['2024Q3', '2024Q4', '2025Q1', '2025Q2'] as const;

/** One generated package, ready to upload, with what was done to it. */
export class FuzzPackage {
  constructor(
    readonly type: PackageType,
    readonly period: string,
    readonly format: 'csv' | 'ndjson',
    readonly rows: number,
    /** Mutations, in the order applied; [] for a clean package. */
    readonly mutations: string[],
    /** True when only harmless changes were made: it must commit. */
    readonly mustCommit: boolean,
    readonly body: Buffer,
    readonly headers: Record<string, string>,
  ) {}

  describe(): string {
    return `${this.type} ${this.period} ${this.format}, ${this.rows} row(s), ${this.body.length} bytes, ${JSON.stringify(this.headers)}, mutations: [${this.mutations.join('; ') || 'none'}]`;
  }

  /** What fast-check prints for a counterexample: the description and the first bytes. */
  [fc.toStringMethod](): string {
    return `FuzzPackage(${this.type} ${this.period} ${this.format}, ${this.mutations.length} change(s))`;
  }
}

// ---------- valid cells ----------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** A date between two ISO days (inclusive). */
const dateBetween = (from: string, to: string) => fc.integer({ min: 0, max: Math.round((msOf(to) - msOf(from)) / DAY) }).map((d) => isoDay(msOf(from) + d * DAY));
/** Two dates between from and to, the first not after the second. */
const orderedDates = (from: string, to: string) => fc.tuple(dateBetween(from, to), dateBetween(from, to)).map(([a, b]): [string, string] => (a <= b ? [a, b] : [b, a]));

/**
 * Text a valid cell may hold, for every text column (ids and names are the strictest):
 * visible characters of several scripts, quotes, commas and spaces; no control,
 * bidirectional or invisible character, no BOM, no start a spreadsheet reads as a formula.
 */
const LETTERS = [...'abcXYZ019 ,"\'.;:/()&ÄöüéñçßÅøЖжЯяΩλ日本語中文한국어אבعربي🎵😀'];
const cellText = (max: number) =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: Math.min(max, 24) }) },
      { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: Math.min(max, 12), unit: fc.constantFrom(...LETTERS) }) },
      { weight: 1, arbitrary: fc.constantFrom('Ivanova, Maria', 'O"Brien', ' lead and trail ', 'Ünïcødé 日本語 🎵', 'SUM(A1)', '\\.', 'NULL', '\\N') },
    )
    .filter((s) => s.trim().length > 0 && !/^[-=+@\uFF1D\uFF0B\uFF0D\uFF20]/.test(s) && !/[\u0000-\u001f\u007f\uFEFF]/.test(s) && [...s].length <= max);

const ipiArb = fc.integer({ min: 1, max: 999_999_999 }).map((n) => makeIpi(pad(n, 9)));
const iswcArb = fc.integer({ min: 1, max: 999_999_999 }).map((n) => makeIswc(pad(n, 9)));
const currencyArb = fc.constantFrom('RUB', 'EUR', 'SEK', 'USD', 'JPY');
const territoryArb = fc.constantFrom('RU', 'FR', 'DE', 'SE', 'WORLD');
/** An amount as the contract writes it, from cents. */
const centsText = (c: bigint) => `${c / 100n}.${pad(Number(c % 100n))}`;
const cents = fc.bigInt({ min: 0n, max: 10n ** 12n });
const amountArb = fc.oneof(
  cents.map(centsText),
  fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99_999_999 })).map(([i, f]) => `${i}.${pad(f, 8)}`),
);

type Row = Record<string, string>;

/** The types sent as the ledger's CSV or JSON Lines (not those read from a format of their own, like DDEX DSR): the ones fuzzed here. */
type LedgerType = Exclude<PackageType, 'dsr' | 'cwr'>;
const LEDGER_TYPES = PACKAGE_TYPES.filter((t): t is LedgerType => {
  const input = (PACKAGES[t] as { input?: { alsoLedgerFormats?: boolean } }).input;
  return !input || input.alsoLedgerFormats === true;
});

/** One valid row of each type for the quarter (without its id, which the package numbers). */
function rowArb(type: LedgerType, q: Quarter, holders: readonly string[]): fc.Arbitrary<Row> {
  const inQuarter = dateBetween(q.first, q.last);
  const fy = fc.integer({ min: 2000, max: q.year }).map(String);
  switch (type) {
    case 'income':
      return fc
        .record({ category: fc.constantFrom(...CATEGORIES), use_type: fc.constantFrom(...USE_TYPES), territory: territoryArb, licensee: cellText(300), period: orderedDates('2015-01-01', q.last), currency: currencyArb, amount: amountArb, received_on: inQuarter })
        .map(({ period, ...r }) => ({ ...r, period_from: period[0], period_to: period[1] }));
    case 'deductions':
      return fc.record({ kind: fc.constantFrom('management', 'social-cultural', 'other'), category: fc.constantFrom(...CATEGORIES), currency: currencyArb, amount: amountArb, description: cellText(1000) });
    case 'distribution-lines':
      return fc
        .record({
          status: fc.constantFrom('paid', 'unpaid', 'unidentified'),
          ipi: ipiArb,
          noIpi: fc.boolean(),
          rights_holder_name: cellText(300),
          work_iswc: fc.oneof(iswcArb, fc.constant('')),
          work_title: cellText(500),
          category: fc.constantFrom(...CATEGORIES),
          use_type: fc.constantFrom(...USE_TYPES),
          territory: territoryArb,
          use: orderedDates('2015-01-01', q.last),
          currency: currencyArb,
          money: fc.tuple(cents, cents, cents),
          paid_on: inQuarter,
          mandate_basis: fc.constantFrom('contractual', 'non-contractual'),
        })
        .map(({ status, ipi, noIpi, use, money: [fee, other, net], paid_on, ...r }) => ({
          ...r,
          status,
          rights_holder_ipi: status === 'unidentified' && noIpi ? '' : ipi,
          use_from: use[0],
          use_to: use[1],
          gross: centsText(fee + other + net),
          management_fee: centsText(fee),
          other_deductions: centsText(other),
          net: centsText(net),
          paid_on: status === 'paid' ? paid_on : '',
        }));
    case 'inter-society':
      return fc.record({
        counterparty_cisac: fc.integer({ min: 0, max: 999 }).map((n) => pad(n, 3)),
        direction: fc.constantFrom('in', 'out'),
        category: fc.constantFrom(...CATEGORIES),
        territory: territoryArb,
        fy_of_collection: fy,
        currency: currencyArb,
        amount: amountArb,
        paid_on: fc.oneof(inQuarter, fc.constant('')),
      });
    case 'undistributed':
      return fc
        .record({ category: fc.constantFrom(...CATEGORIES), fy_of_collection: fy, currency: currencyArb, amount: amountArb, reason: cellText(1000), non_distributable: fc.boolean(), decided_use: fc.oneof(cellText(1000), fc.constant('')) })
        .map((r) => ({ ...r, non_distributable: String(r.non_distributable) }));
    case 'board':
      return fc
        .record({ name: cellText(300), constituency: fc.constantFrom('authors', 'composers', 'publishers', 'performers', 'producers', 'other'), seat: orderedDates('2000-01-01', '2035-12-31'), open: fc.boolean() })
        .map(({ seat, open, ...r }) => ({ ...r, seat_from: seat[0], seat_to: open ? '' : seat[1] }));
    case 'mandates':
      return fc
        .record({
          rights_holder_ipi: fc.constantFrom(...holders),
          category: fc.constantFrom(...CATEGORIES),
          work_type: fc.constantFrom(...WORK_TYPES),
          territory: territoryArb,
          valid: orderedDates('2000-01-01', '2035-12-31'),
          open: fc.boolean(),
          basis: fc.constantFrom('contractual', 'non-contractual'),
          exclusive: fc.boolean(),
        })
        // An exclusive mandate must be contractual.
        .map(({ valid, open, exclusive, ...r }) => ({ ...r, valid_from: valid[0], valid_to: open ? '' : valid[1], exclusive: String(exclusive && r.basis === 'contractual') }));
  }
}

const ID_COLUMN: Record<LedgerType, string> = {
  income: 'income_id',
  deductions: 'deduction_id',
  'distribution-lines': 'line_id',
  'inter-society': 'transfer_id',
  undistributed: '',
  board: 'member_id',
  mandates: 'mandate_id',
};

// ---------- mutations ----------

/** Cell values a mutation puts in place of a valid one. */
const badCell = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.string({ maxLength: 20, unit: 'grapheme' }),
  fc.integer({ min: 101, max: 6000 }).map((n) => 'x'.repeat(n)),
  fc.constant('y'.repeat(70_000)),
  fc.constantFrom('a\u0000b', '\u0000', '\uFEFFL-1', '\uFEFF', '\uD800', '"', '""', 'a"b', '\r', '\n', '\r\n', ',', ' ', '-1+cmd|calc', '=1+1', '@x', '\\.', 'tab\there', 'line\nbreak', '\u202Eevil', 'a\u200Bb', '\u200Dx', '\uFF1D1'),
  fc.constantFrom('1e5', '-1.00', '1,000.00', '١٢٣', '0x10', 'NaN', 'Infinity', '1.123456789', '1234567890123456789', '.5', '5.', ' 5'),
  fc.constantFrom('2025-02-30', '2025-13-01', '0000-01-01', '99999-01-01', '2025-1-1', '25-01-01', '2025/01/01', '1900-01-01', '9999-12-31', 'today'),
  fc.constantFrom('world', 'XX', 'rub', 'EURO', 'true ', 'TRUE', '1', 'T-000.000.000-0', '00000000000', '12345678901'),
);

type CellMutation =
  | { kind: 'cell'; row: number; col: number; value: string }
  | { kind: 'duplicate-id'; row: number }
  | { kind: 'drop-cell'; row: number; col: number }
  | { kind: 'extra-cell'; row: number; value: string };

type LineMutation =
  | { kind: 'raw-insert'; line: number; at: number; text: string }
  | { kind: 'raw-line'; line: number; text: string }
  | { kind: 'truncate-line'; line: number; at: number };

type HeaderMutation =
  | { kind: 'rename'; col: number; name: string }
  | { kind: 'drop'; col: number }
  | { kind: 'duplicate'; col: number }
  | { kind: 'case'; col: number }
  | { kind: 'pad'; col: number }
  | { kind: 'nul'; col: number };

type ByteMutation =
  | { kind: 'splice'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number }
  | { kind: 'random-file'; bytes: Uint8Array }
  | { kind: 'flip'; at: number; bit: number };

const cellMutation: fc.Arbitrary<CellMutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), value: badCell }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-id' as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop-cell' as const), row: fc.nat(), col: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra-cell' as const), row: fc.nat(), value: badCell }) },
);
const lineMutation: fc.Arbitrary<LineMutation> = fc.oneof(
  fc.record({ kind: fc.constant('raw-insert' as const), line: fc.nat(), at: fc.nat(), text: fc.constantFrom('"', '\u0000', '\uFEFF', '\r', '\n', ',', '\\', '\r\n\r\n', '{', '}', '\\u0000', '\\ud800', '","') }),
  fc.record({ kind: fc.constant('raw-line' as const), line: fc.nat(), text: fc.constantFrom('', ' ', '\\.', ',,,,', '"', '\uFEFF', '{}', '[]', 'null', '"x"', '{"a":{"b":[1,2,{}]}}', '[1,2', '{"line_id":1e400}') }),
  fc.record({ kind: fc.constant('truncate-line' as const), line: fc.nat(), at: fc.nat() }),
);
const headerMutation: fc.Arbitrary<HeaderMutation> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), col: fc.nat(), name: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('id', 'line id', 'LINE_ID', '\uFEFFline_id', 'a\u0000b', '"', '')) }),
  fc.record({ kind: fc.constant('drop' as const), col: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), col: fc.nat() }),
  fc.record({ kind: fc.constant('case' as const), col: fc.nat() }),
  fc.record({ kind: fc.constant('pad' as const), col: fc.nat() }),
  fc.record({ kind: fc.constant('nul' as const), col: fc.nat() }),
);
const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('random-file' as const), bytes: fc.uint8Array({ maxLength: 600 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
);

type Eol = '\n' | '\r\n' | '\r' | 'mixed';
type Encoding = 'utf8' | 'utf8-bom' | 'utf8-double-bom' | 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'latin1';
type Compression = 'none' | 'gzip' | 'gzip-twice' | 'gzip-undeclared' | 'gzip-truncated' | 'gzip-declared-plain';

export interface PackageSpec {
  type: LedgerType;
  period: string;
  format: 'csv' | 'ndjson';
  rows: Row[];
  idPrefix: string;
  shuffleHeader: number[];
  eol: Eol;
  trailingNewline: boolean;
  encoding: Encoding;
  compression: Compression;
  contentType: string;
  cells: CellMutation[];
  lines: LineMutation[];
  header: HeaderMutation[];
  bytes: ByteMutation[];
  /** JSON Lines only: a record's values as other JSON than strings. */
  jsonValues: { row: number; col: number; value: unknown }[];
}

/** Content types per format: the declared ones, and now and then the other format's. */
const CONTENT_TYPES = {
  csv: ['text/csv', 'text/csv; charset=utf-8', 'application/csv', 'TEXT/CSV'],
  ndjson: ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines; charset=utf-8'],
} as const;

/**
 * A package of any type: valid rows, then (with probability `mutationRate`) mutations
 * of every kind. `maxRows` bounds the rows of one package.
 */
export function packageArb(holders: readonly string[], options: { maxRows?: number; mutationRate?: number } = {}): fc.Arbitrary<FuzzPackage> {
  const maxRows = options.maxRows ?? 12;
  const rate = options.mutationRate ?? 0.8;
  const few = <T>(arb: fc.Arbitrary<T>, max = 2) => fc.oneof({ weight: 3, arbitrary: fc.constant([] as T[]) }, { weight: 2, arbitrary: fc.array(arb, { minLength: 1, maxLength: max }) });
  return fc
    .record({ type: fc.constantFrom(...LEDGER_TYPES), period: fc.constantFrom(...FUZZ_PERIODS), format: fc.constantFrom('csv' as const, 'ndjson' as const) })
    .chain(({ type, period, format }) => {
      const q = parsePeriod(period);
      const width = PACKAGES[type].columns.length;
      const mutated = fc.integer({ min: 0, max: 999 }).map((n) => n < rate * 1000);
      return mutated.chain((isMutated) =>
        fc.record({
          type: fc.constant(type),
          period: fc.constant(period),
          format: fc.constant(format),
          rows: fc.array(rowArb(type, q, holders), { minLength: 1, maxLength: maxRows }),
          idPrefix: fc.constantFrom('L-', 'ID', 'x', 'Ω-', ''),
          shuffleHeader: fc.oneof(fc.constant([] as number[]), fc.shuffledSubarray([...Array(width).keys()], { minLength: width, maxLength: width })),
          eol: fc.constantFrom<Eol>('\n', '\r\n'),
          trailingNewline: fc.boolean(),
          encoding: fc.constantFrom<Encoding>('utf8', 'utf8', 'utf8-bom'),
          compression: fc.constantFrom<Compression>('none', 'none', 'gzip'),
          contentType: fc.constantFrom(...CONTENT_TYPES[format]),
          cells: fc.constant([] as CellMutation[]),
          lines: fc.constant([] as LineMutation[]),
          header: fc.constant([] as HeaderMutation[]),
          bytes: fc.constant([] as ByteMutation[]),
          jsonValues: fc.constant([] as PackageSpec['jsonValues']),
        }).chain((clean) => {
          if (!isMutated) return fc.constant(clean);
          // At least one mutation of some kind: pick the kinds, then their details.
          return fc
            .record({
              cells: few(cellMutation, 3),
              lines: few(lineMutation),
              header: few(headerMutation),
              bytes: fc.oneof({ weight: 4, arbitrary: fc.constant([] as ByteMutation[]) }, { weight: 1, arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 2 }) }),
              eol: fc.constantFrom<Eol>('\n', '\r\n', '\r', 'mixed'),
              encoding: fc.constantFrom<Encoding>('utf8', 'utf8', 'utf8', 'utf8-bom', 'utf8-double-bom', 'utf16le-bom', 'utf16be-bom', 'utf16le', 'latin1'),
              compression: fc.constantFrom<Compression>('none', 'none', 'none', 'gzip', 'gzip-twice', 'gzip-undeclared', 'gzip-truncated', 'gzip-declared-plain'),
              otherFormatType: fc.integer({ min: 0, max: 9 }),
              jsonValues:
                format === 'ndjson'
                  ? few(fc.record({ row: fc.nat(), col: fc.nat(), value: fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.boolean(), fc.jsonValue({ maxDepth: 3 }), fc.constant({ a: 'b' }), fc.constant(['x'])) }))
                  : fc.constant([] as PackageSpec['jsonValues']),
            })
            .map(({ otherFormatType, ...m }) => ({ ...clean, ...m, contentType: otherFormatType === 0 ? CONTENT_TYPES[format === 'csv' ? 'ndjson' : 'csv'][0] : clean.contentType }));
        }),
      );
    })
    .map(build);
}

// ---------- building the bytes ----------

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The bytes and headers of a spec, and the list of what was done to it. */
export function build(spec: PackageSpec): FuzzPackage {
  const p = PACKAGES[spec.type];
  const names = p.columns.map((c) => c.name);
  const order = spec.shuffleHeader.length === names.length ? spec.shuffleHeader.map((i) => names[i]) : names;
  const idCol = ID_COLUMN[spec.type];
  const done: string[] = [];
  let harmful = false;
  if (spec.shuffleHeader.length === names.length) done.push('columns reordered');

  // Rows as cells in header order.
  let header = [...order];
  const rows: string[][] = spec.rows.map((r, i) => order.map((name) => (name === idCol ? `${spec.idPrefix}${i + 1}` : r[name])));
  for (const m of spec.cells) {
    harmful = true;
    const row = rows[m.row % rows.length];
    if (m.kind === 'cell') {
      const c = m.col % row.length;
      row[c] = m.value;
      done.push(`cell ${header[c]} of row ${(m.row % rows.length) + 1} = ${JSON.stringify(m.value.slice(0, 30))}${m.value.length > 30 ? `…(${m.value.length})` : ''}`);
    } else if (m.kind === 'duplicate-id' && idCol && rows.length > 1) {
      const c = header.indexOf(idCol);
      row[c] = rows[(m.row + 1) % rows.length][c];
      done.push(`duplicate ${idCol} in row ${(m.row % rows.length) + 1}`);
    } else if (m.kind === 'drop-cell') {
      done.push(`cell ${m.col % row.length} dropped from row ${(m.row % rows.length) + 1}`);
      row.splice(m.col % row.length, 1);
    } else if (m.kind === 'extra-cell') {
      row.push(m.value);
      done.push(`extra cell in row ${(m.row % rows.length) + 1}`);
    }
  }
  for (const m of spec.header) {
    harmful = true;
    const c = m.col % header.length;
    const name = header[c];
    if (m.kind === 'rename') header[c] = m.name;
    else if (m.kind === 'drop') header.splice(c, 1);
    else if (m.kind === 'duplicate') header.push(name);
    else if (m.kind === 'case') header[c] = name.toUpperCase();
    else if (m.kind === 'pad') header[c] = ` ${name}\t`;
    else if (m.kind === 'nul') header[c] = `${name}\u0000`;
    done.push(`header ${m.kind} of ${JSON.stringify(name)}${m.kind === 'rename' ? ` to ${JSON.stringify(m.name)}` : ''}`);
    if (header.length === 0) header = ['x'];
  }

  let lines: string[];
  if (spec.format === 'csv') {
    lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  } else {
    lines = rows.map((r) => {
      const record: Record<string, unknown> = {};
      r.forEach((v, i) => (record[header[i] ?? `extra_${i}`] = v));
      return JSON.stringify(record);
    });
    for (const m of spec.jsonValues) {
      harmful = true;
      const i = m.row % lines.length;
      const record = JSON.parse(lines[i]) as Record<string, unknown>;
      const key = Object.keys(record)[m.col % Math.max(1, Object.keys(record).length)] ?? 'x';
      record[key] = m.value;
      lines[i] = JSON.stringify(record);
      done.push(`record ${i + 1} ${key} = ${JSON.stringify(m.value)?.slice(0, 40)}`);
    }
  }
  for (const m of spec.lines) {
    harmful = true;
    const i = m.line % (lines.length + 1);
    if (m.kind === 'raw-insert') {
      const l = lines[i] ?? '';
      const at = m.at % (l.length + 1);
      lines[i] = l.slice(0, at) + m.text + l.slice(at);
      done.push(`${JSON.stringify(m.text)} inserted in line ${i + 1} at ${at}`);
    } else if (m.kind === 'raw-line') {
      lines.splice(i, 0, m.text);
      done.push(`line ${JSON.stringify(m.text)} inserted before line ${i + 1}`);
    } else {
      const l = lines[i] ?? '';
      lines[i] = l.slice(0, m.at % (l.length + 1));
      done.push(`line ${i + 1} cut at ${m.at % (l.length + 1)}`);
    }
  }

  // Line endings.
  let text: string;
  if (spec.eol === 'mixed') text = lines.map((l, i) => l + (['\n', '\r\n', '\r'][i % 3] ?? '\n')).join('');
  else text = lines.join(spec.eol) + (spec.trailingNewline ? spec.eol : '');
  if (spec.eol === '\r' || spec.eol === 'mixed') {
    harmful = true;
    done.push(`line endings ${JSON.stringify(spec.eol)}`);
  } else if (spec.eol === '\r\n') done.push('CRLF');
  if (!spec.trailingNewline && spec.eol !== 'mixed') done.push('no final newline');

  // Encoding.
  let bytes: Buffer;
  const utf8 = Buffer.from(text, 'utf8');
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  switch (spec.encoding) {
    case 'utf8':
      bytes = utf8;
      break;
    case 'utf8-bom':
      bytes = Buffer.concat([bom, utf8]);
      done.push('UTF-8 BOM');
      break;
    case 'utf8-double-bom':
      bytes = Buffer.concat([bom, bom, utf8]);
      break;
    case 'utf16le-bom':
      bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      break;
    case 'utf16be-bom':
      bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
      break;
    case 'utf16le':
      bytes = Buffer.from(text, 'utf16le');
      break;
    case 'latin1':
      bytes = Buffer.from(text, 'latin1');
      break;
  }
  if (spec.encoding !== 'utf8' && spec.encoding !== 'utf8-bom') {
    harmful = true;
    done.push(`encoded ${spec.encoding}`);
  }

  for (const m of spec.bytes) {
    harmful = true;
    if (m.kind === 'splice') {
      const at = m.at % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
      done.push(`bytes ${Buffer.from(m.bytes).toString('hex')} spliced at ${at}`);
    } else if (m.kind === 'truncate') {
      const at = m.at % (bytes.length + 1);
      bytes = bytes.subarray(0, at);
      done.push(`cut at byte ${at}`);
    } else if (m.kind === 'flip') {
      if (bytes.length > 0) {
        const at = m.at % bytes.length;
        bytes = Buffer.from(bytes);
        bytes[at] ^= 1 << m.bit;
        done.push(`bit ${m.bit} of byte ${at} flipped`);
      }
    } else {
      bytes = Buffer.from(m.bytes);
      done.push(`replaced by ${m.bytes.length} random bytes`);
    }
  }

  const headers: Record<string, string> = { 'content-type': spec.contentType };
  if (!(CONTENT_TYPES[spec.format] as readonly string[]).includes(spec.contentType)) {
    harmful = true;
    done.push(`sent as ${spec.contentType}`);
  }
  switch (spec.compression) {
    case 'none':
      break;
    case 'gzip':
      bytes = gzipSync(bytes);
      headers['content-encoding'] = 'gzip';
      done.push('gzip');
      break;
    case 'gzip-twice':
      bytes = gzipSync(gzipSync(bytes));
      headers['content-encoding'] = 'gzip';
      break;
    case 'gzip-undeclared':
      bytes = gzipSync(bytes);
      break;
    case 'gzip-truncated':
      bytes = gzipSync(bytes).subarray(0, 12 + (bytes.length % 20));
      headers['content-encoding'] = 'gzip';
      break;
    case 'gzip-declared-plain':
      headers['content-encoding'] = 'gzip';
      break;
  }
  if (spec.compression !== 'none' && spec.compression !== 'gzip') {
    harmful = true;
    done.push(spec.compression);
  }
  const mustCommit = !harmful;
  return new FuzzPackage(spec.type, spec.period, spec.format, spec.rows.length, done, mustCommit, bytes, headers);
}

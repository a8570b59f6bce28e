/**
 * The per-row work of bench:ingest-pipeline, run in a worker thread: one chunk of whole
 * CSV lines of a distribution-lines package at a time is split into cells (the ingest's
 * own splitCsvRecord), screened, canonicalised (libs/merkle canonicalJson) and hashed
 * (libs/merkle leafHash, RFC 6962), and written back as CSV rows of the typed lines
 * table for COPY.
 *
 * The screen is NOT the validation: the validation rules and their messages exist only
 * as the SQL the ingest generates (libs/package-catalogue columns.ts). The screen
 * only has to be sound: a row it passes must be one the SQL finds nothing wrong with; a
 * row it doubts (`suspect`) sends the whole package to the SQL validation, which names
 * the problems exactly as today. It uses the libs' own predicates (libs/identifiers,
 * libs/money) and is stricter than the SQL where that is simpler (quotes, names with
 * spaces around them). bench:ingest-pipeline checks that on a package with errors every
 * row the SQL names is suspect and the problems are today's, and that the leaves of a
 * valid package are today's leaves.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { explainDisplayName, explainVisibleId, isCountryCode, isCurrencyCode, isIpi, isIswc } from '../libs/identifiers/src/index.js';
import { canonicalJson, leafHash } from '../libs/merkle/src/index.js';
import { DecimalValue } from '../libs/money/src/index.js';
import { splitCsvRecord } from '../libs/submissions/src/ingest/header.js';
import { CATEGORIES, USE_TYPES, WORK_TYPES } from '../libs/package-catalogue/src/index.js';
import type { Quarter } from '../libs/submissions/src/period.js';

export interface ChunkIn {
  seq: number;
  /** The line number of the chunk's first record (the header is line 1). */
  firstLineNo: number;
  text: string;
}

export interface ChunkOut {
  seq: number;
  firstLineNo: number;
  rows: number;
  /** The typed rows as CSV for COPY, in the table's column order. */
  csv: string;
  /** 32 bytes per row: the leaf hashes in line order. */
  hashes: Uint8Array;
  /** The line ids, for the duplicate check across chunks (main thread). */
  ids: string[];
  /** Line numbers of rows the screen doubts. */
  suspect: number[];
}

export interface WorkerSetup {
  /** The file's column order (from its header). */
  order: string[];
  /** The lines table's columns, in order (COPY's column list). */
  tableColumns: string[];
  quarter: Quarter;
  societyId: string;
  submissionId: string;
}

const SET = (xs: readonly string[]) => new Set<string>(xs);
const CATEGORY = SET(CATEGORIES);
const USE_TYPE = SET(USE_TYPES);
const WORK_TYPE = SET(WORK_TYPES);
const STATUS = SET(['paid', 'unpaid', 'unidentified']);
const BASIS = SET(['contractual', 'non-contractual']);
const AMOUNT = /^[0-9]+(\.[0-9]+)?$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const ISWC_SHAPE = /^T([0-9]{10}|-[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9])$/;
const BOM = '\uFEFF';

function dateOk(v: string): boolean {
  const m = DATE.exec(v);
  if (!m || m[1] === '0000') return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = mo === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
  return d <= days;
}

function amountOk(v: string): boolean {
  if (!AMOUNT.test(v)) return false;
  const dot = v.indexOf('.');
  return dot < 0 ? v.length <= 18 : dot <= 18 && v.length - dot - 1 <= 8;
}

/** A text cell the SQL's text() checks pass for sure (JS length counts UTF-16 units, at least the characters). */
const textOk = (v: string, max: number) => v !== '' && !v.includes(BOM) && v.length <= max;

/**
 * The cells of one record keyed by column, or null when the screen doubts it. Checks
 * the distribution-lines columns and rules (libs/package-catalogue types/distribution-lines.ts) conservatively.
 */
export function screen(cells: Record<string, string>, q: Quarter): boolean {
  const c = cells;
  const notAfter = (d: string) => d <= q.last && (!q.today || d <= q.today);
  if (!textOk(c.line_id, 100) || explainVisibleId(c.line_id) !== null) return false;
  if (c.rights_holder_ipi !== '' && !isIpi(c.rights_holder_ipi)) return false;
  if (!textOk(c.rights_holder_name, 300) || explainDisplayName(c.rights_holder_name) != null) return false;
  if (c.work_iswc !== '' && !(ISWC_SHAPE.test(c.work_iswc) && isIswc(c.work_iswc))) return false;
  if (!textOk(c.work_title, 500)) return false;
  if (!CATEGORY.has(c.category) || !USE_TYPE.has(c.use_type) || !STATUS.has(c.status) || !BASIS.has(c.mandate_basis)) return false;
  if (c.work_type !== '' && !WORK_TYPE.has(c.work_type)) return false;
  if (c.territory !== 'WORLD' && !isCountryCode(c.territory)) return false;
  if (!isCurrencyCode(c.currency)) return false;
  if (!dateOk(c.use_from) || !dateOk(c.use_to) || !notAfter(c.use_from) || !notAfter(c.use_to) || c.use_to < c.use_from) return false;
  if (c.paid_on !== '' && !(dateOk(c.paid_on) && c.paid_on >= q.first && notAfter(c.paid_on))) return false;
  if ((c.status === 'paid') !== (c.paid_on !== '')) return false;
  if (c.rights_holder_ipi === '' && c.status !== 'unidentified') return false;
  for (const a of AMOUNTS) if (!amountOk(c[a])) return false;
  return new DecimalValue(c.gross).minus(c.management_fee).minus(c.other_deductions).eq(c.net);
}

/**
 * The line's canonical JSON as the ledger hashes it (ingest-sql.ts leafJsonSql over
 * columns.ts stagedLeaf): every column a string; an empty optional cell null; an empty
 * work_type (added later) no key; amounts as trim_scale gives them; an ISWC stored
 * without its punctuation.
 */
export function leafObject(c: Record<string, string>): Record<string, string | null> {
  const o: Record<string, string | null> = {};
  for (const k of Object.keys(c)) o[k] = c[k];
  o.rights_holder_ipi = c.rights_holder_ipi === '' ? null : c.rights_holder_ipi;
  o.work_iswc = c.work_iswc === '' ? null : c.work_iswc.replace(/[-.]/g, '');
  o.paid_on = c.paid_on === '' ? null : c.paid_on;
  if (c.work_type === '') delete o.work_type;
  for (const a of AMOUNTS) o[a] = trimScale(c[a]);
  return o;
}

const AMOUNTS = ['gross', 'management_fee', 'other_deductions', 'net'];

/** PostgreSQL's trim_scale(v::numeric)::text of an amount the screen passed (digits, optionally "." and digits). */
export function trimScale(v: string): string {
  let end = v.length;
  const dot = v.indexOf('.');
  if (dot >= 0) {
    while (end > dot + 1 && v.charCodeAt(end - 1) === 48) end -= 1;
    if (end === dot + 1) end = dot;
  }
  const intEnd = dot >= 0 ? dot : v.length;
  let start = 0;
  while (start < intEnd - 1 && v.charCodeAt(start) === 48) start += 1;
  return v.slice(start, end);
}

/** A CSV field for COPY: null unquoted empty, any text quoted when it must be (or is empty). */
function field(v: string | null): string {
  if (v === null) return '';
  if (v === '' || /[",\r\n\\]/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

/** One object shape for every record: the distribution-lines columns, then what the typed row adds. */
function emptyCells(): Record<string, string> {
  return {
    line_id: '', rights_holder_ipi: '', rights_holder_name: '', work_iswc: '', work_title: '', category: '', use_type: '', territory: '', use_from: '',
    use_to: '', currency: '', gross: '', management_fee: '', other_deductions: '', net: '', status: '', paid_on: '', mandate_basis: '', work_type: '',
  };
}

export function processChunk(input: ChunkIn, setup: WorkerSetup): ChunkOut {
  const { order, tableColumns, quarter } = setup;
  const lines = input.text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const hashes = new Uint8Array(32 * lines.length);
  const ids: string[] = [];
  const suspect: number[] = [];
  const out: string[] = [];
  const fixed = { society_id: setup.societyId, submission_id: setup.submissionId };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = input.firstLineNo + i;
    let line = lines[i];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    // Quotes, NUL, replacement characters (bytes that were not UTF-8): today's path decides.
    if (line.includes('"') || line.includes('\0') || line.includes('\uFFFD')) {
      suspect.push(lineNo);
      ids.push('');
      continue;
    }
    const values = splitCsvRecord(line);
    if (values.length !== order.length) {
      suspect.push(lineNo);
      ids.push('');
      continue;
    }
    const cells = emptyCells();
    for (let k = 0; k < order.length; k++) cells[order[k]] = values[k];
    ids.push(cells.line_id);
    if (!screen(cells, quarter)) {
      suspect.push(lineNo);
      continue;
    }
    const hash = leafHash(Buffer.from(canonicalJson(leafObject(cells)), 'utf8'));
    hashes.set(hash, 32 * i);
    const typed: Record<string, string | null> = cells;
    typed.society_id = fixed.society_id;
    typed.submission_id = fixed.submission_id;
    typed.line_no = String(lineNo);
    if (cells.rights_holder_ipi === '') typed.rights_holder_ipi = null;
    typed.work_iswc = cells.work_iswc === '' ? null : cells.work_iswc.replace(/[-.]/g, '');
    if (cells.paid_on === '') typed.paid_on = null;
    if (cells.work_type === '') typed.work_type = null;
    typed.leaf_hash = `\\x${Buffer.from(hash).toString('hex')}`;
    let row = '';
    for (let k = 0; k < tableColumns.length; k++) row += (k === 0 ? '' : ',') + field(typed[tableColumns[k]] ?? null);
    out.push(row);
  }
  return { seq: input.seq, firstLineNo: input.firstLineNo, rows: lines.length, csv: out.length ? `${out.join('\n')}\n` : '', hashes, ids, suspect };
}

if (parentPort && workerData) {
  const setup = workerData as WorkerSetup;
  const port = parentPort;
  port.on('message', (input: ChunkIn) => {
    const result = processChunk(input, setup);
    port.postMessage(result, [result.hashes.buffer as ArrayBuffer]);
  });
}

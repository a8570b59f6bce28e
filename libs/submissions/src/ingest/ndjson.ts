import { Transform, type TransformCallback } from 'node:stream';
import type { InputProblem } from '../../../errors/src/index.js';

/** The longest line of a JSON Lines package (one record); a longer one is a problem of its own. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** What the conversion found, once the stream has ended. */
export interface NdjsonSummary {
  /** Records written to the CSV output. */
  rows: number;
  /** Records left out for a problem of their own. */
  refused: number;
  /** File lines of the first and last record written (0 when none). */
  firstLine: number;
  lastLine: number;
  /** The first `maxProblems` problems, by line and column. */
  problems: InputProblem[];
  /** Every problem found, listed or not. */
  total: number;
}

const NEWLINE = 0x0a;
// ignoreBOM: a BOM is kept in the text (the decoder would drop one at the start of every record), so a record other than the first that starts with one is refused.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Turns a JSON Lines package (one JSON object per line, the package type's column
 * names as keys) into the CSV that COPY reads: each record as `line_no,"v1","v2",…`
 * in `columns` order, with line_no the record's line in the file, so that every
 * problem found later names the line the society sent.
 *
 * Values are JSON strings; `null` and a missing key are an empty cell; `true` and
 * `false` are the cells "true" and "false". A JSON number is refused (money travels as
 * decimal strings: a number may already have lost digits), as is an object, an array,
 * an unknown or repeated key, a line that is not one JSON object, invalid UTF-8, the
 * character U+0000 and a lone surrogate escape (none can be stored as UTF-8 text), and a
 * line other than the first that starts with a byte order mark (U+FEFF). A
 * record with such a problem is left out of the output and its problems are collected
 * (see `summary`); blank lines are skipped.
 */
export class NdjsonToCsv extends Transform {
  private readonly known: Set<string>;
  private readonly listed: InputProblem[] = [];
  private total = 0;
  private rows = 0;
  private refused = 0;
  private firstLine = 0;
  private lastLine = 0;
  private lineNo = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Skipping the rest of a line already reported as too long. */
  private skipping = false;

  constructor(
    private readonly columns: readonly string[],
    private readonly describe: string,
    private readonly maxProblems: number,
    /** Is handed every problem beyond the first `maxProblems` (which `summary` lists), so that none is lost. */
    private readonly overflow?: (problem: InputProblem) => void,
  ) {
    super({ writableObjectMode: false, readableObjectMode: false });
    this.known = new Set(columns);
  }

  /** Valid once the stream has ended (after 'finish'). */
  get summary(): NdjsonSummary {
    const problems = [...this.listed].sort((a, b) => a.line! - b.line! || byCodePoint(a.column ?? '', b.column ?? ''));
    return { rows: this.rows, refused: this.refused, firstLine: this.firstLine, lastLine: this.lastLine, problems, total: this.total };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const out: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      this.lineNo += 1;
      if (this.skipping) this.skipping = false;
      else this.record(this.wholeLine(chunk.subarray(start, nl)), out);
      this.pending = [];
      this.pendingBytes = 0;
      start = nl + 1;
    }
    if (start < chunk.length && !this.skipping) {
      const rest = chunk.subarray(start);
      if (this.pendingBytes + rest.length > MAX_RECORD_BYTES) {
        this.refuse({ line: this.lineNo + 1, message: `is longer than ${MAX_RECORD_BYTES} bytes: one line holds one record` });
        this.pending = [];
        this.pendingBytes = 0;
        this.skipping = true;
      } else {
        // Copied: the chunk's memory may be reused once this callback returns.
        this.pending.push(Buffer.from(rest));
        this.pendingBytes += rest.length;
      }
    }
    done(null, out.length > 0 ? out.join('') : undefined);
  }

  override _flush(done: TransformCallback): void {
    const out: string[] = [];
    if (this.pendingBytes > 0 && !this.skipping) {
      this.lineNo += 1;
      this.record(this.wholeLine(Buffer.alloc(0)), out);
    }
    done(null, out.length > 0 ? out.join('') : undefined);
  }

  /** The whole line: what was pending from earlier chunks and this piece. */
  private wholeLine(piece: Buffer): Buffer {
    return this.pending.length === 0 ? piece : Buffer.concat([...this.pending, piece]);
  }

  private record(bytes: Buffer, out: string[]): void {
    const line = this.lineNo;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      this.refuse({ line, message: 'is not valid UTF-8' });
      return;
    }
    if (text.charCodeAt(0) === 0xfeff) {
      if (line !== 1) {
        // A record that starts with one would otherwise only say "not valid JSON".
        this.refuse({ line, message: 'starts with U+FEFF, a byte order mark: only the start of the file may hold one, not a line or a value' });
        return;
      }
      text = text.slice(1);
    }
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.refuse({ line, message: `is not valid JSON (${(error as Error).message})` });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.refuse({ line, message: `must be one JSON object whose keys are the columns of ${this.describe}` });
      return;
    }
    const found = this.problemsOf(value as Record<string, unknown>, text, line);
    if (found.length > 0) {
      this.refuse(...found);
      return;
    }
    const record = value as Record<string, unknown>;
    let csv = String(line);
    for (const column of this.columns) {
      const v = cell(record[column]);
      csv += v.includes('"') ? ',"' + v.replace(/"/g, '""') + '"' : ',"' + v + '"';
    }
    out.push(csv + '\n');
    this.rows += 1;
    if (this.firstLine === 0) this.firstLine = line;
    this.lastLine = line;
  }

  private problemsOf(record: Record<string, unknown>, text: string, line: number): InputProblem[] {
    const found: InputProblem[] = [];
    for (const key of repeatedKeys(text, Object.keys(record).length)) {
      found.push({ line, column: key, message: `the key "${key}" appears more than once` });
    }
    for (const key in record) {
      const v = record[key];
      if (!this.known.has(key)) {
        found.push({ line, column: key, message: `unknown column "${key}" for ${this.describe} (expected: ${this.columns.join(', ')})` });
      } else if (typeof v === 'number') {
        found.push({ line, column: key, message: `is the JSON number ${String(v)}: send every value as a JSON string (e.g. "${String(v)}"), so that no digit is lost` });
      } else if (typeof v === 'object' && v !== null) {
        found.push({ line, column: key, message: `must be a JSON string, not ${Array.isArray(v) ? 'an array' : 'an object'}` });
      } else if (typeof v === 'string' && v.includes('\u0000')) {
        found.push({ line, column: key, message: 'contains the character U+0000, which is not allowed in a value' });
      } else if (typeof v === 'string' && !isWellFormed(v)) {
        found.push({ line, column: key, message: 'contains a lone surrogate escape (\\ud800-\\udfff without its pair), which is not a character' });
      }
    }
    return found;
  }

  /** Leaves a record out for its problems. */
  private refuse(...problems: InputProblem[]): void {
    this.refused += 1;
    for (const p of problems) {
      this.total += 1;
      if (this.listed.length < this.maxProblems) this.listed.push(p);
      else this.overflow?.(p);
    }
  }
}

/** No unpaired UTF-16 surrogate (a JSON escape such as "\\ud800" alone), which UTF-8 cannot carry. */
function isWellFormed(v: string): boolean {
  return (v as string & { isWellFormed(): boolean }).isWellFormed();
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v as string;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The keys of a JSON object's text that appear more than once (JSON.parse keeps the
 * last silently). Every key is followed by a colon, so a text with no more colons than
 * the object has keys repeats none; only other texts are scanned.
 */
export function repeatedKeys(text: string, distinct: number): string[] {
  let colons = 0;
  for (let at = text.indexOf(':'); at !== -1 && colons <= distinct; at = text.indexOf(':', at + 1)) colons += 1;
  if (colons <= distinct) return [];
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const start = i;
      for (i += 1; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i += 1;
      if (depth === 1) {
        let j = i + 1;
        while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r' || text[j] === '\n')) j++;
        if (text[j] === ':') keys.push(text.slice(start, i + 1));
      }
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) depth += 1;
    else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) depth -= 1;
  }
  if (keys.length <= distinct) return [];
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const raw of keys) {
    const key = JSON.parse(raw) as string;
    if (seen.has(key)) repeated.add(key);
    seen.add(key);
  }
  return [...repeated];
}

import { Transform, type TransformCallback } from 'node:stream';
import { DomainError } from '../../../errors/src/index.js';
import { splitCsvRecord } from '../ingest/header.js';
import type { LedgerFormat } from '../format.js';

export interface LineLimits {
  /** Longest line (CSV: record, quoted newlines included; JSON Lines: line), in bytes. */
  maxLineBytes: number;
  /** Longest cell (CSV: field, quotes included; JSON Lines: string), in bytes. */
  maxCellBytes: number;
}

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
/** How much of the header (CSV) or of a key (JSON Lines) is kept to name a column. */
const NAME_BYTES = 64 * 1024;
const KEY_BYTES = 256;

/**
 * Passes a package's bytes on unchanged while checking, as they stream, that no line
 * and no cell is longer than the limits: a package with one giant cell is refused at
 * upload (413, naming the line and column and the parameter) before it reaches storage,
 * let alone PostgreSQL. Lines are numbered as the ingest numbers them: a CSV record's
 * line is its record number (the header is line 1; a quoted field may span newlines),
 * a JSON Lines record's line is its line in the file. The check is one pass over the
 * bytes, none of them held.
 */
export class PackageLimits extends Transform {
  private line = 1;
  private lineBytes = 0;
  private cellBytes = 0;
  // CSV
  private field = 0;
  private quoted = false;
  private quoteSeen = false;
  private afterCr = false;
  private header: Buffer[] | null = [];
  private headerBytes = 0;
  private columns: string[] | null = null;
  // JSON Lines
  private inString = false;
  private escaped = false;
  private depth = 0;
  private afterColon = false;
  private stringIsValue = false;
  private key: number[] = [];
  private lastKey: string | undefined;

  constructor(
    private readonly format: LedgerFormat,
    private readonly limits: LineLimits,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const problem = this.format === 'csv' ? this.scanCsv(chunk) : this.scanNdjson(chunk);
    if (problem) done(problem);
    else done(null, chunk);
  }

  private scanCsv(chunk: Buffer): DomainError | null {
    const { maxLineBytes, maxCellBytes } = this.limits;
    if (this.header) this.keepHeader(chunk);
    let lineBytes = this.lineBytes;
    let cellBytes = this.cellBytes;
    let quoted = this.quoted;
    let quoteSeen = this.quoteSeen;
    let afterCr = this.afterCr;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (afterCr && b !== NL) afterCr = false;
      if (quoteSeen) {
        // A quote inside a quoted field: doubled, it is a quote; otherwise it closed the field.
        quoteSeen = false;
        if (b === QUOTE) {
          cellBytes += 1;
          lineBytes += 1;
          continue;
        }
        quoted = false;
      }
      if (quoted) {
        // A newline inside a quoted field belongs to the record.
        if (b === QUOTE) quoteSeen = true;
        cellBytes += 1;
        lineBytes += 1;
      } else if (b === NL || b === CR) {
        // CRLF, LF or CR ends a record (as COPY reads them).
        if (!(b === NL && afterCr)) this.endCsvRecord();
        afterCr = b === CR;
        lineBytes = 0;
        cellBytes = 0;
        continue;
      } else if (b === COMMA) {
        this.field += 1;
        cellBytes = 0;
        lineBytes += 1;
        continue;
      } else {
        if (b === QUOTE) quoted = true;
        cellBytes += 1;
        lineBytes += 1;
      }
      if (cellBytes > maxCellBytes) return this.tooLong('cell', maxCellBytes, this.csvColumn());
      if (lineBytes > maxLineBytes) return this.tooLong('line', maxLineBytes);
    }
    this.lineBytes = lineBytes;
    this.cellBytes = cellBytes;
    this.quoted = quoted;
    this.quoteSeen = quoteSeen;
    this.afterCr = afterCr;
    return null;
  }

  private endCsvRecord(): void {
    if (this.line === 1) this.readHeader();
    this.line += 1;
    this.field = 0;
  }

  /** Keeps the first line's bytes (up to NAME_BYTES) to name the columns. */
  private keepHeader(chunk: Buffer): void {
    const lf = chunk.indexOf(NL);
    const cr = chunk.indexOf(CR);
    const nl = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
    const piece = chunk.subarray(0, nl === -1 ? Math.min(chunk.length, NAME_BYTES - this.headerBytes) : Math.min(nl, NAME_BYTES - this.headerBytes));
    if (piece.length > 0) {
      this.header!.push(Buffer.from(piece));
      this.headerBytes += piece.length;
    }
    if (nl !== -1 || this.headerBytes >= NAME_BYTES) this.readHeader();
  }

  private readHeader(): void {
    if (!this.header) return;
    const text = Buffer.concat(this.header).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, '');
    this.columns = splitCsvRecord(text).map((n) => n.trim());
    this.header = null;
  }

  private csvColumn(): string | undefined {
    if (this.line === 1) return undefined;
    const name = this.columns?.[this.field];
    return name && name.length <= KEY_BYTES ? name : undefined;
  }

  private scanNdjson(chunk: Buffer): DomainError | null {
    const { maxLineBytes, maxCellBytes } = this.limits;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === NL) {
        this.line += 1;
        this.lineBytes = 0;
        this.inString = false;
        this.escaped = false;
        this.depth = 0;
        this.afterColon = false;
        this.lastKey = undefined;
        continue;
      }
      this.lineBytes += 1;
      if (this.inString) {
        this.cellBytes += 1;
        if (!this.stringIsValue && this.key.length <= KEY_BYTES + 1) this.key.push(b);
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) {
          this.inString = false;
          if (!this.stringIsValue) this.lastKey = keyName(this.key);
        }
        if (this.cellBytes > maxCellBytes) return this.tooLong('cell', maxCellBytes, this.stringIsValue ? this.lastKey : undefined);
      } else if (b === QUOTE) {
        this.inString = true;
        this.cellBytes = 1;
        this.stringIsValue = this.depth !== 1 || this.afterColon;
        if (!this.stringIsValue) this.key = [b];
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) this.depth += 1;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) this.depth -= 1;
      else if (this.depth === 1 && b === COLON) this.afterColon = true;
      else if (this.depth === 1 && b === COMMA) this.afterColon = false;
      if (this.lineBytes > maxLineBytes) return this.tooLong('line', maxLineBytes);
    }
    return null;
  }

  private tooLong(what: 'line' | 'cell', limit: number, column?: string): DomainError {
    const parameter = what === 'line' ? 'UPLOAD_MAX_LINE_BYTES' : 'UPLOAD_MAX_CELL_BYTES';
    const where = `line ${this.line}${column !== undefined ? `, column "${column}"` : ''}`;
    const message =
      what === 'line'
        ? `is longer than ${limit} bytes (${parameter}): one line holds one record`
        : `holds a value longer than ${limit} bytes (${parameter})`;
    return new DomainError('payload-too-large', `The package's ${where} ${message}; nothing was kept`, [
      { line: this.line, ...(column !== undefined ? { column } : {}), message },
    ], { limit: parameter });
  }
}

/** The name of a JSON key from its raw bytes (with quotes), or undefined if it is too long or malformed. */
function keyName(raw: number[]): string | undefined {
  if (raw.length > KEY_BYTES + 1) return undefined;
  try {
    const name = JSON.parse(Buffer.from(raw).toString('utf8')) as unknown;
    return typeof name === 'string' && !name.includes('\u0000') ? name : undefined;
  } catch {
    return undefined;
  }
}

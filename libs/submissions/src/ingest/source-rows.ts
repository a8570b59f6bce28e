import type { InputProblem } from '../../../errors/src/index.js';
import type { SourceItem } from '../../../package-catalogue/src/index.js';

/** What SourceRowsToCsv read, once its records have all been taken. */
export interface SourceRowsSummary {
  /** Rows staged (numbered 1 … rows). */
  rows: number;
  /** The problems reported (the reader's, and cells no row can hold), the first `maxProblems`, by line. */
  problems: InputProblem[];
  /** How many problems there are in all. */
  total: number;
}

/**
 * Turns what an input reader yields (rows in the type's columns, each with its source
 * line, and problems at the source file's lines and columns: InputReader.read) into CSV
 * records for COPY (`line_no,source line,"v1",…`, see copySourceSql), numbering the rows
 * 1, 2, … in the order read. Problems are kept (the first `maxProblems`; the rest go to
 * `overflow`), so they reject the package like a CSV package's. A row that is not the
 * type's columns is the reader's fault (an error, not the file's); a cell holding
 * U+0000 or a lone surrogate, which no text column can hold, is a problem of its line.
 */
export class SourceRowsToCsv {
  private rows = 0;
  private total = 0;
  private readonly listed: InputProblem[] = [];

  constructor(
    private readonly columns: readonly string[],
    private readonly maxProblems: number,
    private readonly overflow?: (problem: InputProblem) => void,
  ) {}

  /** Valid once `records` has been read to its end. */
  get summary(): SourceRowsSummary {
    const problems = [...this.listed].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || byCodePoint(a.column ?? '', b.column ?? ''));
    return { rows: this.rows, problems, total: this.total };
  }

  /** The CSV records of the rows `items` yields, in blocks. */
  async *records(items: AsyncIterable<SourceItem | readonly SourceItem[]>): AsyncGenerator<string> {
    let block = '';
    for await (const item of items) {
      if (Array.isArray(item)) {
        for (const one of item as readonly SourceItem[]) block += this.record(one);
      } else {
        block += this.record(item as SourceItem);
      }
      if (block.length >= 64 * 1024) {
        yield block;
        block = '';
      }
    }
    if (block !== '') yield block;
  }

  private record(item: SourceItem): string {
    if (!Number.isSafeInteger(item.line) || item.line < 1) throw new Error(`an input reader gave the line ${String(item.line)}: lines are numbered from 1`);
    if (!('cells' in item)) {
      this.problem({ line: item.line, ...(item.column !== undefined && item.column !== '' ? { column: String(item.column) } : {}), message: item.message });
      return '';
    }
    const cells = item.cells;
    if (cells.length !== this.columns.length) {
      throw new Error(`an input reader gave ${cells.length} cells at line ${item.line}; the type has ${this.columns.length} columns (${this.columns.join(', ')})`);
    }
    let bad = false;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (typeof v !== 'string') throw new Error(`an input reader gave a ${typeof v} for ${this.columns[i]} at line ${item.line}: cells are text`);
      if (v.includes('\u0000')) {
        this.problem({ line: item.line, column: this.columns[i], message: 'contains the character U+0000, which is not allowed in a value' });
        bad = true;
      } else if (!(v as string & { isWellFormed(): boolean }).isWellFormed()) {
        this.problem({ line: item.line, column: this.columns[i], message: 'contains a lone surrogate (U+D800-U+DFFF without its pair), which is not a character' });
        bad = true;
      }
    }
    if (bad) return '';
    this.rows += 1;
    let csv = `${this.rows},${item.line}`;
    for (const v of cells) csv += v.includes('"') ? ',"' + v.replace(/"/g, '""') + '"' : ',"' + v + '"';
    return csv + '\n';
  }

  private problem(p: InputProblem): void {
    this.total += 1;
    if (this.listed.length < this.maxProblems) this.listed.push(p);
    else this.overflow?.(p);
  }
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

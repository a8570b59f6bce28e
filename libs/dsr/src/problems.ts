/**
 * Problems found in a DSR report, each at a file, line and cell. An `error` means the data
 * cannot be taken as reported (the report should be refused or corrected); a `warning` is
 * read on (e.g. missing trailing cells that are all optional, an unknown record version).
 */
export type DsrProblemLevel = 'error' | 'warning';

export type DsrProblemCode =
  /** Not UTF-8, a byte-order mark, UTF-16. */
  | 'encoding'
  /** A gzip stream that is broken or cut short. */
  | 'gzip'
  /** Record order: HEAD first, summary records before blocks, FOOT last, a block split up. */
  | 'structure'
  /** An unknown record type, or one the profile does not allow, or an unknown version. */
  | 'record-type'
  /** Fewer cells than the record has. */
  | 'missing-cells'
  /** More cells than the record has (only non-empty extra cells are reported). */
  | 'extra-cells'
  /** The last line ends without a line break and is incomplete. */
  | 'truncated'
  /** A mandatory cell is empty. */
  | 'required'
  /** A cell's value does not have its type's form (integer, decimal, date, ISRC, …). */
  | 'format'
  /** A backslash that escapes nothing, or an unescaped `|` in a single-value cell. */
  | 'escape'
  /** A record refers to a summary record, release or resource that is not there. */
  | 'reference'
  /** Two summary records or blocks with the same id. */
  | 'duplicate'
  /** A FOOT count that differs from what the file or report holds. */
  | 'count'
  /** A summary record's totals differ from its sales/usage records'. */
  | 'reconciliation'
  /** Files of one report that disagree (HEAD ids, file x of n, missing files). */
  | 'multi-file';

export interface DsrProblem {
  readonly level: DsrProblemLevel;
  readonly code: DsrProblemCode;
  /** File number in the report (1-based, the order the files were given in). */
  readonly file: number;
  /** 1-based line of that file (0 when the problem is the file's as a whole). */
  readonly line: number;
  /** 1-based cell index in the line (the RecordType is cell 1), or null for the whole line. */
  readonly column: number | null;
  /** Name of the cell (as in DSR Part 8), or null. */
  readonly cell: string | null;
  /** Record id of the line as found (e.g. `SU02.02`), or null. */
  readonly recordType: string | null;
  readonly message: string;
  /** The text found in the cell, when it matters. */
  readonly value?: string;
  /** The other line the problem is about (e.g. the last sales record of a summary that does not add up). */
  readonly relatedLine?: number;
  /** File of `relatedLine`, when it is another file. */
  readonly relatedFile?: number;
}

/** "file 1 line 12 cell 9 (SU02.02 NumberOfStreams): …" */
export function describeProblem(p: DsrProblem): string {
  const cell = p.column !== null ? ` cell ${p.column}` : '';
  const what = p.recordType ? ` (${p.recordType}${p.cell ? ` ${p.cell}` : ''})` : p.cell ? ` (${p.cell})` : '';
  return `${p.level} file ${p.file} line ${p.line}${cell}${what}: ${p.message}`;
}
